"""Placeholder text left from ``playbook new``: every ``TODO`` (and every ``todo`` term) is a
problem at its own line and column until the contributor replaces it."""

from __future__ import annotations

import re

from .checks import PLACEHOLDER_TERM as TERM
from .helpers import shorten
from .kinds import BY_FIELD
from .model import Taxonomy
from .problems import Problem
from .source import Document
from .text_checks import all_text, strings
from .validate import dotted

#: Marks a text placeholder; matched as a whole word, in capitals, anywhere in a text.
MARK = "TODO"

_MARK = re.compile(rf"\b{MARK}\b")


def is_placeholder(value: object) -> bool:
    """Whether a value is a placeholder ``playbook new`` wrote."""
    return isinstance(value, str) and (value == TERM or _MARK.search(value) is not None)


def check_placeholders(
    doc: Document, taxonomy: Taxonomy | None, whole: str | None = None
) -> list[Problem]:
    """One problem per placeholder, saying what to write there."""
    whole = all_text(doc.data) if whole is None else whole
    if MARK not in whole and TERM not in whole:
        return []  # the usual case, settled by one look at the whole file's text
    out = []
    for loc, text in strings(doc.data):
        if not is_placeholder(text):
            continue
        field = next((part for part in loc if isinstance(part, str)), "")
        if text == TERM and field in BY_FIELD:
            kind = BY_FIELD[field]
            known = kind.ids(taxonomy) if taxonomy else []
            choices = f": {', '.join(known)}" if known else ""
            message = f"{dotted(loc)}: replace the placeholder 'todo' with one of the {kind.plural}"
            out.append(doc.problem(loc, "placeholder", message + choices))
        else:
            shown = " ".join(text.split())
            shown = shorten(shown, 60)
            message = f"{dotted(loc)}: replace the placeholder {shown!r}"
            out.append(doc.problem(loc, "placeholder", message))
    return out
