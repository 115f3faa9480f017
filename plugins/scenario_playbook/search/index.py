"""The finder's index: BM25F impacts per (term, scenario), built from the validated models.

Ranking is BM25F (Robertson and Zaragoza): a term's frequency in each field is normalised by
that field's length, weighted by the field, summed, and saturated once:

    tf~(t, d) = sum over fields f of  w_f * tf(t, d, f) / (1 - b + b * len(d, f) / avglen(f))
    impact(t, d) = idf(t) * tf~ * (k1 + 1) / (k1 + tf~)
    idf(t) = ln(1 + (N - df + 0.5) / (df + 0.5))

Topics the playbook does not cover (``taxonomy.yml``'s ``outside``) are scored the same way, as
if their words were a scenario's keywords, against the scenarios' idf (:func:`outside_topics`).

Everything that depends only on the scenarios is computed here, at build time, and stored as
small integers (``impact * IMPACT_SCALE``, ``idf * IDF_SCALE``, rounded). A query then only adds
integers, so the browser and this reference give exactly the same scores, with no float
rounding between Python and JavaScript to disagree on.
"""

from __future__ import annotations

import functools
import gc
import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..core.model import OutsideTopic, Scenario
from ..render.callsheet import first_sentence
from .synonyms import stemmed_groups
from .words import terms

K1 = 1.2
B = 0.75
IMPACT_SCALE = 8
IDF_SCALE = 10
#: Longest one-line summary shown under a result, in characters.
SUMMARY_MAX = 160
#: A topic the playbook does not cover weighs its words as a scenario's keywords.
OUTSIDE_WEIGHT = 3.0


def _approach(s: Scenario) -> str:
    return "\n".join(f"{step.step}\n{step.say}" for step in s.approach)


#: (field, weight, text of the field). Title and keywords say what the situation is called;
#: tags and summary name it; the situation tells it; the approach only mentions words in passing.
FIELDS: tuple[tuple[str, float, Callable[[Scenario], str]], ...] = (
    ("title", 3.0, lambda s: s.title),
    ("keywords", 3.0, lambda s: "\n".join(s.keywords)),
    ("tags", 2.0, lambda s: "\n".join(s.tags)),
    ("summary", 2.0, lambda s: s.summary),
    ("situation", 1.0, lambda s: s.situation),
    ("approach", 0.5, _approach),
)


def one_line(summary: str, limit: int = SUMMARY_MAX) -> str:
    """The summary's first sentence, cut at a word boundary to at most ``limit`` characters."""
    first = first_sentence(summary)
    if len(first) <= limit:
        return first
    return first[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@dataclass(frozen=True)
class Doc:
    """A scenario as the finder shows it: id, title, one-line summary."""

    id: str
    title: str
    summary: str


@dataclass(frozen=True)
class Outside:
    """A topic the playbook does not cover (``taxonomy.yml``'s ``outside``): what the finder
    says of it, its phrases as stems, and each stem's quantised impact, computed as a
    scenario's keywords would be (the scenarios' idf, the topics' own lengths)."""

    title: str
    where: str
    phrases: tuple[tuple[str, ...], ...]
    impacts: dict[str, int]


@dataclass
class SearchIndex:
    """Scenarios (sorted by id), the sorted vocabulary, and per term its quantised idf and its
    postings ``[(scenario number, quantised impact), ...]`` in scenario order."""

    docs: list[Doc]
    vocabulary: list[str]
    idf: list[int]
    postings: list[list[tuple[int, int]]]
    #: The idf of a word no scenario uses (df = 0): the weight an unmatched query word carries.
    unknown_idf: int
    #: What a strong exact match of a word no scenario uses would score: the most an unknown
    #: query word could add (``EXACT x`` a fully saturated impact at ``unknown_idf``).
    unknown_impact: int = 0
    #: Groups of stems that stand for one another (:mod:`.synonyms`).
    synonyms: list[tuple[str, ...]] = field(default_factory=list)
    #: Topics the playbook does not cover (see :class:`Outside`).
    outside: list[Outside] = field(default_factory=list)
    number: dict[str, int] = field(default_factory=dict)
    #: For a stem, the other stems of its synonym groups.
    alike: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.number = {t: i for i, t in enumerate(self.vocabulary)}
        alike: dict[str, list[str]] = {}
        for group in self.synonyms:
            for root in group:
                others = alike.setdefault(root, [])
                others.extend(s for s in group if s != root and s not in others)
        self.alike = {root: tuple(others) for root, others in alike.items()}


@functools.lru_cache(maxsize=16384)
def field_counts(texts: tuple[str, ...]) -> tuple[Counter[str], ...]:
    """How often each term occurs in each field's text (remembered: a ``mkdocs serve`` rebuild
    counts again only the scenarios that changed)."""
    return tuple(Counter(terms(text)) for text in texts)


def idf(n: int, df: int) -> float:
    """BM25's inverse document frequency of a term in ``df`` of ``n`` scenarios."""
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for a while.

    The index is hundreds of thousands of small tuples of numbers, and nothing in it refers
    back to itself. Made with the collector on, they set off a full collection of the whole
    process several times over (a tenth to a third of a second each in a ``mkdocs serve`` at a
    thousand scenarios); made with it off, the next young collection sees them once and leaves
    them out of every later one (tuples of numbers cannot be part of a cycle).
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def build_index(scenarios: Iterable[Scenario], outside: Iterable[OutsideTopic] = ()) -> SearchIndex:
    """The finder's index of the scenarios, and of the topics they do not cover (see the
    module's docstring)."""
    with collector_paused():
        return _build_index(scenarios, outside)


#: The fields that say what a scenario is about (title, keywords, tags, summary).
ABOUT_FIELDS = 4


def outside_topics(
    topics: Iterable[OutsideTopic],
    counts: list[tuple[Counter[str], ...]],
    holders: dict[str, list[tuple[int, float]]],
) -> list[Outside]:
    """The topics with the stems of their phrases, and each stem's impact as BM25F gives a
    keyword: the idf among the scenarios (``counts``: each scenario's term counts per field;
    ``holders``: per term, the scenarios that have it, in order), the frequency in the topic
    normalised by the topic's length against the topics' average.

    A phrase the scenarios use themselves is left out: one a scenario is about (its title,
    keywords, tags or summary have all the phrase's words), or one that two or more scenarios
    have all the words of. Such a phrase is no sign that a query is about something else
    ("expenses" shares its stem with "expensive", "leaving do" its only word with leaving a job).
    """
    chosen = list(topics)
    df = {term: len(entries) for term, entries in holders.items()}
    sets: dict[str, set[int]] = {}  # per stem, the scenarios that have it (made when needed)

    def used(phrase: tuple[str, ...]) -> bool:
        docs: set[int] | None = None
        for stem in sorted(phrase, key=lambda s: df.get(s, 0)):
            if stem not in holders:
                return False
            if stem not in sets:
                sets[stem] = {d for d, _ in holders[stem]}
            docs = set(sets[stem]) if docs is None else docs & sets[stem]
            if not docs:
                return False
        return len(docs or ()) >= 2 or any(
            all(any(counts[d][f][s] for f in range(ABOUT_FIELDS)) for s in phrase)
            for d in docs or ()
        )

    phrases = [
        tuple(dict.fromkeys(p for p in (tuple(terms(w)) for w in t.words) if p and not used(p)))
        for t in chosen
    ]
    tallies = [Counter(s for phrase in ps for s in phrase) for ps in phrases]
    avg = sum(sum(c.values()) for c in tallies) / len(tallies) if tallies else 0.0
    n = len(counts)
    out = []
    for topic, ps, tally in zip(chosen, phrases, tallies, strict=True):
        norm = 1 - B + B * sum(tally.values()) / avg if avg else 1.0
        impacts = {}
        for stem, times in tally.items():
            t = OUTSIDE_WEIGHT * times / norm
            value = idf(n, df.get(stem, 0)) * t * (K1 + 1) / (K1 + t) * IMPACT_SCALE
            impacts[stem] = max(1, round(value))
        out.append(Outside(topic.title, topic.where, ps, impacts))
    return out


def _build_index(scenarios: Iterable[Scenario], outside: Iterable[OutsideTopic]) -> SearchIndex:
    chosen = sorted(scenarios, key=lambda s: s.id)
    n = len(chosen)
    counts = [field_counts(tuple(text(s) for _, _, text in FIELDS)) for s in chosen]
    lengths = [[sum(c.values()) for c in doc] for doc in counts]
    avg = [sum(doc[f] for doc in lengths) / n if n else 0.0 for f in range(len(FIELDS))]
    weighted: dict[str, list[tuple[int, float]]] = {}
    for d, doc in enumerate(counts):
        tf: dict[str, float] = {}
        for f, (_, weight, _) in enumerate(FIELDS):
            norm = 1 - B + B * lengths[d][f] / avg[f] if avg[f] else 1.0
            for term, count in doc[f].items():
                tf[term] = tf.get(term, 0.0) + weight * count / norm
        for term, value in tf.items():
            weighted.setdefault(term, []).append((d, value))
    vocabulary = sorted(weighted)
    idfs, postings = [], []
    k1, k1_plus_1, scale = K1, K1 + 1, IMPACT_SCALE  # locals: the loop below runs per posting
    for term in vocabulary:
        entries = weighted[term]
        weight = idf(n, len(entries))
        idfs.append(round(weight * IDF_SCALE))
        postings.append(
            [
                (d, impact if (impact := round(weight * t * k1_plus_1 / (k1 + t) * scale)) else 1)
                for d, t in entries
            ]
        )
    docs = [Doc(s.id, s.title, one_line(s.summary)) for s in chosen]
    unknown = idf(n, 0)
    return SearchIndex(
        docs,
        vocabulary,
        idfs,
        postings,
        round(unknown * IDF_SCALE),
        unknown_impact(unknown),
        stemmed_groups(),
        outside_topics(outside, counts, weighted),
    )


def unknown_impact(unknown_idf: float) -> int:
    """The score of a strong exact match of a word with this idf (see ``SearchIndex``)."""
    return 4 * round(unknown_idf * (K1 + 1) * IMPACT_SCALE)
