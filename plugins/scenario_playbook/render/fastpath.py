"""A fast path for Markdown fields that use no Markdown syntax at all.

Most scenario text is plain prose. For such text Python-Markdown's output is fully determined:
paragraphs split at blank lines, ``&``, ``<`` and ``>`` escaped, lines joined. :func:`paragraphs`
produces exactly that output without running the Markdown machinery (about 50x faster), and
returns ``None`` for anything that might be Markdown, which then takes the full path. A property
test keeps the two paths byte-identical on the fast path's domain.
"""

from __future__ import annotations

import re

#: Characters that can start any inline construct, entity, HTML or escape in Markdown.
_INLINE = re.compile(r"[\\`*_\[\]<>&!|#~=+\t\r\f\v\x00]|  \n| $|\n[ ]|^[ ]|\n\n\n")
#: Line starts that make a block: lists, quotes, headings, rules, code, setext underlines.
_BLOCK_START = re.compile(r"(?m)^(?:[-+*>#]|\d+[.)]|[ ]{1,}|-{2,}|={2,}|\d)")


def paragraphs(source: str) -> str | None:
    """The HTML Python-Markdown gives ``source``, if it is plain prose; else ``None``."""
    if not source or _INLINE.search(source) or _BLOCK_START.search(source):
        return None
    if not source.replace("\n", "").isprintable():  # other whitespace and controls
        return None
    text = source.strip("\n")
    if not text:
        return None
    parts = text.split("\n\n")
    if any(not p.strip() for p in parts):
        return None
    return "\n".join(f"<p>{p}</p>" for p in parts)
