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

from .adapter.config import PlaybookConfig
from .adapter.session import BuildSession, add_assets

__all__ = ["PlaybookConfig", "PlaybookPlugin"]


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    """Generates a page per scenario, family and principle from ``scenarios/*.yml``, stops the
    build on any problem in them (in serve: shows the last good version and a notice), and
    writes ``scenarios.json`` and the scenario JSON Schema next to the site."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        #: The current project's session; a new one when mkdocs.yml's folder changes.
        self.session: BuildSession | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is ``mkdocs serve`` (problems then do not stop the server)."""
        self.serving = command == "serve"

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
        self._session(config).start(config, self.config, serving=self.serving)
        add_assets(config)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the generated pages and the plugin's assets."""
        return self._session(config).add_files(files, config, self.config, serving=self.serving)

    def on_page_markdown(self, markdown: str, **kwargs: object) -> str:
        """In serve, put a notice listing the playbook's problems at the top of every page."""
        if self.serving and self.session is not None:
            return self.session.notice() + markdown
        return markdown

    # Before other plugins' on_env: a failed playbook stops the build before anything is written.
    @event_priority(50)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Report the worker's problems, if a worker made the pages."""
        self._session(config).check_worker()
        return env

    def on_build_error(self, *, error: Exception) -> None:
        """Close the build cache without pruning it, and stop the worker."""
        if self.session is not None:
            self.session.end(prune=False)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write ``scenarios.json`` and the JSON Schema into the built site."""
        self._session(config).write_exports(Path(config.site_dir), config.use_directory_urls)

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder
    ) -> LiveReloadServer:
        """Watch the scenario folder and the taxonomy file."""
        for path in self._session(config).paths(self.config):
            server.watch(str(path))
        return server
