"""The MkDocs plugin: a thin adapter from MkDocs events to the playbook core.

Each hook hands its work to the :class:`~.adapter.session.BuildSession`; the options live in
:class:`~.adapter.config.PlaybookConfig`.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .adapter import offline
from .adapter.config import PlaybookConfig
from .adapter.incremental import Incremental
from .adapter.pending_file import PendingFile
from .adapter.session import BuildSession, add_assets
from .render.raw_blocks import RawBlocks

__all__ = ["PlaybookConfig", "PlaybookPlugin"]


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    """Generates a page per scenario, family and principle from ``scenarios/*.yml``, stops the
    build on any problem in them (in serve: shows the last good version and a notice), and
    writes ``scenarios.json`` and the scenario JSON Schema next to the site."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        #: ``mkdocs serve --dirty``: each rebuild writes only the pages whose inputs changed.
        self.dirty = False
        #: The current project's session; a new one when mkdocs.yml's folder changes.
        self.session: BuildSession | None = None
        #: Hands the generated pages' HTML blocks to Python-Markdown unparsed.
        self.raw_blocks = RawBlocks()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is ``mkdocs serve`` (problems then do not stop the server)
        and whether its rebuilds are dirty."""
        self.serving = command == "serve"
        self.dirty = self.serving and dirty

    def _session(self, config: MkDocsConfig) -> BuildSession:
        root = Path(config.config_file_path or ".").resolve().parent
        if self.session is None or self.session.root != root:
            self.session = BuildSession(root)  # a new project: nothing remembered applies
        return self.session

    # Runs late, so that other plugins (such as Material's offline plugin) have settled
    # use_directory_urls before pages are rendered.
    @event_priority(-50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Start loading the playbook (in a worker, or now) and link the plugin's assets."""
        session = self._session(config)
        if self.dirty and session.incremental is None:
            session.incremental = Incremental()
        session.start(config, self.config, serving=self.serving)
        add_assets(config)
        config.markdown_extensions.append(self.raw_blocks)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the generated pages and the plugin's assets."""
        return self._session(config).add_files(files, config, self.config, serving=self.serving)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """In a dirty serve, note what every page shows (config, files, navigation)."""
        if self.session is not None and self.session.incremental is not None:
            self.session.incremental.begin(config, files, nav)
        return nav

    # Last, so that a dirty serve keys each page by its final Markdown.
    @event_priority(-100)
    def on_page_markdown(self, markdown: str, *, page: Page, **kwargs: object) -> str:
        """Store the HTML blocks of a generated page unparsed; let go of the worker's copy of
        its Markdown; in serve, put a notice listing the playbook's problems at the top of
        every page; in a dirty serve, leave out the text of a page that will not be written
        again."""
        self.raw_blocks.active = "playbook" in page.meta
        if isinstance(page.file, PendingFile):
            page.file.release()  # read: the page holds its Markdown now
        if not self.serving or self.session is None:
            return markdown
        notice = self.session.notice()
        if notice:  # else the very same text: a dirty serve knows it unchanged without hashing
            markdown = notice + markdown
        if self.session.incremental is not None:
            return self.session.incremental.page_markdown(page, markdown)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, **kwargs) -> str:
        """In the offline bundle, index only the opening of the playbook's pages; in a
        dirty serve, keep the anchors of pages for links to them."""
        if self.session is not None and self.session.incremental is not None:
            self.session.incremental.page_content(page)
        kind = (page.meta.get("playbook") or {}).get("kind")
        if kind and self.config.offline_search == "opening" and offline.is_offline(config):
            return offline.search_scope(page, kind, html)
        return html

    # Before other plugins' on_env: a failed playbook stops the build before anything is written.
    @event_priority(50)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Report the worker's problems, if a worker made the pages; in serve, reuse the theme's
        templates as earlier builds compiled them; in a dirty serve, choose the pages to write."""
        session = self._session(config)
        session.check_worker()
        if self.serving:
            env.bytecode_cache = session.compiled_templates
        if session.incremental is not None:
            session.incremental.choose(files)
        return env

    # After Material's search plugin, whose entries for this page a dirty serve keeps.
    @event_priority(-100)
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav: Navigation):
        """In a dirty serve, keep the search entries of the page."""
        if self.session is not None and self.session.incremental is not None:
            search = config.plugins.get("material/search") or config.plugins.get("search")
            self.session.incremental.page_context(page, search)
        return context

    def on_build_error(self, *, error: Exception) -> None:
        """Close the build cache without pruning it, and stop the worker."""
        if self.session is not None:
            self.session.end(prune=False)
            if self.session.incremental is not None:
                self.session.incremental.forget()

    # After Material's search plugin: a dirty serve writes the whole search index again.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write ``scenarios.json``, the JSON Schema and the finder's index into the built site;
        in a dirty serve, the search index in full and no stale pages."""
        session = self._session(config)
        session.write_exports(Path(config.site_dir), config.use_directory_urls)
        session.finish_incremental(config)

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder
    ) -> LiveReloadServer:
        """Watch the scenario folder, the taxonomy file and the templates folder, if any; keep
        what the first build loaded out of later garbage collections."""
        self._session(config).settle()
        for path in self._session(config).paths(self.config):
            server.watch(str(path))
        if self.config.templates:
            server.watch(str(self._session(config).root / self.config.templates))
        return server
