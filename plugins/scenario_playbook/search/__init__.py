"""The situation finder: words, a compact BM25F index built from the scenario models, and the
reference query evaluation that ``assets/situation-finder.js`` repeats in the browser.

Pure functions and data: nothing here imports MkDocs.
"""

from __future__ import annotations

from .index import SearchIndex, build_index, playbook_index
from .query import Hit, Result, search

__all__ = ["Hit", "Result", "SearchIndex", "build_index", "playbook_index", "search"]
