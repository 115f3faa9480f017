"""The finder's evaluation: a YAML list of queries with the scenario ids a right answer may be
(``expect: []`` for a query the playbook does not cover), and the figures over it.

Queries written for scenarios that are not in the playbook being evaluated (none of their
expected ids is there) are listed and left out of every figure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .index import SearchIndex
from .query import search


@dataclass(frozen=True)
class Query:
    """One query of an evaluation set and the scenario ids that answer it."""

    text: str
    expect: tuple[str, ...]


@dataclass
class Figures:
    """Top-1, top-3 and out-of-scope counts of an evaluation."""

    covered: int = 0
    top1: int = 0
    top3: int = 0
    wrongly_flagged: int = 0
    out_of_scope: int = 0
    flagged: int = 0
    #: Covered queries whose expected scenarios are all missing: not counted.
    skipped: list[Query] = field(default_factory=list)
    #: Covered queries without their expected scenario in the top 3: (query, top 3 ids).
    misses: list[tuple[Query, list[str]]] = field(default_factory=list)
    #: Out-of-scope queries that were not flagged, and covered ones that were.
    wrong_flags: list[Query] = field(default_factory=list)


def load_queries(path: Path) -> list[Query]:
    """The queries of an evaluation set (``tests/search/queries.yml``)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(str(q["q"]), tuple(q.get("expect") or ())) for q in data["queries"]]


def evaluate(index: SearchIndex, queries: Iterable[Query]) -> Figures:
    """Run every query against the index and count the figures."""
    present = {d.id for d in index.docs}
    out = Figures()
    for query in queries:
        result = search(index, query.text, limit=3)
        if not query.expect:
            out.out_of_scope += 1
            out.flagged += not result.close
            if result.close:
                out.wrong_flags.append(query)
            continue
        wanted = set(query.expect) & present
        if not wanted:
            out.skipped.append(query)
            continue
        out.covered += 1
        ids = result.ids
        out.top1 += bool(ids) and ids[0] in wanted
        if wanted & set(ids[:3]):
            out.top3 += 1
        else:
            out.misses.append((query, ids[:3]))
        if not result.close:
            out.wrongly_flagged += 1
            out.wrong_flags.append(query)
    return out


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "0/0"


def report(figures: Figures, scenarios: int) -> str:
    """The figures as the lines ``playbook search-eval`` prints."""
    f = figures
    lines = [
        f"{scenarios} scenario(s); {f.covered} covered and {f.out_of_scope} out-of-scope "
        f"queries counted, {len(f.skipped)} left out (their scenarios are not here)",
        f"top-1 accuracy: {_share(f.top1, f.covered)}",
        f"top-3 accuracy: {_share(f.top3, f.covered)}",
        f"out-of-scope flagged: {_share(f.flagged, f.out_of_scope)}",
        f"covered wrongly flagged: {_share(f.wrongly_flagged, f.covered)}",
    ]
    for query, ids in f.misses:
        lines.append(f"  miss: {query.text!r} expected {', '.join(query.expect)}; got {ids}")
    for query in f.wrong_flags:
        what = "not flagged" if not query.expect else "flagged"
        lines.append(f"  {what}: {query.text!r}")
    for query in f.skipped:
        lines.append(f"  left out: {query.text!r} ({', '.join(query.expect)} not here)")
    return "\n".join(lines)
