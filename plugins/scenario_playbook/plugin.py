"""The MkDocs plugin: a thin adapter from MkDocs events to the playbook core."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from . import exports, offline, preview, site, urls
from .cache import BuildCache
from .playbook import Loader, Playbook, display_path, scenario_files
from .problems import Problem, count, report

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


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.loader: Loader | None = None
        self.playbook: Playbook | None = None
        self.last_good: Playbook | None = None
        self.serving = False
        self.root = Path.cwd()
        self.store: BuildCache | None = None

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
        if self.config.cache:
            self.store = BuildCache(self.root / self.config.cache_dir)
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
        for path in site.asset_files():
            if path.endswith(".css") and path not in config.extra_css:
                config.extra_css.append(path)
            elif path.endswith(".js") and path not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(path)
        # After Material's offline plugin: serve its iframe-worker shim from the site.
        config.extra["polyfills"] = offline.local_polyfills(config.extra.get("polyfills", []))
        return config

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
        playbook = self.playbook if self.playbook and self.playbook.ok else self.last_good
        if playbook is None or playbook.taxonomy is None:
            return files
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
        clashes = site.collisions(pages, (f.src_uri for f in files), config.docs_dir, origin)
        if clashes:
            self._report(clashes)
        for src_uri, content in pages.items():
            if files.get_file_from_path(src_uri) is None:
                files.append(File.generated(config, src_uri, content=content))
        for src_uri, data in site.asset_files().items():
            files.append(File.generated(config, src_uri, content=data))
        if offline.needs_shim(config.extra["polyfills"]):
            files.append(File.generated(config, offline.SHIM_SRC, content=offline.shim_bytes()))
        escaped = site.outside((f.abs_dest_path for f in files), config.site_dir)
        if escaped:
            raise PluginError(f"output paths outside {config.site_dir}: {', '.join(escaped)}")
        return files

    def on_page_markdown(self, markdown: str, **kwargs: object) -> str:
        if self.serving and self.playbook is not None and self.playbook.problems:
            return preview.notice(self.playbook.problems) + markdown
        return markdown

    def _close_store(self, *, prune: bool) -> None:
        if self.store is not None:
            self.store.close(prune=prune)
            self.store = None
        if self.loader is not None:
            self.loader.store = None

    def on_build_error(self, *, error: Exception) -> None:
        self._close_store(prune=False)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._close_store(prune=True)
        playbook = self.playbook if self.playbook and self.playbook.ok else self.last_good
        if playbook is not None and playbook.taxonomy is not None:
            exports.write_site_exports(Path(config.site_dir), playbook.scenarios, playbook.taxonomy)

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder
    ) -> LiveReloadServer:
        folder, taxonomy = self._paths(config)
        server.watch(str(folder))
        server.watch(str(taxonomy))
        return server
