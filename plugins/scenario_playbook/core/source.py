"""Bytes to data with positions: a strict, guarded YAML reader.

The text goes through libyaml's event parser (the pure-Python one when libyaml is missing) and
the tree is built here, iteratively, so that:

* every key and value keeps its line and column;
* anchors, aliases, explicit tags, non-string keys, duplicate keys and several documents are
  problems, not silent meaning changes;
* scalars follow YAML 1.2: only ``true``/``false`` are booleans, only plain decimal integers are
  numbers; ``yes``, ``on``, ``0o17``, ``017``, ``1:30`` and dates stay text;
* nesting stops at :data:`MAX_DEPTH` before the parser could exhaust anything, and files over
  :data:`MAX_BYTES` are refused before parsing.

No exception from the YAML library escapes :func:`read`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import yaml

from .document import Document, KeyPath, Mark
from .helpers import line_col
from .problems import Problem
from .yaml_tree import (  # re-exported: the reader's public names
    MAX_DEPTH,
    MAX_KEY,
    MAX_NODES,
    MAX_PROBLEMS,
    build,
    resolve_plain,
)

MAX_BYTES = 256 * 1024

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_KEY",
    "MAX_NODES",
    "MAX_PROBLEMS",
    "Document",
    "KeyPath",
    "Mark",
    "decode",
    "parse",
    "read_bytes",
    "resolve_plain",
    "too_large",
]

_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# C0 and C1 controls (tab, line feed and carriage return aside), and the separators that YAML
# counts as line breaks but editors do not, which would shift every position after them.
_BAD_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
# Invisible characters that hide or join text unseen: zero width space, word joiner and the
# invisible operators, a byte order mark inside the text, tag characters, and noncharacters.
# (Zero width joiner and non-joiner stay: emoji sequences and several scripts need them.)
_INVISIBLE = re.compile(
    "[\u200b\u2060-\u2064\ufeff\ufdd0-\ufdef\U000e0000-\U000e007f"
    + "".join(
        f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
    )
    + "]"
)
_FORBIDDEN = re.compile(
    _BAD_CONTROL.pattern[:-1] + _BIDI.pattern[1:-1] + _INVISIBLE.pattern[1:-1] + "\ud800-\udfff]"
)
#: Every character a scenario file may not hold (written or escaped): one character matches.
FORBIDDEN_CHARACTERS = _FORBIDDEN
#: What a text may hold besides printable characters: made spaces for the quick test.
_LINE_BREAKS_AND_TABS = str.maketrans("\n\r\t", "   ")


def too_large(size: int, path: str) -> Problem | None:
    """The problem of a file of ``size`` bytes, if it is over :data:`MAX_BYTES`."""
    if size <= MAX_BYTES:
        return None
    msg = f"file is {size / 1024:,.0f} KiB; a scenario file may be at most {MAX_BYTES // 1024} KiB"
    return Problem(path, 1, 1, "file-too-large", msg)


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte-order mark: NUL in at least half the odd or the even bytes of the
    start (ASCII text in UTF-16), not merely a NUL byte or two (that is a control character)."""
    head = raw[:64]
    if len(head) < 2:
        return False
    pairs = len(head) // 2
    return head[0::2].count(0) * 2 >= pairs or head[1::2].count(0) * 2 >= pairs


def _lf(text: str) -> str:
    """Line breaks as LF: YAML and editors count CR LF and a lone CR (old Mac files) as one
    break each, and every position here counts LFs."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Strict UTF-8 to text, or a problem saying where and what the bad bytes are."""
    large = too_large(len(raw), path)
    if large is not None:
        return None, [large]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        msg = "file is UTF-16; save it as UTF-8"
        return None, [Problem(path, 1, 1, "encoding", msg)]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = _lf(raw.decode("utf-8", errors="strict"))
    except UnicodeDecodeError as exc:
        good = _lf(raw[: exc.start].decode("utf-8"))
        line, col = line_col(good, len(good))
        byte = raw[exc.start : exc.start + 1].hex()
        msg = f"not valid UTF-8 (byte 0x{byte}); save the file as UTF-8"
        return None, [Problem(path, line, col, "encoding", msg)]
    return text, []


class _Lines:
    """Offsets to (line, col) for offsets visited in increasing order: linear in the text."""

    def __init__(self, text: str) -> None:
        self.text, self.offset, self.line, self.start = text, 0, 1, 0

    def at(self, offset: int) -> tuple[int, int]:
        breaks = self.text.count("\n", self.offset, offset)
        if breaks:
            self.line += breaks
            self.start = self.text.rfind("\n", self.offset, offset) + 1
        self.offset = offset
        return self.line, offset - self.start + 1


def _char_message(char: str) -> tuple[str, str, str]:
    """(code, what it is, why it is refused) for a character a scenario file may not hold."""
    code = f"U+{ord(char):04X}"
    if _BIDI.fullmatch(char):
        name = unicodedata.name(char, "bidi control")
        return "bidi-control", f"invisible direction control {code} ({name})", "can disguise text"
    if _INVISIBLE.fullmatch(char):
        name = unicodedata.name(char, "")
        what = f"invisible character {code} ({name})" if name else f"noncharacter {code}"
        return "invisible-character", what, "can hide text"
    if "\ud800" <= char <= "\udfff":
        return "surrogate", f"lone surrogate {code}", "is not a character"
    known = unicodedata.name(char, "")
    shown = "NUL" if char == "\x00" else f"{code} ({known})" if known else code
    return "control-character", f"control character {shown}", "is not allowed"


def _check_characters(text: str, path: str) -> list[Problem]:
    """Every forbidden character, in order, up to :data:`MAX_PROBLEMS`; linear time."""
    if text.translate(_LINE_BREAKS_AND_TABS).isprintable():
        return []  # every forbidden character is unprintable (a test holds it): none here
    problems = []
    lines = _Lines(text)
    for count, match in enumerate(_FORBIDDEN.finditer(text)):
        if count == MAX_PROBLEMS:
            line, col = lines.at(match.start())
            msg = f"more than {MAX_PROBLEMS} forbidden characters; stopped reporting them"
            problems.append(Problem(path, line, col, "too-many-problems", msg))
            break
        line, col = lines.at(match.start())
        code, what, why = _char_message(match.group())
        problems.append(Problem(path, line, col, code, f"{what} {why}; delete it"))
    return problems


def _escaped_characters(event: Any, text: str, path: str) -> list[Problem]:
    """Forbidden characters that a double-quoted escape (``"\\0"``, ``"\\u202e"``) produced."""
    if event.style != '"':
        return []
    raw = text[event.start_mark.index : event.end_mark.index]
    for char in "\t\r":  # allowed written as they are, but not made by an escape
        if char in event.value and event.value.count(char) > raw.count(char):
            mark = event.start_mark
            name = "TAB" if char == "\t" else "CARRIAGE RETURN"
            code = f"U+{ord(char):04X}"
            msg = f"an escape in this text produces control character {code} ({name}); remove it"
            return [Problem(path, mark.line + 1, mark.column + 1, "control-character", msg)]
    if not _FORBIDDEN.search(event.value):
        return []
    found = _FORBIDDEN.findall(event.value)
    if len(found) <= len(_FORBIDDEN.findall(raw)):
        return []  # written literally: already reported where it stands
    mark = event.start_mark
    code, what, _ = _char_message(found[0])
    msg = f"an escape in this text produces {what}; remove it"
    return [Problem(path, mark.line + 1, mark.column + 1, code, msg)]


def parse(text: str, path: str) -> Document:
    """Parse YAML text into a :class:`Document`; problems instead of exceptions."""
    doc = Document(path)
    doc.problems.extend(_check_characters(text, path))
    if any(p.code != "bidi-control" for p in doc.problems):
        return doc  # libyaml would stop at the first one anyway; report them all
    try:
        build(doc, text, _escaped_characters)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "invalid YAML"
        hint = _HINTS.get(_hint_key(what), "")
        opened = _unclosed_quote(text, line)
        if opened and "expected" in what:
            hint = f" at line {line}; this quote is probably never closed"
            line, col = opened
        if _char_at(text, line, col) == "\t":
            what, hint = "a tab cannot start a value here", "; indent with spaces, not tabs"
        doc.problems.append(Problem(path, line, col, "yaml-syntax", f"YAML syntax: {what}{hint}"))
        doc.data = None
    except yaml.YAMLError as exc:  # not marked: reader or emitter level
        doc.problems.append(Problem(path, 1, 1, "yaml-syntax", f"YAML syntax: {exc}"))
        doc.data = None
    return doc


_QUOTED_START = re.compile(r"^\s*(?:-\s+)?(?:[^\s\"'#][^:#]*:\s+)?([\"'])")


_BLOCK_START = re.compile(r"^(\s*)(?:-\s+)?(?:[^\s\"'#][^:#]*:\s*)?[|>][-+0-9]*\s*(?:#.*)?$")


def _closes(lines: list[str], quote: str) -> bool:
    """Whether the quote opened before ``lines`` is closed in them (doubled '' and escaped
    \\" are not closings)."""
    escaped = '\\"' if quote == '"' else "''"
    return any(quote in line.replace(escaped, "") for line in lines)


def _unclosed_quote(text: str, upto: int) -> tuple[int, int] | None:
    """Where a quoted value, before line ``upto``, opens a quote it never closes. Lines of a
    block scalar ('>' or '|') are text, whatever they start with; a quote closed on a later
    line (a quoted value over several lines) is closed."""
    lines = text.split("\n")[: upto - 1]
    block_indent: int | None = None
    number = 0
    while number < len(lines):
        line = lines[number]
        number += 1
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None:
            if not line.strip() or indent > block_indent:
                continue  # inside the block scalar
            block_indent = None
        block = _BLOCK_START.match(line)
        if block:
            block_indent = len(block.group(1))
            continue
        match = _QUOTED_START.match(line)
        if match:
            quote = match.group(1)
            rest = line[match.end() :].replace('\\"' if quote == '"' else "''", "")
            if quote not in rest:
                later = lines[number:]
                if not _closes(later, quote):
                    return number, match.end()
                # skip to the line that closes it
                for offset, following in enumerate(later, start=1):
                    if _closes([following], quote):
                        number += offset
                        break
    return None


def _char_at(text: str, line: int, col: int) -> str:
    lines = text.split("\n", line)
    if line - 1 < len(lines) and col - 1 < len(lines[line - 1]):
        return lines[line - 1][col - 1]
    return ""


def _hint_key(problem: str) -> str:
    for key in _HINTS:
        if key in problem:
            return key
    return ""


_HINTS = {
    "mapping values are not allowed": "; put text that contains ': ' in quotes",
    "found unexpected end of stream": "; a quote is probably not closed",
    "could not find expected ':'": "; a quote may not be closed, or a line lacks 'key: value'",
}


def read_bytes(raw: bytes, path: str) -> Document:
    """Decode and parse one file's bytes."""
    text, problems = decode(raw, path)
    if text is None:
        return Document(path, problems=problems)
    return parse(text, path)
