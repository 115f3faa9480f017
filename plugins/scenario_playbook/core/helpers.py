"""Small helpers for every layer: did-you-mean suggestions, shortening, line:col of offsets."""

from __future__ import annotations

import difflib
import heapq
from collections.abc import Sequence

#: At most this many names are compared in full for one suggestion (difflib is costly).
MAX_CANDIDATES = 64


def candidates(value: str, known: Sequence[str]) -> Sequence[str]:
    """The names worth comparing to ``value``: all of them when few; else a linear, cheap pass
    (same first letter, a similar length), capped at :data:`MAX_CANDIDATES` and the same in
    any order, so that a suggestion never costs a full comparison with every name."""
    if len(known) <= MAX_CANDIDATES:
        return known
    slack = max(3, len(value) // 3)
    first = value[:1]
    near = (
        (abs(len(name) - len(value)), name)
        for name in known
        if name[:1] == first and abs(len(name) - len(value)) <= slack
    )
    return [name for _, name in heapq.nsmallest(MAX_CANDIDATES, near)]


def closest(value: str, known: Sequence[str], cutoff: float = 0.6) -> str | None:
    """The known name most like ``value`` (difflib's ratio at least ``cutoff``), or None;
    among many names, only the likely :func:`candidates` are compared."""
    guess = difflib.get_close_matches(value, candidates(value, known), n=1, cutoff=cutoff)
    return guess[0] if guess else None


def did_you_mean(value: str, known: Sequence[str], cutoff: float = 0.6) -> str:
    """`` (did you mean 'x'?)`` for the closest known name, or an empty string."""
    guess = closest(value, known, cutoff)
    return f" (did you mean '{guess}'?)" if guess is not None else ""


def shorten(value: str, limit: int = 40) -> str:
    """``value`` cut to at most ``limit`` characters, ending in ``...`` when cut."""
    return value if len(value) <= limit else value[: limit - 3] + "..."


def line_col(text: str, offset: int, line: int = 1, col: int = 1) -> tuple[int, int]:
    """Line and column (from 1) of ``offset`` in ``text``, when ``text`` starts at ``line:col``."""
    newlines = text.count("\n", 0, offset)
    if newlines:
        return line + newlines, offset - text.rfind("\n", 0, offset)
    return line, col + offset
