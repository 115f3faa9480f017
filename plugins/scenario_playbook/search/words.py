"""Words as the finder sees them: lower-case ASCII tokens, English stop words, Snowball stems.

The browser does exactly the same (``assets/situation-finder.js`` with the vendored Snowball
English stemmer, generated from the same ``english.sbl`` as the ``snowballstemmer`` package):
a test compares both over every word of the index.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import snowballstemmer

#: A word: letters and digits, with inner apostrophes kept ("customer's", "don't").
WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")
_MARKS = re.compile(r"[\u0300-\u036f]")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})

_STOP = """
    a about above after again against all am an and any are aren't as at be because been before
    being below between both but by can can't cannot could couldn't did didn't do does doesn't
    doing don't down during each few for from further had hadn't has hasn't have haven't having
    he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've
    if in into is isn't it it's its itself let's me more most mustn't my myself no nor not of off
    on once only or other ought our ours ourselves out over own same shan't she she'd she'll
    she's should shouldn't so some such than that that's the their theirs them themselves then
    there there's these they they'd they'll they're they've this those through to too under
    until up very was wasn't we we'd we'll we're we've were weren't what what's when when's where
    where's which while who who's whom why why's with won't would wouldn't you you'd you'll
    you're you've your yours yourself yourselves
    also just get got now still want wants will s t
"""
#: Words that say nothing about a situation. Dropped from the query and from the index
#: (assets/situation-finder.js has the same list).
STOP_WORDS = frozenset(_STOP.split())

_STEMMER = snowballstemmer.stemmer("english")

#: Words the stemmer would merge with others of another meaning, kept apart (as Lucene's
#: stemmer override does): Snowball makes "customer" "custom", so "custom fields" would find
#: every scenario about customers; "expenses" "expensive", "objectives" "objection",
#: "conversion" "conversation" (found by comparing the words of the scenarios and of the topics
#: the playbook leaves out that share a stem). Shipped in the index, so the browser keeps them
#: apart too.
KEEP: dict[str, str] = {
    "customer": "customer",
    "customers": "customer",
    "customer's": "customer",
    "expense": "expense",
    "expenses": "expense",
    "expensed": "expense",
    "objective": "objective",
    "objectives": "objective",
    "conversion": "conversion",
    "conversions": "conversion",
}


def fold(text: str) -> str:
    """Lower case, curly apostrophes made straight, accents dropped (as the browser does)."""
    return _MARKS.sub("", unicodedata.normalize("NFKD", text.lower().translate(_QUOTES)))


def tokens(text: str) -> list[str]:
    """Every word of ``text``, folded, in order (stop words included)."""
    return WORD.findall(fold(text))


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball English stem of a folded word (or its :data:`KEEP` entry)."""
    return KEEP.get(word) or str(_STEMMER.stemWord(word))


def terms(text: str) -> list[str]:
    """The index terms of ``text``: stems of its words that are not stop words, in order."""
    return [stem(w) for w in tokens(text) if w not in STOP_WORDS]
