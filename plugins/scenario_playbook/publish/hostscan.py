"""Find anything in built HTML, CSS or JavaScript that would load from another host.

The rule (what counts as a load):

- HTML: ``src``, ``srcset``, ``poster``, ``background`` and ``<object data>`` on any element;
  ``href`` on ``<link>`` (unless every ``rel`` only names another page, such as ``canonical``
  or ``alternate``), on ``<base>`` and on SVG ``<image>``/``<use>``/``<feImage>`` (also as
  ``xlink:href``); a ``<meta http-equiv="refresh">`` target; and CSS in ``style`` attributes
  and ``<style>`` elements, JavaScript in inline ``<script>`` elements.
  Plain ``<a href>`` navigation links load nothing until someone follows them, and are allowed.
- CSS: ``url(...)`` and ``@import`` targets.
- JavaScript: any string literal that is an absolute URL (``http(s)://``, ``ws(s)://``,
  ``ftp://``) or starts with ``//host.name``. Minified code hides which function a URL is handed
  to, so every URL in a string counts, except XML namespace names (never fetched) and the
  few :data:`KNOWN_DORMANT` URLs in Material's own scripts, which load only under conditions
  this playbook never meets.

"Another host" means a URL with a network scheme or a protocol-relative ``//host``; relative
paths, ``data:``, ``blob:`` and fragment links stay on the page's own files.
"""

from __future__ import annotations

import html.parser
import re
from collections.abc import Iterator
from pathlib import Path

from ..core.helpers import line_col
from ..core.problems import Problem

REMOTE = re.compile(r"^\s*(?:(?:https?|wss?|ftp):)?//", re.IGNORECASE)
NAMESPACES = frozenset(
    {
        "http://www.w3.org/2000/svg",
        "http://www.w3.org/1999/xhtml",
        "http://www.w3.org/1999/xlink",
        "http://www.w3.org/1998/Math/MathML",
        "http://www.w3.org/XML/1998/namespace",
        "http://www.w3.org/2000/xmlns/",
    }
)
#: URLs in Material for MkDocs' bundled scripts (``assets/javascripts/``) that are only loaded
#: under a condition, with the condition. None of them holds for this playbook: no Mermaid
#: diagrams (no such Markdown extension is configured), no ``repo_url``, and every browser the
#: playbook supports has ``ResizeObserver``.
KNOWN_DORMANT = {
    "https://unpkg.com/resize-observer-polyfill": "only in browsers without ResizeObserver",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "only on pages with Mermaid diagrams",
    "https://api.github.com/repos/": "only when repo_url is set",
    "https://api.github.com/users/": "only when repo_url is set",
    "https://${e}/api/v4/projects/": "only when repo_url is set",
    "https://bit.ly/2s3ChXG": "text of a console warning in the search worker",
}
VENDOR_JS = "assets/javascripts/"
NAVIGATION_RELS = frozenset(
    {"canonical", "alternate", "prev", "next", "author", "license", "help", "bookmark", "me"}
)
SVG_HREF_TAGS = frozenset({"image", "use", "feimage"})
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.I | re.S)
JS_URL = re.compile(
    r"""(['"`])((?:https?|wss?|ftp)://[^'"`\s\\]*|//[\w-]+(?:\.[\w-]+)+[^'"`\s\\]*)""",
    re.IGNORECASE,
)
REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"]+)", re.IGNORECASE)


def is_remote(url: str) -> bool:
    """Whether a URL names another host (scheme or ``//``)."""
    return bool(REMOTE.match(url))


def scan_css(text: str, line: int = 1, col: int = 1) -> Iterator[tuple[int, int, str]]:
    """Loads from another host in a stylesheet (``url()``, ``@import``)."""
    for match in CSS_URL.finditer(text):
        url = match.group(2) if match.group(2) is not None else match.group(4)
        if url and is_remote(url):
            yield (*line_col(text, match.start(), line, col), url.strip())


def scan_js(
    text: str, line: int = 1, col: int = 1, *, vendor: bool = False
) -> Iterator[tuple[int, int, str]]:
    """Absolute URLs in a script's strings, except the known harmless ones."""
    for match in JS_URL.finditer(text):
        url = match.group(2)
        if url in NAMESPACES or url.startswith("//#"):
            continue
        if vendor and any(url.startswith(known) for known in KNOWN_DORMANT):
            continue
        yield (*line_col(text, match.start(2), line, col), url)


class _HtmlScanner(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, str]] = []
        self._inline: str | None = None
        self._start = (1, 1)

    def _attr_urls(self, tag: str, attrs: dict[str, str]) -> Iterator[str]:
        for name in ("src", "poster", "background"):
            if attrs.get(name):
                yield attrs[name]
        if attrs.get("srcset"):
            yield from (part.split()[0] for part in attrs["srcset"].split(",") if part.split())
        if tag == "object" and attrs.get("data"):
            yield attrs["data"]
        if tag == "link" and attrs.get("href"):
            rels = set(attrs.get("rel", "").lower().split())
            if not rels or not rels <= NAVIGATION_RELS:
                yield attrs["href"]
        if tag == "base" and attrs.get("href"):
            yield attrs["href"]
        if tag in SVG_HREF_TAGS:
            yield from (attrs[n] for n in ("href", "xlink:href") if attrs.get(n))
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            found = REFRESH_URL.search(attrs.get("content", ""))
            if found:
                yield found.group(1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, col = self.getpos()
        values = {k.lower(): v or "" for k, v in attrs}
        self.found += [(line, col + 1, u.strip()) for u in self._attr_urls(tag, values)]
        self.found += scan_css(values.get("style", ""), line, col + 1)
        if tag in ("style", "script") and not values.get("src"):
            self._inline = tag
            self._start = (line, col + 1)

    def handle_endtag(self, tag: str) -> None:
        self._inline = None

    def handle_data(self, data: str) -> None:
        line, col = self.getpos()
        if self._inline == "style":
            self.found += scan_css(data, line, col + 1)
        elif self._inline == "script":
            self.found += scan_js(data, line, col + 1)


def scan_html(text: str) -> list[tuple[int, int, str]]:
    """Loads from another host in a page (sources, stylesheets, inline CSS and JS)."""
    scanner = _HtmlScanner()
    scanner.feed(text)
    scanner.close()
    return [f for f in scanner.found if is_remote(f[2])]


def scan_text(text: str, suffix: str, rel_path: str = "") -> list[tuple[int, int, str]]:
    """Remote loads in one file's text, by its kind (``.html``, ``.css`` or ``.js``)."""
    if suffix == ".html":
        return scan_html(text)
    if suffix == ".css":
        return list(scan_css(text))
    if suffix in (".js", ".mjs"):
        return list(scan_js(text, vendor=rel_path.startswith(VENDOR_JS)))
    return []


def scan_tree(root: Path, shown: str = "") -> list[Problem]:
    """Every remote load in the HTML, CSS and JavaScript files under ``root``.

    Problems name files as ``shown`` + their path relative to ``root``.
    """
    problems = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".html", ".css", ".js", ".mjs") or not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        problems += [
            Problem(shown + rel, line, col, "remote-load", f"loads from another host: {url}")
            for line, col, url in scan_text(text, path.suffix, rel)
        ]
    return problems
