"""Placeholder text left from ``playbook new``: every ``TODO`` (and every ``todo`` term) is a
problem at its own line and column until the contributor replaces it."""

from __future__ import annotations

import re

from .checks import PLACEHOLDER_TERM as TERM
from .checks import all_text, strings
from .model import Taxonomy
from .problems import Problem
from .source import Document
from .validate import dotted

#: Marks a text placeholder; matched as a whole word, in capitals, anywhere in a text.
MARK = "TODO"

_MARK = re.compile(rf"\b{MARK}\b")
_KINDS = {"family": "families", "roles": "roles", "stages": "stages", "principles": "principles"}


def is_placeholder(value: object) -> bool:
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
        if text == TERM and field in _KINDS:
            kind = _KINDS[field]
            known = [t.id for t in getattr(taxonomy, kind)] if taxonomy else []
            choices = f": {', '.join(known)}" if known else ""
            message = f"{dotted(loc)}: replace the placeholder 'todo' with one of the {kind}"
            out.append(doc.problem(loc, "placeholder", message + choices))
        else:
            shown = " ".join(text.split())
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            message = f"{dotted(loc)}: replace the placeholder {shown!r}"
            out.append(doc.problem(loc, "placeholder", message))
    return out
