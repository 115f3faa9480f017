"""Small helpers for every layer: did-you-mean suggestions, shortening, line:col of offsets."""

from __future__ import annotations

import difflib
from collections.abc import Sequence


def closest(value: str, known: Sequence[str], cutoff: float = 0.6) -> str | None:
    """The known name most like ``value`` (difflib's ratio at least ``cutoff``), or None."""
    guess = difflib.get_close_matches(value, known, n=1, cutoff=cutoff)
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
