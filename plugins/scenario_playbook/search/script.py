"""The finder's index as a plain script that sets a global (no fetch, so it works from
``file://``), and the vendored Snowball stemmer script beside it.

Compact format, ``window.playbookSituations = {...}``:

- ``docs``: ``[id, title, one-line summary]`` per scenario, sorted by id;
- ``dirs``: whether page URLs are folders (``scenarios/<id>/``) or files (``<id>.html``);
- ``suggest``: the page, from the site's root, that says how to suggest a new scenario;
- ``terms``: the sorted vocabulary, joined by spaces;
- ``idf``: each term's quantised idf, and ``unknown``: that of a word no scenario uses;
- ``unknownImpact``: what a strong match of such a word would score (the "close" rule);
- ``synonyms``: the stemmed synonym groups, words joined by commas, groups by spaces;
- ``keep``: ``word:stem`` pairs the stemmer must not touch (:data:`.words.KEEP`);
- ``postings``: per term, ``doc-gap impact doc-gap impact ...`` as base-32 varints, joined by
  spaces (see :func:`varint`);
- ``outside``: per topic the playbook does not cover, ``[title, where, phrases, impacts]``:
  the phrases' stems joined by spaces, phrases by commas; ``stem:impact`` pairs by spaces.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from ..core.model import OutsideTopic, Scenario
from ..render import urls
from .index import Doc, Outside, SearchIndex, build_index
from .words import KEEP

GLOBAL = "playbookSituations"
INDEX_PATH = "assets/playbook/situations-index.js"
STEMMER_PATH = "assets/playbook/snowball-english.js"
#: Both, as the pages load them (the stemmer first).
SITE_SCRIPTS = (STEMMER_PATH, INDEX_PATH)
STEMMER_SOURCE = Path(__file__).parent.parent / "vendor" / "snowball" / "english-stemmer.js"
#: The hand-written page (and section) that says how to suggest a new scenario.
SUGGEST_SRC = "using-a-scenario.md"
SUGGEST_ANCHOR = "#suggest-a-scenario"
#: Digits 0-31 that end a number, and the same digits when more follow.
FINAL = "0123456789abcdefghijklmnopqrstuv"
MORE = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"


def varint(value: int) -> str:
    """``value`` in base 32, most significant digit first; all digits but the last from MORE."""
    if value < len(_SMALL):
        return _SMALL[value]
    return _varint(value)


def _varint(value: int) -> str:
    digits = [FINAL[value & 31]]
    value >>= 5
    while value:
        digits.append(MORE[value & 31])
        value >>= 5
    return "".join(reversed(digits))


#: The numbers most postings hold (doc gaps, impacts), encoded once.
_SMALL = tuple(_varint(v) for v in range(4096))


def varints(text: str) -> list[int]:
    """The numbers of a :func:`varint` string."""
    out, value = [], 0
    for char in text:
        if char in FINAL:
            out.append(value * 32 + FINAL.index(char))
            value = 0
        else:
            value = value * 32 + MORE.index(char)
    return out


def _postings(entries: list[tuple[int, int]]) -> str:
    """A term's postings as varints: the gap from the previous scenario, then the impact."""
    out, last, small, few = [], 0, _SMALL, len(_SMALL)  # locals: this runs per posting
    for doc, impact in entries:
        gap = doc - last
        out.append(small[gap] if gap < few else _varint(gap))
        out.append(small[impact] if impact < few else _varint(impact))
        last = doc
    return "".join(out)


def data(index: SearchIndex, use_directory_urls: bool) -> dict[str, object]:
    """The index as the plain data the browser script reads."""
    return {
        "version": 1,
        "dirs": use_directory_urls,
        "suggest": urls.page_url(SUGGEST_SRC, use_directory_urls) + SUGGEST_ANCHOR,
        "docs": [[d.id, d.title, d.summary] for d in index.docs],
        "terms": " ".join(index.vocabulary),
        "idf": "".join(varint(i) for i in index.idf),
        "unknown": index.unknown_idf,
        "unknownImpact": index.unknown_impact,
        "postings": " ".join(_postings(p) for p in index.postings),
        "synonyms": " ".join(",".join(group) for group in index.synonyms),
        "keep": " ".join(f"{word}:{root}" for word, root in sorted(KEEP.items())),
        "outside": [
            [
                t.title,
                t.where,
                ",".join(" ".join(phrase) for phrase in t.phrases),
                " ".join(f"{stem}:{value}" for stem, value in sorted(t.impacts.items())),
            ]
            for t in index.outside
        ],
    }


def index_script(index: SearchIndex, use_directory_urls: bool) -> str:
    """The index as a script that sets ``window.playbookSituations``."""
    text = json.dumps(data(index, use_directory_urls), ensure_ascii=False, separators=(",", ":"))
    # Safe inline in a <script> element too (the one-file edition).
    text = text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.{GLOBAL} = {text};\n"


def decode(document: dict[str, object]) -> SearchIndex:
    """The index back from :func:`data` (what the browser reads), for the parity tests."""
    docs = [Doc(*d) for d in document["docs"]]  # type: ignore[attr-defined]
    terms = str(document["terms"]).split(" ") if document["terms"] else []
    postings = []
    for text in str(document["postings"]).split(" ") if terms else []:
        numbers, entries, doc = varints(text), [], 0
        for gap, impact in zip(numbers[::2], numbers[1::2], strict=True):
            doc += gap
            entries.append((doc, impact))
        postings.append(entries)
    return SearchIndex(
        docs,
        terms,
        varints(str(document["idf"])),
        postings,
        int(document["unknown"]),  # type: ignore[call-overload]
        int(document["unknownImpact"]),  # type: ignore[call-overload]
        [tuple(g.split(",")) for g in str(document.get("synonyms", "")).split(" ") if g],
        [_outside(*topic) for topic in document.get("outside", [])],  # type: ignore[attr-defined]
    )


def _outside(title: str, where: str, phrases: str, impacts: str) -> Outside:
    pairs = (pair.rsplit(":", 1) for pair in impacts.split(" ") if pair)
    return Outside(
        title,
        where,
        tuple(tuple(p.split(" ")) for p in phrases.split(",") if p),
        {stem: int(value) for stem, value in pairs},
    )


def stemmer_script() -> str:
    """The vendored Snowball English stemmer script."""
    return STEMMER_SOURCE.read_text(encoding="utf-8")


def site_scripts(
    scenarios: Iterable[Scenario],
    use_directory_urls: bool,
    outside: Iterable[OutsideTopic] = (),
) -> dict[str, str]:
    """The finder's two scripts, ``{path in the site: text}``."""
    index = build_index(scenarios, outside)
    return {INDEX_PATH: index_script(index, use_directory_urls), STEMMER_PATH: stemmer_script()}
