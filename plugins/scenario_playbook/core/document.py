"""A read file as data plus where each part of it stands: the :class:`Document`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from .problems import Problem

#: Where a value is in a file's data: keys and list indexes from the top, e.g.
#: ``("decisions", 0, "id")`` (not a file path: that is :class:`pathlib.Path`).
KeyPath = tuple[str | int, ...]


class Mark(Protocol):
    """Where something stands: the YAML parser's own mark (``.line`` and ``.column`` from 0),
    turned into a line and column from 1 only when a problem needs one."""

    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...


@dataclass
class Document:
    """What a file holds: its data (or ``None``), where each part of it is, its problems."""

    path: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    #: Paths whose value was an alias (already reported): no follow-on problems there.
    aliases: set[KeyPath] = field(default_factory=set)
    #: Where the top-level value starts.
    root: Mark | None = None
    #: Per container (by ``id``): for a mapping ``{key: (key_pos, value_pos)}``, for a
    #: sequence ``[value_pos, ...]``. Containers are kept alive by ``data``.
    marks: dict[int, Any] = field(default_factory=dict)

    def where(self, loc: KeyPath, *, key: bool = False) -> tuple[int, int]:
        """Best position for ``loc``: the key or value itself, else its nearest parent."""
        best = self.root
        node = self.data
        last = len(loc) - 1
        for i, part in enumerate(loc):
            marks = self.marks.get(id(node))
            if marks is None:
                break
            if isinstance(node, dict):
                entry = marks.get(part)
                if entry is None:
                    break
                best = entry[0] if key and i == last else entry[1]
                node = node.get(part)
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(marks):
                best = marks[part]
                node = node[part]
            else:
                break
        return (best.line + 1, best.column + 1) if best is not None else (1, 1)

    def problem(self, loc: KeyPath, code: str, message: str, *, key: bool = False) -> Problem:
        line, col = self.where(loc, key=key)
        return Problem(self.path, line, col, code, message)
