"""The only door through which contributor text reaches a page.

``markdown_html`` renders a Markdown field with a dedicated, minimal Markdown instance (no raw
HTML, no images, no ``[TOC]`` marker; tables, and heading levels from 3 with ids) and cleans the
result with an nh3 allowlist, which prefixes every id with :data:`ID_PREFIX` so that none can
collide with the theme's own (``__config``, ``search``) or the page's. Inputs that would take
Python-Markdown quadratic time or deep recursion are refused by :func:`markdown_limits` (a
problem in the checks) and shown as plain text if they ever reach :func:`markdown_html`.
``plain_html`` escapes a plain field. Both return one line of inert HTML (:func:`inert`): no
newline, and no character that a site-wide Markdown preprocessor, template engine or snippet
include could act on, so the site's own Markdown pipeline passes it through untouched.
"""

from __future__ import annotations

import html
import re
import threading
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..core.markdown_limits import markdown_limits
from . import fastpath

if TYPE_CHECKING:  # imported when first used: checking files needs neither
    import markdown

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "h3",
    "h4",
    "h5",
    "h6",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"align"},
    "td": {"align"},
    **{h: {"id"} for h in ("h3", "h4", "h5", "h6")},
}
URL_SCHEMES = {"http", "https"}
#: Every id in contributor text starts with this; no id of the theme or templates does.
ID_PREFIX = "pb-md-"

_PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL)
_NEWLINES = re.compile(r"\s*\n\s*")
#: Anything :func:`plain_html` would have to escape or flatten.
_PLAIN_SPECIAL = re.compile("[&<>\"'{}`$\\\n\r\u2028\u2029]")
#: Characters other tools act on inside a page's Markdown, as character references.
_INERT = str.maketrans(
    {
        "{": "&#123;",
        "}": "&#125;",
        "`": "&#96;",
        "$": "&#36;",
        "\\": "&#92;",
        "\u2028": " ",
        "\u2029": " ",
    }
)


def _without_raw_html(md: markdown.Markdown) -> markdown.Markdown:
    """Raw HTML written by a contributor stays visible text: drop the processors that keep it."""
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.inlinePatterns.deregister("image_link")
    md.inlinePatterns.deregister("image_reference")
    md.inlinePatterns.deregister("short_image_ref")
    return md


_local = threading.local()


def _markdown() -> markdown.Markdown:
    md = getattr(_local, "md", None)
    if md is None:
        import markdown

        md = _without_raw_html(
            markdown.Markdown(
                extensions=["tables", "sane_lists", "toc"],
                extension_configs={
                    "tables": {"use_align_attribute": True},
                    # '#' is h3 under the page's h2 sections; '[TOC]' stays text
                    "toc": {"baselevel": 3, "marker": ""},
                },
                output_format="html",
            )
        )
        _local.md = md
    return md


def inert(fragment: str) -> Markup:
    """Flatten clean HTML to one line that no Markdown or template tool will touch.

    The characters of :data:`_INERT` never occur in the tag or attribute names of sanitized
    HTML, so translating the whole string only changes text and attribute values, where a
    character reference means the same character.
    """
    if "<pre" in fragment:
        pieces = []
        for piece in _PRE.split(fragment):
            if piece.startswith("<pre"):
                pieces.append(piece.replace("\r", "").replace("\n", "&#10;"))
            else:
                pieces.append(_NEWLINES.sub(" ", piece))
        fragment = "".join(pieces)
    elif "\n" in fragment:
        fragment = _NEWLINES.sub(" ", fragment)
    return Markup(fragment.translate(_INERT).strip())


#: What a browser removes from a URL before reading it (the URL standard strips ASCII tab and
#: newline anywhere, and C0 controls and spaces at the ends): 'java<TAB>script:' is javascript:.
_URL_NOISE = re.compile(r"[\t\n\r]")
_URL_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.\-]*:")


def _safe_url(tag: str, name: str, value: str) -> str | None:
    """nh3's attribute filter: a link's URL as the browser will read it, dropped when it then
    names a scheme that is not allowed (nh3 alone sees 'java<TAB>script:' as a relative URL)."""
    if name not in ("href", "src"):
        return value
    seen = _URL_NOISE.sub("", value).strip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c"
        "\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18"
        "\x19\x1a\x1b\x1c\x1d\x1e\x1f "
    )
    scheme = _URL_SCHEME.match(seen)
    if scheme and scheme.group()[:-1].lower() not in URL_SCHEMES:
        return None
    return seen


def sanitize(fragment: str) -> str:
    """HTML cleaned by nh3 to the allowed tags, attributes and URL schemes."""
    import nh3

    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_safe_url,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        id_prefix=ID_PREFIX,
    )


def markdown_html(source: str) -> Markup:
    """A Markdown field to one line of safe HTML; plain text if it is over the limits."""
    fast = fastpath.paragraphs(source)
    if fast is not None:
        # Plain prose: paragraphs of text holding no '<', '>' or '&', so nothing to sanitize.
        # tests/test_fastpath.py keeps this equal to the full path below.
        return inert(fast)
    if markdown_limits(source) is not None:
        return Markup("<p>") + plain_html(source) + Markup("</p>")
    return inert(sanitize(convert(source)))


def convert(source: str) -> str:
    """The full path: Python-Markdown with the dedicated, minimal instance."""
    md = _markdown()
    md.reset()
    return md.convert(source)


def markdown_inline(source: str) -> Markup:
    """A short Markdown field without its paragraph wrapper, for use inside other elements."""
    out = markdown_html(source)
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = Markup(out[3:-4])
    return out


def plain_html(value: object) -> Markup:
    """Plain text, escaped: it always shows exactly as written."""
    text = str(value)
    if not _PLAIN_SPECIAL.search(text):
        return Markup(text.strip())
    return inert(html.escape(text, quote=True))
