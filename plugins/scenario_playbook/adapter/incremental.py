"""Exact dirty rebuilds in ``mkdocs serve --dirty``: after an edit, only the pages whose inputs
changed are rendered and written, and the site equals a clean build.

MkDocs' dirty build skips a page when ``page.file.is_modified()`` is false, which for its own
files means "the source is older than the output". That is not enough for a site where one page
lists others (the index, the family and principle pages, the tags page, the search index), so
the plugin decides instead. Every documentation page becomes a :class:`TrackedFile`, and:

1. **Reading** (MkDocs' first pass): every page is read, so that other plugins (Material's tags)
   see every page's metadata. A generated page whose key is unchanged gets empty Markdown, which
   its :class:`.TrackedPage` renders without Python-Markdown (its front matter, too, is parsed
   once per text); its output on disk is still right.
2. **Keys**: a page's key is a hash of its front matter and final Markdown (after every
   plugin's ``on_page_markdown``, with serve's problem notice) and of everything every page shows:
   the config file, the theme overrides, the list of files and their URLs, and the navigation.
   Hand-written pages also depend on the titles and tags of all pages (a tags listing).
3. **Writing** (MkDocs' second pass): only pages whose key changed, or whose output is gone.
4. **Search**: the entries Material's search plugin made for each page are kept, and the index
   is written again in the order of a clean build, with this build's entries for the pages it
   rebuilt and the kept ones for the others.
5. **Removed pages and files**: outputs of the last build that this build no longer has are
   deleted.

Anything that fails resets what was kept, so the next build writes every page.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .tracked_page import FrontMatter, TrackedPage, track_pages

log = get_plugin_logger(__name__)

SEARCH_INDEX = os.path.join("search", "search_index.json")


class TrackedFile(File):
    """A documentation page whose dirty build :class:`Incremental` decides."""

    tracker: Incremental

    def is_modified(self) -> bool:
        return self.tracker.is_modified(self)


def _digest(*parts: str) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _nav_lines(items: Iterable[Any], generated: dict[str, str]) -> Iterable[str]:
    """The navigation as every page shows it: titles and URLs. A page in it without a title
    of its own in mkdocs.yml shows its text's title: its text then counts."""
    for item in items:
        if isinstance(item, Section):
            yield f"section {item.title}"
            yield from _nav_lines(item.children, generated)
            yield "end"
        elif isinstance(item, Page):
            if item.title is not None:
                shown = item.title
            elif item.file.src_uri in generated:
                shown = "text " + _digest(generated[item.file.src_uri])
            else:
                shown = "file " + _file_digest(item.file.abs_src_path)
            yield f"page {item.file.url} {shown}"
        else:
            yield f"link {getattr(item, 'url', '')} {getattr(item, 'title', '')}"


def _file_digest(path: str | None) -> str:
    if path is None:
        return ""
    try:
        return hashlib.blake2b(Path(path).read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return "missing"


def _folder_stamp(folder: str | None) -> str:
    """Names, sizes and modification times of every file under ``folder``."""
    if not folder or not os.path.isdir(folder):
        return ""
    out = []
    for here, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            st = os.stat(os.path.join(here, name))
            out.append(f"{os.path.join(here, name)} {st.st_size} {st.st_mtime_ns}")
    return "\n".join(out)


class Incremental:
    """What one ``mkdocs serve --dirty`` remembers between builds, and this build's choices."""

    def __init__(self) -> None:
        #: Per page (src_uri): the key of the output now on disk.
        self.written: dict[str, str] = {}
        #: Per page: its anchors and its search entries (as JSON, without the brackets), from
        #: when it was last rendered.
        self.anchors: dict[str, set[str] | None] = {}
        self.search: dict[str, str] = {}
        #: Every output path of the last build (files MkDocs wrote or copied).
        self.outputs: set[str] = set()
        #: Front matter already parsed, by its text (see :mod:`.tracked_page`).
        self.front_matter = FrontMatter()
        #: Per tracked page: the source text it read last and that text's digest.
        self.sources: dict[str, tuple[str, str]] = {}
        self._reset_build()

    def _reset_build(self) -> None:
        self.building = False
        self.base = ""
        self.generated: dict[str, str] = {}
        self.keys: dict[str, str] = {}
        self.blanked: set[str] = set()
        self.rebuild: set[str] = set()
        self.search_mark = 0
        self.files: Files | None = None

    # -- on_files -------------------------------------------------------------------------

    def track(self, files: Files, generated: dict[str, str], config: MkDocsConfig) -> Files:
        """Make every documentation page a :class:`TrackedFile` (same order, same paths), and
        give the plugin's pages outside the ``nav`` a :class:`.TrackedPage`; ``generated``
        holds the plugin's pages' Markdown by src_uri."""
        self._reset_build()
        self.generated = generated
        out = []
        for f in files:
            if f.is_documentation_page() and not isinstance(f, TrackedFile):
                tracked = TrackedFile(
                    f.src_path,
                    f.src_dir,
                    f.dest_dir,
                    f.use_directory_urls,
                    dest_uri=f.dest_uri,
                    inclusion=f.inclusion,
                )
                if f.generated_by is not None:
                    tracked.generated_by = f.generated_by
                    tracked.content_bytes = f.content_bytes
                tracked.abs_src_path = f.abs_src_path
                f = tracked
            if isinstance(f, TrackedFile):
                f.tracker = self
            out.append(f)
        track_pages(out, generated, config, self.front_matter)
        return Files(out)

    # -- on_nav ---------------------------------------------------------------------------

    def begin(self, config: MkDocsConfig, files: Files, nav: Navigation) -> None:
        """The key part every page shares: config, theme overrides, files, navigation."""
        parts = [
            _file_digest(config.config_file_path),
            str(config.site_url),
            _folder_stamp(config.theme.custom_dir),
            json.dumps(config.extra, sort_keys=True, default=str),
            "\n".join(f"{f.src_uri} {f.url}" for f in files),
            "\n".join(_nav_lines(nav.items, self.generated)),
        ]
        self.base = _digest(*parts)

    # -- on_page_markdown (last) ----------------------------------------------------------

    def page_markdown(self, page: Page, markdown: str) -> str:
        """Key a page; an unchanged generated page gets no Markdown (it is not written)."""
        src = page.file.src_uri
        meta = json.dumps(page.meta, sort_keys=True, default=str)  # front matter, e.g. the title
        key = _digest(self.base, src, meta, self._text_digest(page, markdown))
        self.keys[src] = key
        if (
            src in self.generated
            and self.written.get(src) == key
            and os.path.isfile(page.file.abs_dest_path)
        ):
            self.blanked.add(src)
            return ""
        return markdown

    def _text_digest(self, page: Page, markdown: str) -> str:
        """A digest of the page's final Markdown.

        When no plugin changed what a :class:`.TrackedPage` read (the Markdown is the very
        object it read), that Markdown follows from the source text alone: the source's digest
        stands for it, and it is remembered for as long as the page reads the very same text
        object (the generated pages of the last build are kept in memory), so that an
        unchanged page costs no hashing at all."""
        if isinstance(page, TrackedPage) and page.source is not None and markdown is page.markdown:
            src = page.file.src_uri
            last = self.sources.get(src)
            if last is not None and last[0] is page.source:
                return last[1]
            digest = "source " + _digest(page.source)
            self.sources[src] = (page.source, digest)
            return digest
        return "text " + _digest(markdown)

    def page_content(self, page: Page) -> None:
        """A page not written keeps the anchors it had, for other pages' links to them."""
        src = page.file.src_uri
        if src in self.blanked:
            page.present_anchor_ids = self.anchors.get(src)
        else:
            self.anchors[src] = page.present_anchor_ids

    # -- on_env ---------------------------------------------------------------------------

    def choose(self, files: Files) -> None:
        """After every page is read: which pages to write."""
        self.files = files
        pages = [f.page for f in files.documentation_pages() if f.page is not None]
        listing = _digest(*(f"{p.file.src_uri} {p.title} {p.meta.get('tags')}" for p in pages))
        for page in pages:
            src = page.file.src_uri
            if src not in self.generated:  # hand-written: may list every page's tags
                self.keys[src] = _digest(self.keys.get(src, ""), listing)
            if src in self.blanked:
                continue
            if self.written.get(src) != self.keys.get(src) or not os.path.isfile(
                page.file.abs_dest_path
            ):
                self.rebuild.add(src)
        self.building = True

    def is_modified(self, file: File) -> bool:
        """Reading: every page; writing: the chosen ones."""
        return not self.building or file.src_uri in self.rebuild

    # -- on_page_context (after search) ---------------------------------------------------

    def page_context(self, page: Page, search: BasePlugin | None) -> None:
        """Keep the search entries Material's search plugin just made for this page."""
        index = getattr(search, "search_index", None)
        entries = getattr(index, "entries", None)
        if entries is None:
            return
        mine = entries[self.search_mark :]
        self.search[page.file.src_uri] = json.dumps(mine, separators=(",", ":"), default=str)[1:-1]
        self.search_mark = len(entries)

    # -- on_post_build (after search) -----------------------------------------------------

    def finish(self, config: MkDocsConfig, searching: bool) -> None:
        """Write the search index in a clean build's order, delete what the site no longer
        has, and remember this build's keys."""
        files = self.files
        if files is None:  # on_env never came
            self.forget()
            return
        pages = [f for f in files.documentation_pages() if f.page is not None]
        for f in pages:
            if f.src_uri in self.rebuild:
                self.written[f.src_uri] = self.keys[f.src_uri]
        current = {f.src_uri for f in pages}
        for gone in set(self.sources) - current:
            del self.sources[gone]
        for gone in set(self.written) - current:
            del self.written[gone]
            self.anchors.pop(gone, None)
            self.search.pop(gone, None)
        log.info("wrote %d of %d pages; the others are unchanged", len(self.rebuild), len(pages))
        if searching:
            self._write_search(config.site_dir, [f.src_uri for f in pages])
        outputs = {os.path.normpath(f.abs_dest_path) for f in files}
        for stale in sorted(self.outputs - outputs):
            _remove(stale, config.site_dir)
        self.outputs = outputs
        self.front_matter.prune()
        self._reset_build()

    def _write_search(self, site_dir: str, order: list[str]) -> None:
        path = os.path.join(site_dir, SEARCH_INDEX)
        with open(path, encoding="utf-8") as f:
            text = f.read(1 << 16)  # the config, before the entries
        prefix = '{"config":'
        if not text.startswith(prefix):
            log.warning("%s: not in the expected form; left as written", SEARCH_INDEX)
            return
        _, end = json.JSONDecoder().raw_decode(text, len(prefix))
        # each page's entries as JSON, joined: what json.dumps makes of the whole list
        body = ",".join(filter(None, (self.search.get(src, "") for src in order)))
        with open(path, "w", encoding="utf-8") as f:
            f.write(text[:end] + ',"docs":[' + body + "]}")

    def forget(self) -> None:
        """After a failed build: write every page next time (outputs stay known, to delete)."""
        self.written.clear()
        self.anchors.clear()
        self.search.clear()
        self._reset_build()


def _remove(path: str, site_dir: str) -> None:
    """Delete a stale output and the folders it leaves empty, up to the site folder."""
    try:
        os.remove(path)
    except FileNotFoundError:
        return
    folder, root = os.path.dirname(path), os.path.normpath(site_dir)
    while folder.startswith(root + os.sep) and not os.listdir(folder):
        os.rmdir(folder)
        folder = os.path.dirname(folder)
