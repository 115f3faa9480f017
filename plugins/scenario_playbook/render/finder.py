"""The scenario finder's facets: which values each filter offers, with labels and counts.

Facet names equal the scenario fields, because they are also the URL query parameters of a
filtered view (``?family=loyalty-tests&roles=account-manager``). Values nobody uses are left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..core.kinds import BY_FIELD, KINDS
from ..core.model import Scenario, Taxonomy

#: (scenario field, label), in the order the finder shows them.
FIELDS = (*((k.field, k.label) for k in KINDS), ("tags", "Tag"))
#: The query parameter of the finder's text filter (Material's search already owns ``q``).
TEXT_PARAM = "text"


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet, with how many scenarios have it."""

    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Facet:
    """A finder facet (family, roles, stages, principles, tags) and its values."""

    name: str
    label: str
    values: list[FacetValue]


def _values(scenario: Scenario, field: str) -> list[str]:
    value = getattr(scenario, field)
    return [value] if isinstance(value, str) else list(value)


def facets(scenarios: Iterable[Scenario], taxonomy: Taxonomy) -> list[Facet]:
    """The finder's facets over ``scenarios``: taxonomy order for terms, A to Z for tags."""
    chosen = list(scenarios)
    out = []
    for field, label in FIELDS:
        counts = Counter(v for s in chosen for v in _values(s, field))
        kind = BY_FIELD.get(field)
        if kind is None:
            order = sorted(counts, key=str.casefold)
            labels = {v: v for v in order}
        else:
            terms = kind.terms(taxonomy)
            order = [t.id for t in terms if t.id in counts]
            labels = {t.id: t.title for t in terms}
        values = [FacetValue(v, labels[v], counts[v]) for v in order]
        if values:
            out.append(Facet(field, label, values))
    return out
