"""Plain YAML scalars read the YAML 1.2 way: only ``true``/``false`` are booleans."""

from __future__ import annotations

import re
from typing import Any

INT_RE = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
# Only decimal fractions with a point are numbers: '1e5' stays text, as YAML 1.1 tools (PyYAML)
# write it unquoted, so a dumped text must read back as text.
_FLOAT_RE = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?")
#: The most digits a plain number may have; more is a problem (no field needs so many).
MAX_DIGITS = 100
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
#: Plain scalars that need a closer look: anything else that is plain is simply text.
MAYBE_NOT_TEXT = re.compile(r"[-+.0-9~]|true$|false$|[Nn]ull$|NULL$")


def resolve_plain(value: str) -> Any:
    """Resolve a plain (unquoted) scalar the YAML 1.2 way, strictly."""
    if value and not MAYBE_NOT_TEXT.match(value):
        return value
    if value in _NULLS:
        return None
    if value == "true":
        return True
    if value == "false":
        return False
    if INT_RE.fullmatch(value):
        # a longer number is text (the reader reports it): int() refuses > 4,300 digits
        return int(value) if len(value) <= MAX_DIGITS else value
    if _FLOAT_RE.fullmatch(value):
        return float(value)
    return value
