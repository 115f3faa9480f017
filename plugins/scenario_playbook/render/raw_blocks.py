"""Hand the generated pages' raw HTML blocks to Python-Markdown ready-made, unparsed.

The playbook's pages are mostly HTML the templates wrote (cards, steps, checklists), between a
few Markdown headings. Python-Markdown's ``html_block`` preprocessor finds such blocks by running
``html.parser`` over every tag of the page, which costs more than the rest of the page's
conversion together. For a page the plugin generated, :class:`RawBlocks` stores each block
straight in the converter's HTML stash, where ``html_block`` would have put it, and leaves the
rest of the page (headings, the notice in serve) to Python-Markdown as before.

Only blocks whose outcome is certain are taken (:func:`raw_chunks`): a run of lines between
blank lines, starting at a block-level tag, made of whole elements each starting a line and
ending one, with nothing but tags and text in between, and no other HTML above it. Anything
else stays with ``html_block``, so the HTML is the same either way (``tests/test_raw_blocks.py``
converts every page both ways, and arrangements of HTML by the thousand).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

#: Runs after ``normalize_whitespace`` (30) and before ``html_block`` (20).
PRIORITY = 25
#: A tag (end tag mark, name, attributes) and the text after it, up to the next ``<``.
#: Possessive: the alternatives start with different characters, so giving characters back
#: could never find another match; not trying makes long attribute values ten times faster.
_TOKEN = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9-]*+)((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>([^<]*+)""")
_OPENING = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")
#: Elements without an end tag (as ``markdown.htmlparser`` lists them).
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
#: The one element HTMLExtractor never expects an end tag for.
EMPTY = frozenset({"hr"})
#: What makes ``html.parser`` or Python-Markdown read a block differently: comments,
#: declarations, processing instructions, CDATA content, Markdown inside HTML (looked for in
#: the lower-cased chunk: plain substring searches, much faster than one regex).
_UNSURE = ("<!", "<?", "<script", "<style", "<textarea", "<pre", "markdown=")


def whole_elements(chunk: str, is_block_level: Callable[[str], bool]) -> bool:
    """Whether ``chunk`` is a sequence of complete block-level elements, each opening at the
    start of a line and closing at the end of one, with no text outside them.

    Elements close as ``markdown.htmlparser.HTMLExtractor`` closes them: an end tag closes the
    innermost open element of its name and everything opened inside it, and an end tag with no
    open element of its name changes nothing. A ``<`` that starts no tag makes the answer no."""
    if not chunk.startswith("<"):
        return False
    lowered = chunk.lower()
    if any(mark in lowered for mark in _UNSURE):
        return False
    tokens = _TOKEN.findall(chunk)  # (slash, name, attributes, text up to the next tag)
    if len(tokens) != chunk.count("<"):
        return False
    stack: list[str] = []
    before = "\n"  # what precedes the tag: the chunk's start counts as a line's
    for closing, name, attributes, after in tokens:
        name = name.lower()
        closed = attributes.rstrip().endswith("/")
        if not stack and (
            closing
            or not before.endswith("\n")
            or closed
            or name in VOID
            or not is_block_level(name)
        ):
            return False
        if closing:
            if name in stack:
                while stack.pop() != name:
                    pass
        elif not closed and name not in EMPTY:
            stack.append(name)  # void elements too, as HTMLExtractor does
        if not stack and after.strip("\n"):
            return False  # text after an element on its line, or between elements
        before = after
    return bool(tokens) and not stack


def raw_chunks(lines: list[str], is_block_level: Callable[[str], bool]) -> list[tuple[int, int]]:
    """The ``(first, past last)`` line numbers of the raw HTML blocks safe to store whole.

    Blocks are taken from the top of the page only while everything before them is either a
    block taken or text without a ``<``: after any other HTML, ``html_block`` might still be
    inside an element left open there, and reads the rest of the page itself."""
    found: list[tuple[int, int]] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if not _OPENING.match(line) or (i and lines[i - 1].strip()):
            if "<" in line:
                break
            i += 1
            continue
        j = i + 1
        while j < n and lines[j].strip():
            j += 1
        if not whole_elements("\n".join(lines[i:j]), is_block_level):
            break
        found.append((i, j))
        i = j
    return found


class _Store(Preprocessor):
    def __init__(self, md: Markdown, owner: RawBlocks) -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, lines: list[str]) -> list[str]:
        if not self.owner.active:
            return lines
        out: list[str] = []
        at = 0
        for first, past in raw_chunks(lines, self.md.is_block_level):
            out.extend(lines[at:first])
            # As html_block stores a block that a blank line follows: its text and a newline.
            out.append(self.md.htmlStash.store("\n".join(lines[first:past]) + "\n"))
            at = past
        out.extend(lines[at:])
        return out


class RawBlocks(Extension):
    """A Markdown extension that stores whole raw HTML blocks unparsed while :attr:`active`
    (the plugin turns it on for the pages it generated, and off for the others)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.active = False

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_Store(md, self), "playbook_raw_blocks", PRIORITY)
