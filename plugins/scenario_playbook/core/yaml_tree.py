"""Parser events to plain data, with the position of every key and value.

:func:`build` runs one flat loop over libyaml's events (no recursion, so no depth can exhaust
the stack) and dispatches on the event's class. Positions are kept per container, next to the
data, and turned into a path's position only when a problem needs one (:meth:`Document.where`):
building no path tuples for the thousands of values that are fine keeps the reader fast.
"""

from __future__ import annotations

from typing import Any

import yaml

from .document import Document, KeyPath, Mark
from .helpers import shorten
from .problems import Problem
from .scalars import INT_RE, MAX_DIGITS, MAYBE_NOT_TEXT, resolve_plain

MAX_DEPTH = 16
MAX_NODES = 20_000
#: Longest field name (mapping key) worth reading; real ones are a few words.
MAX_KEY = 100
#: After this many problems in one file, stop reporting more of the same kind.
MAX_PROBLEMS = 50

Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: The reference parser: pure Python, with no limits of its own. libyaml only makes reading
#: faster; where it stops on input the reference reads (a nesting limit of its own, say),
#: the reference decides what the file holds.
ReferenceLoader: Any = yaml.SafeLoader


def _describe_key(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if value is None:
        return "an empty value"
    return repr(value)


class _Frame:
    """An open mapping or sequence."""

    __slots__ = ("container", "is_map", "key", "key_pos", "marks", "path", "seen")

    def __init__(self, container: Any, path: KeyPath, marks: Any) -> None:
        self.container = container
        self.is_map = isinstance(container, dict)
        self.path = path
        self.marks = marks
        self.key: Any = None  # the pending key of a mapping; _SKIP discards the next value
        self.key_pos: Mark | None = None
        self.seen: dict[str, Mark] = {}


_SKIP = object()


class _Builder:
    """Turns parser events into plain data, recording positions and problems."""

    def __init__(self, doc: Document, text: str, escapes: Any) -> None:
        self.doc = doc
        self.text = text
        self.escapes = escapes  # checks a double-quoted scalar for forbidden escaped characters

    def report(self, pos: Mark, code: str, message: str) -> None:
        self.doc.problems.append(
            Problem(self.doc.path, pos.line + 1, pos.column + 1, code, message)
        )

    def _long_number(self, value: str, pos: Mark) -> None:
        if INT_RE.fullmatch(value):
            self.report(
                pos,
                "long-number",
                f"number has {len(value.lstrip('+-')):,} digits; at most {MAX_DIGITS} "
                "(put it in quotes if it is text)",
            )

    def build(self) -> None:
        """Build the tree; an early stop (a limit, a second document) leaves no data."""
        if not self._run():
            self.doc.data = None

    def _run(self, loader: Any = Loader) -> bool:
        stack: list[_Frame] = []
        top: _Frame | None = None
        parser = loader(self.text)
        try:
            return self._events(parser.get_event, stack, top)
        finally:
            parser.dispose()

    def _events(self, next_event: Any, stack: list[_Frame], top: _Frame | None) -> bool:
        """The loop itself: ``next_event`` is the parser's own ``get_event`` (no generator)."""
        doc = self.doc
        problems = doc.problems
        skip = 0  # depth inside a discarded subtree (a complex key)
        documents = 0
        nodes = 0
        scalar_cls, map_start = yaml.ScalarEvent, yaml.MappingStartEvent
        seq_start = yaml.SequenceStartEvent
        map_end, seq_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        stream_end, alias_cls = yaml.StreamEndEvent, yaml.AliasEvent
        while True:
            event = next_event()
            cls = event.__class__
            if skip:
                if cls is map_start or cls is seq_start:
                    skip += 1
                elif cls is map_end or cls is seq_end:
                    skip -= 1
                elif cls is stream_end:
                    return True
                continue  # the pending key stays _SKIP: its value is discarded too
            # the most frequent events first: scalars, then the ends of containers
            is_scalar = cls is scalar_cls
            if is_scalar or cls is map_start or cls is seq_start or cls is alias_cls:
                pass
            elif cls is map_end or cls is seq_end:
                stack.pop()
                top = stack[-1] if stack else None
                continue
            elif cls is stream_end:
                return True
            else:
                if cls is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        mark = event.start_mark
                        self.report(
                            mark,
                            "several-documents",
                            "several YAML documents in one file; keep one scenario "
                            "per file and remove the '---' line",
                        )
                        return False
                continue
            mark = event.start_mark
            pos = mark
            nodes += 1
            if len(problems) >= MAX_PROBLEMS:
                self.report(
                    pos,
                    "too-many-problems",
                    f"more than {MAX_PROBLEMS} problems in this file; stopped reading it",
                )
                return False
            if is_scalar and event.style == '"':
                problems += self.escapes(event, self.text, doc.path)
            if nodes > MAX_NODES:
                self.report(pos, "too-many-values", f"more than {MAX_NODES:,} values in one file")
                return False
            if event.anchor is not None:
                self._refused(event, pos)
            if cls is not alias_cls and event.tag is not None:
                self._tagged(event, pos)
            if top is not None and top.is_map and top.key is None:
                text = event.value if is_scalar else None
                if (  # the usual key: plain text, short, new (the rest is _key's to judge)
                    is_scalar
                    and not event.style
                    and text
                    and len(text) <= MAX_KEY
                    and text not in top.seen
                    and not MAYBE_NOT_TEXT.match(text)
                ):
                    top.seen[text] = pos
                    top.key = text
                    top.key_pos = pos
                elif self._key(top, event, is_scalar, pos):
                    skip = 1
                continue
            # A value.
            if is_scalar:
                value: Any = event.value if event.style else resolve_plain(event.value)
                if not event.style and len(event.value) > MAX_DIGITS and value is event.value:
                    self._long_number(event.value, pos)
                if top is not None and top.key is not _SKIP:  # the usual case, inline
                    if top.is_map:
                        top.container[top.key] = value
                        top.marks[top.key] = (top.key_pos, pos)
                        top.key = None
                    else:
                        top.container.append(value)
                        top.marks.append(pos)
                    continue
            elif cls is alias_cls:
                value = None
            else:
                if len(stack) >= MAX_DEPTH:
                    self.report(
                        pos,
                        "too-deep",
                        f"nesting deeper than {MAX_DEPTH} levels; a scenario needs far fewer",
                    )
                    return False
                value = {} if cls is map_start else []
            path = self._attach(top, value, pos, alias=cls is alias_cls)
            if not is_scalar and cls is not alias_cls:
                marks: Any = {} if cls is map_start else []
                doc.marks[id(value)] = marks
                top = _Frame(value, path, marks)
                stack.append(top)

    def _refused(self, event: Any, pos: Mark) -> None:
        if event.__class__ is yaml.AliasEvent:
            return self.report(
                pos,
                "alias",
                f"alias '*{shorten(event.anchor or '')}' is not "
                "allowed; write the value out in full",
            )
        return self.report(
            pos,
            "anchor",
            f"anchor '&{shorten(event.anchor)}' is not allowed; write each value out in full",
        )

    def _tagged(self, event: Any, pos: Mark) -> None:
        shown = shorten(event.tag.replace("tag:yaml.org,2002:", "!!"))
        return self.report(pos, "tag", f"explicit tag '{shown}' is not allowed; remove it")

    def _key(self, top: _Frame, event: Any, is_scalar: bool, pos: Mark) -> bool:
        """Take a mapping key; True when it opens a subtree that must be skipped."""
        if event.__class__ in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
            self.report(pos, "complex-key", "a key must be plain text, not a list or mapping")
            top.key = _SKIP
            return True
        key = (event.value if event.style else resolve_plain(event.value)) if is_scalar else None
        if not isinstance(key, str):
            shown = shorten(event.value) if is_scalar else "*"
            self.report(
                pos,
                "non-string-key",
                f"key {shown} is {_describe_key(key)}; keys must be text (field names)",
            )
            top.key = _SKIP
        elif len(key) > MAX_KEY:
            self.report(
                pos,
                "key-too-long",
                f"key '{shorten(key)}' is {len(key):,} characters "
                "long; field names are short (is a ':' missing its quotes?)",
            )
            top.key = _SKIP
        elif key in top.seen:
            first = top.seen[key]  # key is at most MAX_KEY characters
            self.report(
                pos,
                "duplicate-key",
                f"duplicate key '{key}' (first defined at line {first.line + 1}); keep only one",
            )
            top.key = _SKIP
        else:
            top.seen[key] = pos
            top.key = key
            top.key_pos = pos
        return False

    def _attach(self, top: _Frame | None, value: Any, pos: Mark, *, alias: bool) -> KeyPath:
        """Put a value in its container and record where it stands; return its path."""
        doc = self.doc
        if top is None:
            doc.data = value
            doc.root = pos
            return ()
        container = top.container
        slot: str | int
        if top.is_map:
            slot = top.key
            top.key = None
            if slot is _SKIP:
                return (*top.path, "\x00skipped")
            container[slot] = value
            top.marks[slot] = (top.key_pos, pos)
        else:
            slot = len(container)
            container.append(value)
            top.marks.append(pos)
        if not (alias or value.__class__ in (dict, list)):
            return ()  # a plain value: its path is only built if a problem needs it
        path = (*top.path, slot)
        if alias:
            doc.aliases.add(path)
        return path


#: Problems that mean "one of our limits stopped the reading".
LIMIT_CODES = frozenset({"too-deep", "too-many-values", "too-many-problems"})


def build(doc: Document, text: str, escapes: Any) -> None:
    """Fill ``doc`` from YAML ``text``; raises only ``yaml.YAMLError`` (the caller reports it).

    The result does not depend on the libyaml version installed: when libyaml stops with an
    error, the text is read again by the pure-Python reference parser, and its result stands
    when it stops at one of our own limits first (``too-deep`` at the first level past
    :data:`MAX_DEPTH`, say) or reads the text without any problem (libyaml hit a limit of its
    own). Otherwise libyaml's error is raised, as before.
    """
    if Loader is ReferenceLoader:
        _Builder(doc, text, escapes).build()
        return
    before = len(doc.problems)
    try:
        _Builder(doc, text, escapes).build()
        return
    except yaml.YAMLError as fast_error:
        error = fast_error
    reference = Document(doc.path)
    try:
        if not _Builder(reference, text, escapes)._run(ReferenceLoader):
            reference.data = None
    except yaml.YAMLError:
        pass
    else:
        codes = {p.code for p in reference.problems}
        if not codes or codes & LIMIT_CODES:
            del doc.problems[before:]
            doc.problems.extend(reference.problems)
            doc.data, doc.root = reference.data, reference.root
            doc.marks, doc.aliases = reference.marks, reference.aliases
            return
    raise error
