"""Material's ``offline`` plugin, made to load nothing from the network.

The offline plugin adds the ``iframe-worker`` shim (which lets the search worker run from
``file://``) to ``extra.polyfills`` as a URL on unpkg.com. :func:`local_polyfills` swaps that URL
for the copy vendored in ``vendor/iframe-worker/`` (MIT licence), which the plugin then adds to
the site at :data:`SHIM_SRC`.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from ..publish.hostscan import is_remote

SHIM = Path(__file__).parent.parent / "vendor" / "iframe-worker" / "shim.js"
SHIM_SRC = "assets/vendor/iframe-worker/shim.js"


def local_polyfills(polyfills: list[str]) -> list[str]:
    """``polyfills`` with any remote ``iframe-worker`` script replaced by the vendored copy."""
    return [SHIM_SRC if "iframe-worker" in str(s) and is_remote(str(s)) else s for s in polyfills]


def needs_shim(polyfills: list[str]) -> bool:
    """Whether the polyfills name the iframe-worker shim (Material's offline plugin adds it)."""
    return SHIM_SRC in polyfills


def shim_bytes() -> bytes:
    """The vendored iframe-worker shim."""
    return SHIM.read_bytes()


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
