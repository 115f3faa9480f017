"""The reference query evaluation, repeated line for line by ``assets/situation-finder.js``.

A query is cut into words; stop words are dropped. Each remaining word matches index terms:

- its Snowball stem, exactly (counts in full);
- if it is the last word and the query does not end there (it is still being typed), every
  term that starts with the word or its stem (counts 3/4);
- if neither found anything and the word has 5 letters or more, every term one edit
  (insertion, deletion, substitution or swap of neighbours) from its stem (counts 1/2).

A scenario's score is the sum over words of the best ``weight x impact`` among the word's terms
(integers: see :mod:`.index`). Ties go to the scenario whose id sorts first.

"Close" is about coverage: each word weighs its idf (a word no scenario uses weighs the most).
A scenario covers a word in proportion to how strongly it matches it, compared with the scenario
that matches it most (``weight x value // best value``, in integers): a word the scenario only
mentions in passing, while another is about it, covers little. The best scenario must cover at
least ``CLOSE_PERCENT`` of the query's weight; below that, the finder says that no scenario is
a close match, and still lists the nearest ones.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .index import SearchIndex
from .words import STOP_WORDS, fold, stem, tokens

EXACT, PREFIX, TYPO = 4, 3, 2
PREFIX_MIN = 3
TYPO_MIN = 5
CLOSE_PERCENT = 35
_TYPING = re.compile(r"[a-z0-9]$")


@dataclass(frozen=True)
class Word:
    text: str
    #: ``(term number, multiplier)`` for every index term the word matches.
    matches: tuple[tuple[int, int], ...]
    weight: int


@dataclass(frozen=True)
class Hit:
    doc: int
    id: str
    score: int
    #: How much of the query's weight this scenario covers (see the module's docstring).
    covered: int


@dataclass(frozen=True)
class Result:
    words: tuple[Word, ...]
    hits: tuple[Hit, ...]
    #: The summed weight of all the query's words.
    weight: int

    @property
    def close(self) -> bool:
        """Whether the best scenario covers enough of the query (no words: nothing to judge)."""
        if not self.words:
            return True
        return bool(self.hits) and 100 * self.hits[0].covered >= CLOSE_PERCENT * self.weight

    @property
    def ids(self) -> list[str]:
        return [h.id for h in self.hits]

    def terms(self, index: SearchIndex) -> set[str]:
        """Every index term some query word matched (what a result highlights)."""
        return {index.vocabulary[m] for w in self.words for m, _ in w.matches}


def one_edit(a: str, b: str) -> bool:
    """Whether ``b`` is exactly one insertion, deletion, substitution or swap from ``a``."""
    la, lb = len(a), len(b)
    if abs(la - lb) > 1 or a == b:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    if la > lb:
        return a[i + 1 :] == b[i:]
    return a[i:] == b[i + 1 :]


def _prefixed(index: SearchIndex, start: str) -> range:
    lo = bisect.bisect_left(index.vocabulary, start)
    hi = bisect.bisect_left(index.vocabulary, start + "\uffff")
    return range(lo, hi)


def parse(query: str, index: SearchIndex) -> list[Word]:
    raw = tokens(query)
    typing = bool(_TYPING.search(fold(query)))
    words: list[Word] = []
    seen: set[str] = set()
    for i, word in enumerate(raw):
        last = typing and i == len(raw) - 1
        if word in STOP_WORDS:
            continue
        root = stem(word)
        if root in seen:
            continue
        seen.add(root)
        matches: dict[int, int] = {}
        if root in index.number:
            matches[index.number[root]] = EXACT
        if last and len(word) >= PREFIX_MIN:
            for start in (word, root):
                for m in _prefixed(index, start):
                    matches.setdefault(m, PREFIX)
        if not matches and len(word) >= TYPO_MIN:
            for m, term in enumerate(index.vocabulary):
                if one_edit(root, term):
                    matches[m] = TYPO
        found = tuple(sorted(matches.items()))
        weight = max((index.idf[m] for m, _ in found), default=index.unknown_idf)
        words.append(Word(word, found, weight))
    return words


def search(index: SearchIndex, query: str, limit: int = 5) -> Result:
    words = parse(query, index)
    scores: dict[int, int] = {}
    covered: dict[int, int] = {}
    for word in words:
        best: dict[int, int] = {}
        for m, times in word.matches:
            for d, impact in index.postings[m]:
                value = times * impact
                if value > best.get(d, 0):
                    best[d] = value
        top = max(best.values(), default=0)
        for d, value in best.items():
            scores[d] = scores.get(d, 0) + value
            covered[d] = covered.get(d, 0) + word.weight * value // top
    ranked = sorted(scores, key=lambda d: (-scores[d], d))[:limit]
    hits = tuple(Hit(d, index.docs[d].id, scores[d], covered[d]) for d in ranked)
    return Result(tuple(words), hits, sum(w.weight for w in words))
