"""Material's ``offline`` plugin, made to load nothing from the network.

The offline plugin adds the ``iframe-worker`` shim (which lets the search worker run from
``file://``) to ``extra.polyfills`` as a URL on unpkg.com. :func:`local_polyfills` swaps that URL
for the copy vendored in ``vendor/iframe-worker/`` (MIT licence), which the plugin then adds to
the site at :data:`SHIM_SRC`.
"""

from __future__ import annotations

from pathlib import Path

from ..publish.hostscan import is_remote

SHIM = Path(__file__).parent.parent / "vendor" / "iframe-worker" / "shim.js"
SHIM_SRC = "assets/vendor/iframe-worker/shim.js"


def local_polyfills(polyfills: list[str]) -> list[str]:
    """``polyfills`` with any remote ``iframe-worker`` script replaced by the vendored copy."""
    return [SHIM_SRC if "iframe-worker" in str(s) and is_remote(str(s)) else s for s in polyfills]


def needs_shim(polyfills: list[str]) -> bool:
    return SHIM_SRC in polyfills


def shim_bytes() -> bytes:
    return SHIM.read_bytes()
