"""Stable identifiers derived from text: checklist items, decision anchors."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from .model import Scenario

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str, *, max_words: int = 6, max_length: int = 48) -> str:
    """Lowercase ASCII words joined by hyphens: 'Call them back!' -> 'call-them-back'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in _NON_WORD.split(ascii_text.lower()) if w][:max_words]
    return "-".join(words)[:max_length].strip("-") or "item"


def text_hash(text: str) -> str:
    """A short fingerprint of a text, so a tick can tell when its item's wording changed."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def checklist_ids(scenario: Scenario) -> list[str]:
    """The stable id of each checklist item: its explicit ``id``, or one derived from its text."""
    return [item.id or slugify(item.text) for item in scenario.checklist]
