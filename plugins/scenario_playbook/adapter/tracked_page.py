"""Pages a ``mkdocs serve --dirty`` rebuild reads and renders for less, with the same result.

A rebuild reads every page again (see :mod:`.incremental`), though most of the plugin's pages
are the same text as last time and will not be written. Two things made that reading cost as
much as the rest of the rebuild at a thousand scenarios, and :class:`TrackedPage` does each the
short way, giving exactly what MkDocs' :class:`~mkdocs.structure.pages.Page` gives:

- **Front matter**: MkDocs parses each page's YAML front matter on every build. A page whose
  front matter is the same text as in an earlier build gets a copy of what that text gave then
  (:class:`FrontMatter`).
- **Blank pages**: a page that will not be written again has no Markdown by then, and MkDocs
  would still build a Python-Markdown instance with every extension to convert it. Blank
  Markdown converts to nothing, whatever the extensions, so the page gets what ``render`` gives
  for it: no content, an empty table of contents, no anchors.

MkDocs lets a plugin make a file's page itself (``File.page``): the navigation then uses that
page. The plugin does so only for generated pages that ``mkdocs.yml``'s ``nav`` does not name
(a page named there takes its title from the ``nav`` entry).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import meta


class FrontMatter:
    """MkDocs' :func:`mkdocs.utils.meta.get_data`, remembered by the front matter's text."""

    def __init__(self) -> None:
        self.known: dict[str, dict[str, Any]] = {}
        self.used: set[str] = set()

    def split(self, source: str) -> tuple[str, dict[str, Any]]:
        """A page's Markdown and its front matter, as ``get_data`` gives them."""
        found = meta.YAML_RE.match(source)
        if found is None:
            return meta.get_data(source)
        text = found.group(1)
        data = self.known.get(text)
        if data is None:
            markdown, data = meta.get_data(source)
            if len(markdown) == len(source):  # not a mapping, or not YAML: nothing to keep
                return markdown, data
            self.known[text] = copy.deepcopy(data)
            self.used.add(text)
            return markdown, data
        self.used.add(text)
        return source[found.end() :].lstrip("\n"), copy.deepcopy(data)

    def prune(self) -> None:
        """Forget what the last build did not read (a long serve session stays small)."""
        self.known = {text: data for text, data in self.known.items() if text in self.used}
        self.used = set()


class TrackedPage(Page):
    """A page that reads its front matter through :class:`FrontMatter` and renders blank
    Markdown without Python-Markdown (see the module's docstring)."""

    def __init__(self, file: File, config: MkDocsConfig, front_matter: FrontMatter) -> None:
        super().__init__(None, file, config)
        self.front_matter = front_matter
        #: The text the page was read from (front matter and Markdown).
        self.source: str | None = None

    def read_source(self, config: MkDocsConfig) -> None:
        source = config.plugins.on_page_read_source(page=self, config=config)
        if source is None:
            source = self.file.content_string
        self.source = source
        self.markdown, self.meta = self.front_matter.split(source)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None or self.markdown.strip():
            super().render(config, files)
            return
        # What Page.render gives for blank Markdown: Python-Markdown converts it to nothing.
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()


def nav_paths(nav: Any) -> set[str]:
    """Every page path ``mkdocs.yml``'s ``nav`` names (its string leaves, as MkDocs looks them
    up; a leading ``/`` dropped, which can only name more pages than MkDocs would)."""
    found: set[str] = set()
    stack: list[Any] = [nav]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.add(PurePosixPath(item.lstrip("/")).as_posix())
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def track_pages(
    files: Iterable[File], generated: Iterable[str], config: MkDocsConfig, front: FrontMatter
) -> None:
    """Give each generated page that the ``nav`` does not name a :class:`TrackedPage`."""
    named = nav_paths(config.nav)
    wanted = set(generated) - named
    for file in files:
        if file.src_uri in wanted and file.page is None:
            TrackedPage(file, config, front)
