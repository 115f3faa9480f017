"""The reference query evaluation, repeated line for line by ``assets/situation-finder.js``.

A query is cut into words; stop words are dropped. Each remaining word matches index terms:

- its Snowball stem, exactly (counts in full);
- the other words of its synonym groups (:mod:`.synonyms`), exactly (counts 3/4): "boss"
  finds "manager";
- if it is the last word and the query does not end there (it is still being typed), every
  term that starts with the word or its stem (counts 3/4);
- if neither found anything and the word has 5 letters or more, every term one edit
  (insertion, deletion, substitution or swap of neighbours) from its stem (counts 1/2).

A scenario's score is the sum over words of the best ``weight x impact`` among the word's terms
(integers: see :mod:`.index`). A term rarer than the word typed (a synonym, a longer word)
counts as if it were as common as that word (its impact scaled by idf(word) / idf(term)), so
that "customer" does not rank "client" above itself. Ties go to the scenario whose id sorts
first.

"Close" asks whether the best scenario is about the query, in two ways:

- **Overall**: each query word could at most score what the scenario most about it scores (its
  top value), and a word no scenario uses could score :attr:`.index.SearchIndex.unknown_impact`
  (what a strong match of a word that rare would score). A best scenario reaching at least
  ``CLOSE_PERCENT`` of that sum is close, if it also matches strongly (see below) one word of
  a query of one or two words, or ``CLOSE_PAIR`` words of a longer one: one word in common is
  a coincidence ("hiring a new *salesperson*", "a *quota* for each *rep*" meet one scenario
  each on one word).
- **Word by word**: a long query, told the way people talk, carries words no scenario is about
  ("the guy on the phone is effing and blinding at me"). It is close when the best scenario
  matches at least ``CLOSE_WORDS`` of its words *strongly*: at least half the word's top value,
  and at least ``STRONG_MIN`` (a word the scenario only mentions in passing scores less), and
  reaches ``WORDS_PERCENT`` of the ideal sum (three ordinary words met among a dozen typed are
  not enough).

- **Not a topic the playbook leaves out**: ``taxonomy.yml`` lists neighbouring kinds of question
  the playbook does not answer (pay, leave, work tools ...), each with the phrases people use
  for it. A phrase counts when every one of its words' stems is among the query's; a topic
  scores, for each stem of its phrases that count, ``EXACT x`` the stem's impact (what it would
  score as a scenario's keyword), half as much again (``PHRASE_BONUS``) when one of those
  phrases has several words (all of them typed is a surer sign than any one). A topic scoring
  at least what the best scenario scores is what the query is about (the first such topic,
  when several tie): nothing is close, and the finder says which topic it is and where such
  questions are answered.

Otherwise the finder says that no scenario is a close match, and still lists the nearest ones.
A query about something the playbook does not cover meets one or two of its scenarios on a word
or two in passing ("log a call", "a new salesperson") and falls short of both.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .index import SearchIndex
from .words import STOP_WORDS, fold, stem, tokens

EXACT, PREFIX, SYNONYM, TYPO = 4, 3, 3, 2
PREFIX_MIN = 3
TYPO_MIN = 5
CLOSE_PERCENT = 60
CLOSE_WORDS = 3
WORDS_PERCENT = 15
CLOSE_PAIR = 2
STRONG_MIN = 20
#: A topic one of whose phrases of several words the query has scores this much more
#: (numerator, denominator): "sick note" says more than "sick" and "note" apart.
PHRASE_BONUS = (3, 2)
_TYPING = re.compile(r"[a-z0-9]$")


@dataclass(frozen=True)
class Word:
    """A query word and the index terms it matches."""

    text: str
    #: ``(term number, multiplier)`` for every index term the word matches.
    matches: tuple[tuple[int, int], ...]
    #: The idf of the word itself when the playbook uses it: a match on another, rarer term
    #: (a synonym, a longer word) counts as if it were as common as the word typed.
    ceiling: int | None = None
    #: The word's stem (what the phrases of a topic the playbook leaves out are made of).
    root: str = ""


@dataclass(frozen=True)
class Hit:
    """A scenario found, with its score."""

    doc: int
    id: str
    score: int


@dataclass(frozen=True)
class Result:
    """A query's words, the best scenarios, the ideal score and how many words the best one
    matches strongly."""

    words: tuple[Word, ...]
    hits: tuple[Hit, ...]
    #: The best score a scenario could reach on this query (see the module's docstring).
    ideal: int
    #: How many query words the best scenario matches strongly (see the module's docstring).
    strong: int = 0
    #: The number of the topic the playbook leaves out that the query is about, if any.
    outside: int | None = None

    @property
    def close(self) -> bool:
        """Whether the best scenario is about the query (no words: nothing to judge)."""
        if not self.words:
            return True
        if not self.hits or self.outside is not None:
            return False
        needed = CLOSE_PAIR if len(self.words) > 2 else 1
        score = 100 * self.hits[0].score
        overall = score >= CLOSE_PERCENT * self.ideal and self.strong >= needed
        by_words = self.strong >= CLOSE_WORDS and score >= WORDS_PERCENT * self.ideal
        return overall or by_words

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
    """The query's words (stop words dropped) and the terms each matches."""
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
        for other in index.alike.get(root, ()):
            if other in index.number:
                matches.setdefault(index.number[other], SYNONYM)
        if last and len(word) >= PREFIX_MIN:
            for start in (word, root):
                for m in _prefixed(index, start):
                    matches.setdefault(m, PREFIX)
        if not matches and len(word) >= TYPO_MIN:
            for m, term in enumerate(index.vocabulary):
                if one_edit(root, term):
                    matches[m] = TYPO
        found = tuple(sorted(matches.items()))
        ceiling = index.idf[index.number[root]] if root in index.number else None
        words.append(Word(word, found, ceiling, root))
    return words


def search(index: SearchIndex, query: str, limit: int = 5) -> Result:
    """The best ``limit`` scenarios for ``query`` (see the module's docstring)."""
    words = parse(query, index)
    scores: dict[int, int] = {}
    ideal = 0
    values: list[tuple[dict[int, int], int]] = []  # per word: scenario -> value, and the top
    for word in words:
        best: dict[int, int] = {}
        for m, times in word.matches:
            rarer = word.ceiling is not None and index.idf[m] > word.ceiling
            for d, impact in index.postings[m]:
                value = times * impact
                if rarer:
                    value = value * word.ceiling // index.idf[m]  # type: ignore[operator]
                if value > best.get(d, 0):
                    best[d] = value
        top = max(best.values(), default=0)
        ideal += top if best else index.unknown_impact
        values.append((best, top))
        for d, value in best.items():
            scores[d] = scores.get(d, 0) + value
    ranked = sorted(scores, key=lambda d: (-scores[d], d))[:limit]
    hits = tuple(Hit(d, index.docs[d].id, scores[d]) for d in ranked)
    strong = 0
    if hits:
        first = hits[0].doc
        strong = sum(
            1
            for best, top in values
            if best.get(first, 0) >= STRONG_MIN and 2 * best.get(first, 0) >= top
        )
    return Result(tuple(words), hits, ideal, strong, outside_topic(index, words, hits))


def outside_topic(index: SearchIndex, words: list[Word], hits: tuple[Hit, ...]) -> int | None:
    """The topic the playbook leaves out that the query is about, if one scores at least
    what the best scenario scores (see the module's docstring)."""
    roots = {w.root for w in words}
    top, chosen = 0, None
    for number, topic in enumerate(index.outside):
        found = [phrase for phrase in topic.phrases if roots.issuperset(phrase)]
        used = {s for phrase in found for s in phrase}
        score = sum(EXACT * topic.impacts[s] for s in used)
        if any(len(phrase) > 1 for phrase in found):
            score = score * PHRASE_BONUS[0] // PHRASE_BONUS[1]
        if score > top:
            top, chosen = score, number
    return chosen if top and top >= (hits[0].score if hits else 0) else None
