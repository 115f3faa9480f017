"""Material's ``offline`` plugin, made to load nothing from the network and to search off the
page's thread.

The offline plugin adds the ``iframe-worker`` shim (which lets the search worker run from
``file://``) to ``extra.polyfills`` as a URL on unpkg.com. :func:`local_polyfills` swaps that URL
for the copy vendored in ``vendor/iframe-worker/`` (MIT licence), which the plugin then adds to
the site at :data:`SHIM_SRC`.

iframe-worker runs the worker on the page's own thread: at a thousand scenarios, building the
search index froze the page for a third of a second or more. So the bundle's pages load
:data:`WORKER_SRC` first (:func:`worker_script`), which starts Material's search worker as a
real Web Worker from a ``blob:`` URL, with iframe-worker as its fallback.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..publish.hostscan import is_remote
from ..render.pages import TEMPLATE_OPTIONS, TEMPLATES

SHIM = Path(__file__).parent.parent / "vendor" / "iframe-worker" / "shim.js"
SHIM_SRC = "assets/vendor/iframe-worker/shim.js"
#: The script that starts Material's search worker off the page's thread (before the shim).
WORKER_SRC = "assets/playbook/search-worker.js"
WORKER_TEMPLATE = "search-worker.js.j2"
#: Material's search worker among the theme's files (its name carries a hash of its text).
MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")


def local_polyfills(polyfills: list[str]) -> list[str]:
    """``polyfills`` with any remote ``iframe-worker`` script replaced by the vendored copy."""
    return [SHIM_SRC if "iframe-worker" in str(s) and is_remote(str(s)) else s for s in polyfills]


def needs_shim(polyfills: list[str]) -> bool:
    """Whether the polyfills name the iframe-worker shim (Material's offline plugin adds it)."""
    return SHIM_SRC in polyfills


def shim_bytes() -> bytes:
    """The vendored iframe-worker shim."""
    return SHIM.read_bytes()


def material_search_worker(config: MkDocsConfig, files: Files) -> File | None:
    """Material's search worker, when the bundle can start it from a ``blob:`` URL: Material's
    search is on and in English only (other languages make the worker load lunr's language
    scripts, which a worker from a ``blob:`` URL cannot), and the theme has one such worker."""
    search = config.plugins.get("material/search")
    if search is None or not search.config.enabled or list(search.config.lang or []) != ["en"]:
        return None
    found = [f for f in files if MATERIAL_WORKER.fullmatch(f.dest_uri)]
    return found[0] if len(found) == 1 else None


def worker_script(worker: File) -> str:
    """The script at :data:`WORKER_SRC`: from ``file://`` it starts ``worker`` (Material's
    search worker, whose text it carries) as a real Web Worker, so that building the search
    index and every query leave the page's thread; other workers still go to iframe-worker."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=False, **TEMPLATE_OPTIONS
    )
    path = posixpath.relpath(worker.dest_uri, posixpath.dirname(WORKER_SRC))
    return env.get_template(WORKER_TEMPLATE).render(worker=path, source=worker.content_string)


def with_worker_script(polyfills: list[str]) -> list[str]:
    """``polyfills`` with :data:`WORKER_SRC` just before the iframe-worker shim (the shim then
    hands it iframe-worker as the fallback)."""
    rest = [s for s in polyfills if s != WORKER_SRC]
    at = rest.index(SHIM_SRC)
    return [*rest[:at], WORKER_SRC, *rest[at:]]


_HEADING = re.compile(r"<h([2-6])(?=[\s>])")
#: Blocks of a scenario's opening that the bundle's index leaves out too: the first line and
#: the moves (each is also a section of the page).
_OPENING_EXTRAS = re.compile(r'<(div|p|ol) class="(pb-first-say|pb-label pb-moves-label|pb-moves)"')


def index_opening_only(html: str) -> str:
    """Mark every section after a page's opening as left out of Material's search index.

    The offline bundle builds its search index in the page's own thread (no Web Worker from
    ``file://``), so at a thousand scenarios the full text would freeze the page for seconds.
    Its scenario pages are found by their title, summary and search words, which stand
    before the first ``<h2>``. Material's search plugin removes the
    ``data-search-exclude`` marks from the page once indexed, so the pages stay as they are.
    """
    html = _OPENING_EXTRAS.sub(r'<\1 class="\2" data-search-exclude', html)
    return _HEADING.sub(r"<h\1 data-search-exclude", html)


def is_offline(config: MkDocsConfig) -> bool:
    """Whether Material's offline plugin is on in this build (``playbook bundle``)."""
    plugin = config.plugins.get("material/offline")
    return plugin is not None and bool(plugin.config.enabled)


def search_scope(page: Page, kind: str, html: str) -> str:
    """What the offline bundle indexes of a generated page: a scenario, family or principle
    page by its opening (the scenario index is left out of every build's search: see
    ``render.pages.render_index``)."""
    if kind == "index":
        return html
    return index_opening_only(html)
