"""A build session: what the plugin's hooks hand their work to, one project at a time.

The session owns the :class:`~..core.loader.Loader` (files remembered across ``mkdocs serve``
rebuilds), the build cache on disk, the choice between the worker process and this process, and
serve's last good playbook. Each MkDocs hook calls one method here.
"""

from __future__ import annotations

import gc
import shutil
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from ..core.build_cache import BuildCache, CacheLocationError, location, open_cache
from ..core.files import OutsideProject, display_path, project_path, scenario_files
from ..core.loader import Loader, Playbook
from ..core.problems import Problem, count, report
from ..publish import exports
from ..render import site, urls
from ..search.script import SITE_SCRIPTS
from . import offline, preview, worker
from .compiled_templates import CompiledTemplates
from .config import PlaybookConfig
from .incremental import Incremental, TrackedFile
from .pending_file import PendingFile

log = get_plugin_logger(__name__)


class BuildSession:
    """One project's builds (a ``mkdocs serve`` makes many): load, cache, worker, last good."""

    def __init__(self, root: Path) -> None:
        self.root = root
        #: Every file read, by fingerprint: a rebuild re-reads only what changed.
        self.loader = Loader(root)
        #: This build's playbook, when it is loaded in this process.
        self.playbook: Playbook | None = None
        #: In serve, the playbook the site shows while the current one has problems.
        self.last_good: Playbook | None = None
        #: The build cache on disk, open during a build in this process.
        self.build_cache: BuildCache | None = None
        #: The worker making this build's pages, when there is one (see :mod:`.worker`).
        self.worker: worker.WorkerHandle | None = None
        #: In ``mkdocs serve --dirty``: which pages each rebuild writes (see :mod:`.incremental`).
        self.incremental: Incremental | None = None
        #: In serve: the theme's templates as compiled by an earlier build.
        self.compiled_templates = CompiledTemplates()
        #: In serve: the generated pages of the last build, in memory.
        self.recent_pages: site.RecentPages | None = None
        #: In serve: each scenario's JSON for ``scenarios.json``, by id.
        self.recent_json: exports.JsonMemo | None = None

    def paths(self, options: PlaybookConfig) -> tuple[Path, Path]:
        """The scenario folder and the taxonomy file, refused when outside the project."""
        try:
            return (
                project_path(self.root, "scenarios", options.scenarios),
                project_path(self.root, "taxonomy", options.taxonomy),
            )
        except OutsideProject as exc:
            raise PluginError(f"mkdocs.yml: {exc}") from exc

    def start(self, config: MkDocsConfig, options: PlaybookConfig, *, serving: bool) -> None:
        """Begin a build: start the worker, or load (and check) everything now."""
        folder, taxonomy = self.paths(options)
        files = scenario_files([folder]) if folder.is_dir() else []
        if not folder.is_dir():
            log.warning("scenario folder %s not found", display_path(folder, self.root))
        self.end(prune=False)  # a build that failed before on_post_build
        if serving and self.recent_pages is None:
            self.recent_pages, self.recent_json = site.RecentPages(), {}
        cache_dir = self._cache_dir(options)
        if not serving and options.parallel and worker.available() and worker.has_spare_core():
            job = worker.Job(
                self.root,
                files,
                taxonomy,
                options.templates,
                config.use_directory_urls,
                cache_dir,
                Path(tempfile.mkdtemp(prefix="playbook-exports-")),
            )
            try:
                self.worker, self.playbook = worker.start(job), None
            except BaseException:
                shutil.rmtree(job.exports_dir, ignore_errors=True)
                raise
            log.debug("reading, checking and rendering the scenarios in a worker process")
        else:
            self._load(files, taxonomy, cache_dir, serving=serving)

    def _cache_dir(self, options: PlaybookConfig) -> Path | None:
        """The build cache's folder, refused when it is (or leads) outside the project."""
        if not options.cache:
            return None
        try:
            return location(self.root, options.cache_dir)
        except CacheLocationError as exc:
            raise PluginError(f"mkdocs.yml: {exc}") from exc

    def _load(
        self, files: list[Path], taxonomy: Path, cache_dir: Path | None, *, serving: bool
    ) -> None:
        """Read and check everything now, in this process (serve, or no worker)."""
        if cache_dir is not None:
            self.build_cache, warnings = open_cache(cache_dir, self.root)
            for warning in warnings:
                log.warning(warning)
        self.loader.build_cache = self.build_cache
        self.playbook = self.loader.load(files, taxonomy)
        self.loader.forget_missing([*files, taxonomy])
        # In serve, say which files this rebuild read (the others came from the cache).
        (log.info if serving else log.debug)(preview.reads_message(self.playbook.reads))
        report_problems(self.playbook.problems, serving=serving)
        if self.playbook.ok:
            self.last_good = self.playbook
        elif serving:
            self.last_good = preview.shown_playbook(self.playbook, self.last_good)

    @property
    def shown(self) -> Playbook | None:
        """The playbook the site shows: this build's, or in serve the last good one."""
        return self.playbook if self.playbook and self.playbook.ok else self.last_good

    def add_files(
        self, files: Files, config: MkDocsConfig, options: PlaybookConfig, *, serving: bool
    ) -> Files:
        """Add the generated pages and the plugin's assets to MkDocs' files."""
        pages, origin = self._pages(config, options)
        clashes = site.collisions(pages, (f.src_uri for f in files), config.docs_dir, origin)
        if clashes:  # with the worker's problems too: all of them at once
            found = self.worker.outcome().problems if self.worker else []
            report_problems(clashes + found, serving=serving)
        generated = {}
        for src_uri, content in pages.items():
            if files.get_file_from_path(src_uri) is not None:
                continue
            if content is None:  # made by the worker; MkDocs reads it when it gets there
                assert self.worker is not None
                files.append(PendingFile.of(config, src_uri, self.worker))
            else:
                kind = File if self.incremental is None else TrackedFile  # tracked: made so now
                files.append(kind.generated(config, src_uri, content=content))
                generated[src_uri] = content
        for src_uri, data in site.asset_files().items():
            files.append(File.generated(config, src_uri, content=data))
        if offline.needs_shim(config.extra["polyfills"]):
            files.append(File.generated(config, offline.SHIM_SRC, content=offline.shim_bytes()))
            search_worker = offline.material_search_worker(config, files)
            if search_worker is not None:
                script = offline.worker_script(search_worker)
                files.append(File.generated(config, offline.WORKER_SRC, content=script))
                config.extra["polyfills"] = offline.with_worker_script(config.extra["polyfills"])
        escaped = site.outside((f.abs_dest_path for f in files), config.site_dir)
        if escaped:
            raise PluginError(f"output paths outside {config.site_dir}: {', '.join(escaped)}")
        if self.incremental is not None:
            files = self.incremental.track(files, generated, config)
        return files

    def _pages(
        self, config: MkDocsConfig, options: PlaybookConfig
    ) -> tuple[dict[str, str | None], dict[str, str]]:
        """The generated pages (None: still to come from the worker) and each scenario page's
        source file."""
        if self.worker is not None:
            plan = self.worker.plan()
            return dict.fromkeys(plan.pages), plan.origin
        playbook = self.shown
        if playbook is None or playbook.taxonomy is None:
            return {}, {}
        pages = site.generated_pages(
            playbook.scenarios,
            playbook.taxonomy,
            options.templates,
            config.use_directory_urls,
            build_cache=self.build_cache,
            digests=playbook.digests,
            taxonomy_digest=playbook.taxonomy_digest,
            recent=self.recent_pages,
        )
        origin = {urls.scenario_src(i): d.path for i, d in playbook.docs.items()}
        return dict(pages), origin

    def settle(self) -> None:
        """After serve's first build, before the rebuilds: keep what lives on out of Python's
        full garbage collections.

        The scenarios stay in memory between rebuilds (tens of thousands of small objects at a
        thousand scenarios), and every full collection during a rebuild walked them all again,
        a fifth of a second each time. Collected once now and then frozen, they are left out;
        a scenario replaced by an edit is still freed as usual.
        """
        gc.collect()
        gc.freeze()

    def notice(self) -> str:
        """In serve, the problems to show at the top of every page (empty: none)."""
        if self.playbook is not None and self.playbook.problems:
            return preview.notice(self.playbook.problems)
        return ""

    def check_worker(self) -> None:
        """Wait for the worker's outcome and report its problems (stops the build on any)."""
        if self.worker is not None:
            outcome = self.worker.outcome()
            log.debug(preview.reads_message(outcome.reads))
            for warning in outcome.warnings:
                log.warning(warning)
            report_problems(outcome.problems, serving=False)

    def write_exports(self, site_dir: Path, use_directory_urls: bool) -> None:
        """Write what the site publishes beside its pages (data, schema, the situation
        finder's index), then end the build."""
        if self.worker is not None:
            written = self.worker.outcome().exports
            exports.move_site_exports(site_dir, self.worker.job.exports_dir, written)
            self.end(prune=False)
            return
        self.end(prune=True)
        playbook = self.shown
        if playbook is not None and playbook.taxonomy is not None:
            parts = exports.export_parts(
                playbook.scenarios, playbook.taxonomy, use_directory_urls, self.recent_json
            )
            exports.write_site_exports(site_dir, parts)

    def finish_incremental(self, config: MkDocsConfig) -> None:
        """In a dirty serve: write the search index in full and remove stale pages."""
        if self.incremental is not None:
            searching = bool(config.plugins.get("material/search") or config.plugins.get("search"))
            self.incremental.finish(config, searching)

    def end(self, *, prune: bool) -> None:
        """Close the build cache (``prune``: forget what this build did not use) and stop the
        worker, if either is still there."""
        if self.build_cache is not None:
            self.build_cache.close(prune=prune)
            for warning in self.build_cache.warnings:
                log.warning(warning)
            self.build_cache = None
        self.loader.build_cache = None
        if self.worker is not None:
            self.worker.stop()
            self.worker = None


def add_assets(config: MkDocsConfig) -> None:
    """Link the plugin's CSS and JavaScript from every page, and serve Material's offline
    shim from the site instead of a CDN."""
    for path in site.asset_files():
        if path.endswith(".css") and path not in config.extra_css:
            config.extra_css.append(path)
        elif path.endswith(".js") and path not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(path)
    # The situation finder's stemmer and index: plain scripts written beside the site's pages.
    scripts = [str(s) for s in config.extra_javascript]
    config.extra_javascript.extend(p for p in SITE_SCRIPTS if p not in scripts)
    # After Material's offline plugin: serve its iframe-worker shim from the site.
    config.extra["polyfills"] = offline.local_polyfills(config.extra.get("polyfills", []))


def report_problems(problems: list[Problem], *, serving: bool) -> None:
    """Stop the build with every problem at once; in serve, log them and go on showing the
    last good version."""
    if not problems:
        return
    if not serving:
        raise PluginError(report(problems))
    for problem in problems:
        log.error(problem.text())
    log.error(
        "%s in the playbook; showing the last good version until they are fixed",
        count(problems),
    )
