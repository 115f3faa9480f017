"""How costly a Markdown text would be to render, found in one linear pass without rendering."""

from __future__ import annotations

import re

#: Limits that keep Python-Markdown linear and its recursion shallow (measured: 8,000 characters
#: of ``[](`` take 1.3 s, 4,000 lines of ``-`` 0.45 s, 800 nested ``- `` list markers overflow
#: the stack; under these limits a field renders in a few milliseconds).
MAX_MD_DEPTH = 16
MAX_MD_LINES = 300
MAX_MD_LINKS = 50
#: Python-Markdown's link parser makes a pass over the rest of a text from every '[' (measured:
#: 100 unclosed '[' in 8,000 characters take 0.33 s, 8,000 '[' take 11 s), so its real cost is
#: at most ``'[' count x characters``: the bracket work of a text, bounded per text and summed
#: per file (under these a text renders in well under 0.2 s, a whole file in under half a second).
MAX_MD_BRACKETS = 100
MAX_MD_BRACKET_WORK = 400_000
MAX_FILE_BRACKET_WORK = 1_000_000

#: A line that may start a nested block; without one, :func:`markdown_depth` is 0.
_ANY_MARKER = re.compile(r"(?m)^[ \t]*(?:[>+*-]|[0-9]|[ \t])")
_BLOCK_MARKERS = re.compile(r"[ \t]*(?:>|[-+*](?=[ \t])|[0-9]{1,9}[.)](?=[ \t]))")


def markdown_depth(source: str) -> int:
    """The deepest block nesting of any line: quote and list markers, and 4-space indents."""
    deepest = 0
    for line in source.splitlines():
        markers = 0
        pos = 0
        while match := _BLOCK_MARKERS.match(line, pos):
            markers += 1
            pos = match.end()
        indent = len(line) - len(line.lstrip(" "))
        deepest = max(deepest, markers + indent // 4)
    return deepest


def bracket_work(source: str) -> int:
    """An upper bound on the link parser's work on a text: its '[' count times its length."""
    return source.count("[") * len(source)


def markdown_limits(source: str) -> str | None:
    """Why a Markdown text is too costly to render, or None: one linear pass, no rendering."""
    lines = source.count("\n") + 1
    if lines > MAX_MD_LINES:
        return f"{lines:,} lines of Markdown; at most {MAX_MD_LINES} in one text"
    links = source.count("](")
    if links > MAX_MD_LINKS:
        return f"{links:,} link targets ']('; at most {MAX_MD_LINKS} in one text"
    opens = source.count("[")
    if opens > MAX_MD_BRACKETS:
        return f"{opens:,} '[' brackets; at most {MAX_MD_BRACKETS} in one text"
    if opens * len(source) > MAX_MD_BRACKET_WORK:
        return (
            f"{opens:,} '[' brackets in {len(source):,} characters cost "
            f"{opens * len(source):,} bracket steps to render ('[' x characters); "
            f"at most {MAX_MD_BRACKET_WORK:,} in one text"
        )
    if not _ANY_MARKER.search(source):
        return None  # no line starts a quote, a list or an indented block: depth 0
    depth = markdown_depth(source)
    if depth > MAX_MD_DEPTH:
        return (
            f"Markdown nested {depth:,} levels deep (quotes, lists, indents); "
            f"at most {MAX_MD_DEPTH}"
        )
    return None
