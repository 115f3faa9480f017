"""The only door through which contributor text reaches a page.

``markdown_html`` renders a Markdown field with a dedicated, minimal Markdown instance (no raw
HTML, no extensions beyond tables, no images) and cleans the result with an nh3 allowlist.
``plain_html`` escapes a plain field. Both return one line of inert HTML (:func:`inert`): no
newline, and no character that a site-wide Markdown preprocessor, template engine or snippet
include could act on, so the site's own Markdown pipeline passes it through untouched.
"""

from __future__ import annotations

import html
import re
import threading

import markdown
import nh3
from markupsafe import Markup

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
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https"}

_PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL)
_HEADING = re.compile(r"<(/?)h([12])>")
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
        md = _without_raw_html(
            markdown.Markdown(
                extensions=["tables", "sane_lists"],
                extension_configs={"tables": {"use_align_attribute": True}},
                output_format="html",
            )
        )
        _local.md = md
    return md


def _in_tags(fragment: str) -> str:
    """Apply :data:`_INERT` to text and attribute values, leaving tag syntax intact."""
    out = []
    for part in re.split(r"(<[^>]*>)", fragment):
        if part.startswith("<"):
            # inside a tag only attribute values can carry contributor text
            out.append(
                re.sub(r'="([^"]*)"', lambda m: '="' + m.group(1).translate(_INERT) + '"', part)
            )
        else:
            out.append(part.translate(_INERT))
    return "".join(out)


def inert(fragment: str) -> Markup:
    """Flatten clean HTML to one line that no Markdown or template tool will touch."""
    pieces = []
    for piece in _PRE.split(fragment):
        if piece.startswith("<pre"):
            pieces.append(piece.replace("\r", "").replace("\n", "&#10;"))
        else:
            pieces.append(re.sub(r"\s*\n\s*", " ", piece))
    return Markup(_in_tags("".join(pieces)).strip())


def sanitize(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def markdown_html(source: str) -> Markup:
    """A Markdown field to one line of safe HTML."""
    md = _markdown()
    md.reset()
    rendered = md.convert(source)
    rendered = _HEADING.sub(lambda m: f"<{m.group(1)}h3>", rendered)
    return inert(sanitize(rendered))


def markdown_inline(source: str) -> Markup:
    """A short Markdown field without its paragraph wrapper, for use inside other elements."""
    out = markdown_html(source)
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = Markup(out[3:-4])
    return out


def plain_html(value: object) -> Markup:
    """Plain text, escaped: it always shows exactly as written."""
    return inert(html.escape(str(value), quote=True))
