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
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem

MAX_BYTES = 256 * 1024
MAX_DEPTH = 16
MAX_NODES = 20_000
#: Longest field name (mapping key) worth reading; real ones are a few words.
MAX_KEY = 100
#: After this many problems in one file, stop reporting more of the same kind.
MAX_PROBLEMS = 50

Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path = tuple[str | int, ...]

_INT_RE = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
# Only decimal fractions with a point are numbers: '1e5' stays text, as YAML 1.1 tools (PyYAML)
# write it unquoted, so a dumped text must read back as text.
_FLOAT_RE = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# C0 and C1 controls (tab, line feed and carriage return aside), and the separators that YAML
# counts as line breaks but editors do not, which would shift every position after them.
_BAD_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_FORBIDDEN = re.compile(_BAD_CONTROL.pattern[:-1] + _BIDI.pattern[1:-1] + "\ud800-\udfff]")


@dataclass
class Document:
    """What a file holds: its data (or ``None``), where each part of it is, its problems."""

    path: str
    data: Any = None
    #: Position (line, col) of each value, by its path from the root.
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    #: Position (line, col) of each mapping key, by the path of its value.
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Paths whose value was an alias (already reported): no follow-on problems there.
    aliases: set[Path] = field(default_factory=set)

    def where(self, loc: Path, *, key: bool = False) -> tuple[int, int]:
        """Best position for ``loc``: the key or value itself, else its nearest parent."""
        loc = tuple(loc)
        while True:
            if key and loc in self.keys:
                return self.keys[loc]
            if loc in self.values:
                return self.values[loc]
            if loc in self.keys:
                return self.keys[loc]
            if not loc:
                return (1, 1)
            loc = loc[:-1]

    def problem(self, loc: Path, code: str, message: str, *, key: bool = False) -> Problem:
        line, col = self.where(loc, key=key)
        return Problem(self.path, line, col, code, message)


def resolve_plain(value: str) -> Any:
    """Resolve a plain (unquoted) scalar the YAML 1.2 way, strictly."""
    if value in _NULLS:
        return None
    if value == "true":
        return True
    if value == "false":
        return False
    if _INT_RE.fullmatch(value):
        return int(value)
    if _FLOAT_RE.fullmatch(value):
        return float(value)
    return value


def _position_of_offset(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Strict UTF-8 to text, or a problem saying where and what the bad bytes are."""
    if len(raw) > MAX_BYTES:
        size = f"{len(raw) / 1024:,.0f} KiB"
        msg = f"file is {size}; a scenario file may be at most {MAX_BYTES // 1024} KiB"
        return None, [Problem(path, 1, 1, "file-too-large", msg)]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) > 1 and b"\x00" in raw[:2]):
        msg = "file is UTF-16; save it as UTF-8"
        return None, [Problem(path, 1, 1, "encoding", msg)]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8")
        line, col = _position_of_offset(good, len(good))
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
    if "\ud800" <= char <= "\udfff":
        return "surrogate", f"lone surrogate {code}", "is not a character"
    known = unicodedata.name(char, "")
    shown = "NUL" if char == "\x00" else f"{code} ({known})" if known else code
    return "control-character", f"control character {shown}", "is not allowed"


def _check_characters(text: str, path: str) -> list[Problem]:
    """Every forbidden character, in order, up to :data:`MAX_PROBLEMS`; linear time."""
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
    if event.style != '"' or not _FORBIDDEN.search(event.value):
        return []
    raw = text[event.start_mark.index : event.end_mark.index]
    found = _FORBIDDEN.findall(event.value)
    if len(found) <= len(_FORBIDDEN.findall(raw)):
        return []  # written literally: already reported where it stands
    mark = event.start_mark
    code, what, _ = _char_message(found[0])
    msg = f"an escape in this text produces {what}; remove it"
    return [Problem(path, mark.line + 1, mark.column + 1, code, msg)]


def _shorten(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 3] + "..."


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if value is None:
        return "an empty value"
    return repr(value)


class _Builder:
    """Turns parser events into plain data, recording positions and problems."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.nodes = 0

    def _too_many(self, pos: tuple[int, int]) -> bool:
        """Stop once a file has :data:`MAX_PROBLEMS` problems: fix those first."""
        if len(self.doc.problems) < MAX_PROBLEMS:
            return False
        msg = f"more than {MAX_PROBLEMS} problems in this file; stopped reading it"
        self.doc.problems.append(Problem(self.doc.path, *pos, "too-many-problems", msg))
        return True

    def build(self, text: str) -> None:
        doc = self.doc
        # Each frame: [container, path, pending key or None, seen keys {key: (line, col)}]
        stack: list[list[Any]] = []
        skip = 0  # depth inside a subtree that is being discarded (complex key)
        documents = 0
        root: Any = None
        events = yaml.parse(text, Loader=Loader)
        event: Any
        for event in events:
            mark = event.start_mark
            pos = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    doc.problems.append(
                        Problem(
                            doc.path,
                            pos[0],
                            pos[1],
                            "several-documents",
                            "several YAML documents in one file; keep one scenario "
                            "per file and remove the '---' line",
                        )
                    )
                    return
                continue
            if isinstance(
                event, yaml.StreamStartEvent | yaml.StreamEndEvent | yaml.DocumentEndEvent
            ):
                continue
            if skip:
                if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                    skip += 1
                elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                    skip -= 1
                if skip:
                    continue
                continue  # the pending key stays _SKIPPED: its value is discarded too
            if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                frame = stack.pop()
                if not stack:
                    root = frame[0]
                continue
            self.nodes += 1
            if self._too_many(pos):
                return
            if isinstance(event, yaml.ScalarEvent):
                doc.problems += _escaped_characters(event, text, doc.path)
            if self.nodes > MAX_NODES:
                doc.problems.append(
                    Problem(
                        doc.path,
                        pos[0],
                        pos[1],
                        "too-many-values",
                        f"more than {MAX_NODES:,} values in one file",
                    )
                )
                return
            anchor = getattr(event, "anchor", None)
            if isinstance(event, yaml.AliasEvent):
                doc.problems.append(
                    Problem(
                        doc.path,
                        pos[0],
                        pos[1],
                        "alias",
                        f"alias '*{_shorten(event.anchor or '')}' is not allowed; "
                        "write the value out in full",
                    )
                )
                value_kind = "alias"
            else:
                value_kind = "node"
                if anchor is not None:
                    doc.problems.append(
                        Problem(
                            doc.path,
                            pos[0],
                            pos[1],
                            "anchor",
                            f"anchor '&{_shorten(anchor)}' is not allowed; "
                            "write each value out in full",
                        )
                    )
                tag = getattr(event, "tag", None)
                if tag is not None:
                    shown = _shorten(tag.replace("tag:yaml.org,2002:", "!!"))
                    doc.problems.append(
                        Problem(
                            doc.path,
                            pos[0],
                            pos[1],
                            "tag",
                            f"explicit tag '{shown}' is not allowed; remove it",
                        )
                    )
            in_key = bool(stack) and isinstance(stack[-1][0], dict) and stack[-1][2] is None
            if in_key:
                if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                    doc.problems.append(
                        Problem(
                            doc.path,
                            pos[0],
                            pos[1],
                            "complex-key",
                            "a key must be plain text, not a list or mapping",
                        )
                    )
                    skip = 1
                    stack[-1][2] = _SKIPPED
                    continue
                if isinstance(event, yaml.ScalarEvent):
                    key = event.value if event.style else resolve_plain(event.value)
                else:
                    key = None
                if not isinstance(key, str):
                    shown = _shorten(event.value) if isinstance(event, yaml.ScalarEvent) else "*"
                    doc.problems.append(
                        Problem(
                            doc.path,
                            pos[0],
                            pos[1],
                            "non-string-key",
                            f"key {shown} is {_describe(key)}; keys must be text (field names)",
                        )
                    )
                    stack[-1][2] = _SKIPPED
                    continue
                if len(key) > MAX_KEY:
                    doc.problems.append(
                        Problem(
                            doc.path,
                            pos[0],
                            pos[1],
                            "key-too-long",
                            f"key '{_shorten(key)}' is {len(key):,} characters long; "
                            "field names are short (is a ':' missing its quotes?)",
                        )
                    )
                    stack[-1][2] = _SKIPPED
                    continue
                seen = stack[-1][3]
                if key in seen:
                    first = seen[key]  # key is at most MAX_KEY characters
                    doc.problems.append(
                        Problem(
                            doc.path,
                            pos[0],
                            pos[1],
                            "duplicate-key",
                            f"duplicate key '{key}' (first defined at line {first[0]}); "
                            "keep only one",
                        )
                    )
                    stack[-1][2] = _SKIPPED
                    continue
                seen[key] = pos
                stack[-1][2] = key
                doc.keys[stack[-1][1] + (key,)] = pos
                continue
            # A value.
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                if len(stack) >= MAX_DEPTH:
                    doc.problems.append(
                        Problem(
                            doc.path,
                            pos[0],
                            pos[1],
                            "too-deep",
                            f"nesting deeper than {MAX_DEPTH} levels; a scenario needs far fewer",
                        )
                    )
                    return
                container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                path = self._attach(stack, container, pos)
                stack.append([container, path, None, {}])
                continue
            if value_kind == "alias":
                value = None
            elif event.style:  # quoted, literal or folded: always text
                value = event.value
            else:
                value = resolve_plain(event.value)
            if not stack:
                root = value
                doc.values[()] = pos
                continue
            path = self._attach(stack, value, pos)
            if value_kind == "alias":
                doc.aliases.add(path)
        doc.data = root

    def _attach(self, stack: list[list[Any]], value: Any, pos: tuple[int, int]) -> Path:
        if not stack:
            self.doc.values[()] = pos
            return ()
        frame = stack[-1]
        container, base = frame[0], frame[1]
        if isinstance(container, list):
            path = (*base, len(container))
            container.append(value)
        else:
            key = frame[2]
            frame[2] = None
            if key is _SKIPPED:
                return (*base, "\x00skipped")
            path = (*base, key)
            container[key] = value
        self.doc.values[path] = pos
        return path


class _Skipped(str):
    pass


_SKIPPED = _Skipped("\x00skipped")


def parse(text: str, path: str) -> Document:
    """Parse YAML text into a :class:`Document`; problems instead of exceptions."""
    doc = Document(path)
    doc.problems.extend(_check_characters(text, path))
    if any(p.code != "bidi-control" for p in doc.problems):
        return doc  # libyaml would stop at the first one anyway; report them all
    try:
        _Builder(doc).build(text)
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


def _unclosed_quote(text: str, upto: int) -> tuple[int, int] | None:
    """Where a quoted value, before line ``upto``, opens a quote it never closes."""
    for number, line in enumerate(text.split("\n")[: upto - 1], start=1):
        match = _QUOTED_START.match(line)
        if match:
            quote = match.group(1)
            rest = line[match.end() :].replace('\\"' if quote == '"' else "''", "")
            if quote not in rest:
                return number, match.end()
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
