"""The MkDocs plugin: a thin adapter from MkDocs events to the playbook core."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from . import exports, offline, preview, site, urls, worker
from .cache import BuildCache, CacheLocationError, location, open_cache
from .playbook import Loader, Playbook, display_path, scenario_files
from .problems import Problem, count, report
from .worker import PendingFile

log = get_plugin_logger(__name__)


class PlaybookConfig(base.Config):
    scenarios = opt.Type(str, default="scenarios")
    """Folder of scenario YAML files, relative to mkdocs.yml."""
    taxonomy = opt.Type(str, default="taxonomy.yml")
    """The taxonomy file (families, roles, stages, principles), relative to mkdocs.yml."""
    templates = opt.Optional(opt.Dir(exists=True))
    """A folder whose templates override the built-in ones of the same name."""
    cache = opt.Type(bool, default=True)
    """Keep validated scenarios and rendered pages on disk, keyed by all their inputs, so that
    a rebuild redoes only what changed."""
    cache_dir = opt.Type(str, default=".cache/playbook")
    """Where the build cache lives, relative to mkdocs.yml."""
    parallel = opt.Type(bool, default=True)
    """On `mkdocs build`, read, check and render the scenarios in a second process while
    MkDocs builds the site (Linux, with two cores or more); off, all in MkDocs' process."""


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.loader: Loader | None = None
        self.playbook: Playbook | None = None
        self.last_good: Playbook | None = None
        self.serving = False
        self.root = Path.cwd()
        self.store: BuildCache | None = None
        #: The worker making this build's pages, when there is one (see :mod:`.worker`).
        self.beside: worker.Beside | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def _paths(self, config: MkDocsConfig) -> tuple[Path, Path]:
        self.root = Path(config.config_file_path or ".").resolve().parent
        return self.root / self.config.scenarios, self.root / self.config.taxonomy

    # Runs late, so that other plugins (such as Material's offline plugin) have settled
    # use_directory_urls before pages are rendered.
    @event_priority(-50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        folder, taxonomy = self._paths(config)
        if self.loader is None or self.loader.base != self.root:
            self.loader = Loader(self.root)  # a new project: nothing cached applies
            self.last_good = None
        files = scenario_files([folder]) if folder.is_dir() else []
        if not folder.is_dir():
            log.warning("scenario folder %s not found", display_path(folder, self.root))
        self._close_store(prune=False)  # a build that failed before on_post_build
        self._stop_worker()
        cache_dir = self._cache_dir()
        if not self.serving and self.config.parallel and worker.available() and worker.helps():
            job = worker.Job(
                self.root,
                files,
                taxonomy,
                self.config.templates,
                config.use_directory_urls,
                cache_dir,
            )
            self.beside, self.playbook = worker.start(job), None
            log.debug("reading, checking and rendering the scenarios in a worker process")
        else:
            self._load(files, taxonomy, cache_dir)
        for path in site.asset_files():
            if path.endswith(".css") and path not in config.extra_css:
                config.extra_css.append(path)
            elif path.endswith(".js") and path not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(path)
        # After Material's offline plugin: serve its iframe-worker shim from the site.
        config.extra["polyfills"] = offline.local_polyfills(config.extra.get("polyfills", []))
        return config

    def _cache_dir(self) -> Path | None:
        """The build cache's folder, refused when it is outside the project."""
        if not self.config.cache:
            return None
        try:
            return location(self.root, self.config.cache_dir)
        except CacheLocationError as exc:
            raise PluginError(f"mkdocs.yml: {exc}") from exc

    def _load(self, files: list[Path], taxonomy: Path, cache_dir: Path | None) -> None:
        """Read and check everything now, in this process (serve, or no worker)."""
        assert self.loader is not None
        if cache_dir is not None:
            self.store, warnings = open_cache(cache_dir, self.root)
            for warning in warnings:
                log.warning(warning)
        self.loader.store = self.store
        self.playbook = self.loader.load(files, taxonomy)
        self.loader.forget_missing([*files, taxonomy])
        # In serve, say which files this rebuild read (the others came from the cache).
        if self.serving:
            log.info(preview.reads_message(self.playbook.reads))
        else:
            log.debug(preview.reads_message(self.playbook.reads))
        self._report(self.playbook.problems)
        if self.playbook.ok:
            self.last_good = self.playbook
        elif self.serving:
            self.last_good = preview.shown_playbook(self.playbook, self.last_good)

    def _report(self, problems: list[Problem]) -> None:
        if not problems:
            return
        if not self.serving:
            raise PluginError(report(problems))
        for problem in problems:
            log.error(problem.text())
        log.error(
            "%s in the playbook; showing the last good version until they are fixed",
            count(problems),
        )

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        pages, origin = self._pages(config)
        clashes = site.collisions(pages, (f.src_uri for f in files), config.docs_dir, origin)
        if clashes:  # with the worker's problems too: all of them at once
            self._report(clashes + (self.beside.outcome().problems if self.beside else []))
        for src_uri, content in pages.items():
            if files.get_file_from_path(src_uri) is not None:
                continue
            if content is None:  # made by the worker; MkDocs reads it when it gets there
                assert self.beside is not None
                files.append(PendingFile.of(config, src_uri, self.beside))
            else:
                files.append(File.generated(config, src_uri, content=content))
        for src_uri, data in site.asset_files().items():
            files.append(File.generated(config, src_uri, content=data))
        if offline.needs_shim(config.extra["polyfills"]):
            files.append(File.generated(config, offline.SHIM_SRC, content=offline.shim_bytes()))
        escaped = site.outside((f.abs_dest_path for f in files), config.site_dir)
        if escaped:
            raise PluginError(f"output paths outside {config.site_dir}: {', '.join(escaped)}")
        return files

    def _pages(self, config: MkDocsConfig) -> tuple[dict[str, str | None], dict[str, str]]:
        """The generated pages (None: still to come from the worker) and each scenario page's
        source file."""
        if self.beside is not None:
            plan = self.beside.plan()
            return dict.fromkeys(plan.pages), plan.origin
        playbook = self.shown
        if playbook is None or playbook.taxonomy is None:
            return {}, {}
        pages = site.generated_pages(
            playbook.scenarios,
            playbook.taxonomy,
            self.config.templates,
            config.use_directory_urls,
            store=self.store,
            digests=playbook.digests,
            taxonomy_digest=playbook.taxonomy_digest,
        )
        origin = {urls.scenario_src(i): d.path for i, d in playbook.docs.items()}
        return dict(pages), origin

    @property
    def shown(self) -> Playbook | None:
        """The playbook the site shows: this build's, or in serve the last good one."""
        return self.playbook if self.playbook and self.playbook.ok else self.last_good

    def on_page_markdown(self, markdown: str, **kwargs: object) -> str:
        if self.serving and self.playbook is not None and self.playbook.problems:
            return preview.notice(self.playbook.problems) + markdown
        return markdown

    # Before other plugins' on_env: a failed playbook stops the build before anything is written.
    @event_priority(50)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.beside is not None:
            outcome = self.beside.outcome()
            log.debug(preview.reads_message(outcome.reads))
            for warning in outcome.warnings:
                log.warning(warning)
            self._report(outcome.problems)
        return env

    def _close_store(self, *, prune: bool) -> None:
        if self.store is not None:
            self.store.close(prune=prune)
            for warning in self.store.warnings:
                log.warning(warning)
            self.store = None
        if self.loader is not None:
            self.loader.store = None

    def _stop_worker(self) -> None:
        if self.beside is not None:
            self.beside.stop()
            self.beside = None

    def on_build_error(self, *, error: Exception) -> None:
        self._close_store(prune=False)
        self._stop_worker()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        if self.beside is not None:
            exports.write_site_exports(site_dir, self.beside.outcome().exports)
            self._stop_worker()
            return
        self._close_store(prune=True)
        playbook = self.shown
        if playbook is not None and playbook.taxonomy is not None:
            texts = exports.site_exports(playbook.scenarios, playbook.taxonomy)
            exports.write_site_exports(site_dir, texts)

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder
    ) -> LiveReloadServer:
        folder, taxonomy = self._paths(config)
        server.watch(str(folder))
        server.watch(str(taxonomy))
        return server
