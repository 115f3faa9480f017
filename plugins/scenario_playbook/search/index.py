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
from typing import TYPE_CHECKING

from ..core.model import OutsideTopic, Scenario
from ..render.callsheet import first_sentence
from .synonyms import stemmed_groups
from .words import terms

if TYPE_CHECKING:
    from ..core.loader import Playbook

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


@functools.lru_cache(maxsize=65536)
def _is_phrase(keyword: str) -> bool:
    """Whether a keyword has several words (stop words aside); remembered, as keywords recur."""
    return len(terms(keyword)) > 1


def _keywords(s: Scenario, phrases: bool) -> str:
    """The scenario's one-word keywords, or (``phrases``) its keywords of several words."""
    return "\n".join(k for k in s.keywords if _is_phrase(k) == phrases)


#: (field, weight, text of the field). The title and the one-word keywords say what the
#: situation is called; tags and summary name it; the situation, and the keywords of several
#: words, tell it as people do ("they cut me off mid-sentence": each of its words is one a
#: reader may type, none of them names the situation); the approach only mentions words in
#: passing. Those weighed ``ABOUT_WEIGHT`` or more say what a scenario is about.
FIELDS: tuple[tuple[str, float, Callable[[Scenario], str]], ...] = (
    ("title", 3.0, lambda s: s.title),
    ("keywords", 3.0, lambda s: _keywords(s, phrases=False)),
    ("tags", 2.0, lambda s: "\n".join(s.tags)),
    ("summary", 2.0, lambda s: s.summary),
    ("keyword phrases", 1.0, lambda s: _keywords(s, phrases=True)),
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


def length_norm(length: int, average: float) -> float:
    """BM25F's length normalisation of a field ``length`` terms long (``average``: of all)."""
    return 1 - B + B * length / average if average else 1.0


def impact(weight: float, t: float) -> int:
    """BM25F's impact of a term at idf ``weight`` and weighted, normalised frequency ``t``,
    quantised (at least 1: a term that is there counts)."""
    value = round(weight * t * (K1 + 1) / (K1 + t) * IMPACT_SCALE)
    return value if value else 1


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


def playbook_index(playbook: Playbook) -> SearchIndex:
    """The finder's index of a loaded playbook: its scenarios, and its taxonomy's topics that
    the playbook does not cover."""
    taxonomy = playbook.taxonomy
    return build_index(playbook.scenarios.values(), taxonomy.outside if taxonomy else ())


#: The fields that say what a scenario is about are those weighed this much or more (title,
#: one-word keywords, tags, summary): a word of a longer keyword is one way of telling it.
ABOUT_WEIGHT = 2.0
ABOUT_FIELDS = tuple(f for f, (_, weight, _) in enumerate(FIELDS) if weight >= ABOUT_WEIGHT)


def outside_topics(
    topics: Iterable[OutsideTopic],
    counts: list[tuple[Counter[str], ...]],
    holders: dict[str, list[tuple[int, float]]],
) -> list[Outside]:
    """The topics with the stems of their phrases, and each stem's impact as BM25F gives a
    keyword: the idf among the scenarios (``counts``: each scenario's term counts per field;
    ``holders``: per term, the scenarios that have it, in order), the frequency in the topic
    normalised by the topic's length against the topics' average.

    A word the scenarios use themselves is left out: one a scenario is about (in its title,
    one-word keywords, tags or summary), or one that two or more scenarios have. Such a word
    is no sign that a query is about something else ("leaving do" is, once stop words are
    dropped, the word of leaving a job). A phrase of several words stays: it counts only when
    all its words are typed, and scenarios that have them all apart ("annual" price rise, "leave"
    a message) do not make "annual leave" theirs.
    """
    chosen = list(topics)
    df = {term: len(entries) for term, entries in holders.items()}

    def used(phrase: tuple[str, ...]) -> bool:
        if len(phrase) > 1 or phrase[0] not in holders:
            return False
        docs = [d for d, _ in holders[phrase[0]]]
        return len(docs) >= 2 or any(counts[d][f][phrase[0]] for d in docs for f in ABOUT_FIELDS)

    phrases = [
        tuple(dict.fromkeys(p for p in (tuple(terms(w)) for w in t.words) if p and not used(p)))
        for t in chosen
    ]
    tallies = [Counter(s for phrase in ps for s in phrase) for ps in phrases]
    avg = sum(sum(c.values()) for c in tallies) / len(tallies) if tallies else 0.0
    out = []
    for topic, ps, tally in zip(chosen, phrases, tallies, strict=True):
        norm = length_norm(sum(tally.values()), avg)
        values = {
            stem: impact(idf(len(counts), df.get(stem, 0)), OUTSIDE_WEIGHT * times / norm)
            for stem, times in tally.items()
        }
        out.append(Outside(topic.title, topic.where, ps, values))
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
            norm = length_norm(lengths[d][f], avg[f])
            for term, count in doc[f].items():
                tf[term] = tf.get(term, 0.0) + weight * count / norm
        for term, value in tf.items():
            weighted.setdefault(term, []).append((d, value))
    vocabulary = sorted(weighted)
    idfs, postings = [], []
    for term in vocabulary:
        entries = weighted[term]
        weight = idf(n, len(entries))
        idfs.append(round(weight * IDF_SCALE))
        postings.append([(d, impact(weight, t)) for d, t in entries])
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
