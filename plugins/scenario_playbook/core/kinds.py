"""The four kinds of taxonomy term, in one table: singular, plural and the scenario field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Scenario, Taxonomy, Term


@dataclass(frozen=True)
class TermKind:
    """One kind of taxonomy term, named every way the code and the messages need."""

    #: One term: "family", "role", "stage", "principle".
    singular: str
    #: Several terms, and the taxonomy's list of them: "families", "roles", ...
    plural: str
    #: The scenario field that names terms of this kind: "family" (one), "roles" (a list), ...
    field: str
    #: The finder's label for it.
    label: str

    @property
    def single(self) -> bool:
        """Whether a scenario names one term of this kind (its family) or a list."""
        return self.field == self.singular

    def terms(self, taxonomy: Taxonomy) -> list[Term]:
        """The taxonomy's terms of this kind, in taxonomy order."""
        terms: list[Term] = getattr(taxonomy, self.plural)
        return terms

    def ids(self, taxonomy: Taxonomy) -> list[str]:
        return [t.id for t in self.terms(taxonomy)]

    def values(self, scenario: Scenario) -> list[str]:
        """The ids a scenario names of this kind."""
        value = getattr(scenario, self.field)
        return [value] if isinstance(value, str) else list(value)


FAMILY = TermKind("family", "families", "family", "Family")
ROLE = TermKind("role", "roles", "roles", "Role")
STAGE = TermKind("stage", "stages", "stages", "Stage")
PRINCIPLE = TermKind("principle", "principles", "principles", "Principle")

#: Every kind, in the taxonomy's order.
KINDS = (FAMILY, ROLE, STAGE, PRINCIPLE)
BY_PLURAL = {k.plural: k for k in KINDS}
BY_FIELD = {k.field: k for k in KINDS}
