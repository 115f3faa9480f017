"""Rules of a scenario and across files: ids, links, taxonomy terms, decision graphs.
Each rule is a pure function of models and documents returning problems."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

from .helpers import did_you_mean
from .kinds import KINDS
from .model import RESERVED_IDS, Decision, Scenario, Taxonomy
from .problems import Problem
from .slugs import checklist_ids
from .source import Document, KeyPath
from .text_checks import check_markdown

#: Stands for a taxonomy term not chosen yet (``playbook new`` writes it; placeholders.py
#: reports it with the terms to choose from, so it is no unknown term here).
PLACEHOLDER_TERM = "todo"


def check_taxonomy(doc: Document, taxonomy: Taxonomy) -> list[Problem]:
    """Term ids become page names too: not reserved, unique within their kind."""
    out = []
    for kind in KINDS:
        seen: dict[str, str] = {}
        for i, term in enumerate(kind.terms(taxonomy)):
            loc = (kind.plural, i, "id")
            if term.id in RESERVED_IDS:
                out.append(
                    doc.problem(
                        loc, "reserved-id", f"id '{term.id}' is reserved for the site's own pages"
                    )
                )
            key = normal_key(term.id)
            if key in seen:
                out.append(
                    doc.problem(loc, "duplicate-id", f"{kind.plural}: id '{term.id}' is used twice")
                )
            seen.setdefault(key, term.id)
    return out + check_markdown(doc, taxonomy)


def normal_key(ident: str) -> str:
    """How two ids are compared for uniqueness: Unicode-normalised and case-folded."""
    return unicodedata.normalize("NFKC", ident).casefold()


def check_identity(doc: Document, scenario: Scenario, stem: str) -> list[Problem]:
    """The id equals the file name, is well formed and not reserved."""
    out = []
    if scenario.id != stem:
        out.append(
            doc.problem(
                ("id",),
                "id-mismatch",
                f"id '{scenario.id}' must equal the file name '{stem}'; "
                f"rename the file to '{scenario.id}.yml' or change the id",
            )
        )
    if scenario.id in RESERVED_IDS:
        out.append(
            doc.problem(
                ("id",),
                "reserved-id",
                f"id '{scenario.id}' is reserved for the site's own pages; choose another",
            )
        )
    return out


def _suggest(value: str, known: Iterable[str]) -> str:
    """Did-you-mean for ``value``, or the short list of known names; linear in their number
    (no sorting per miss: :func:`.helpers.candidates` picks the few worth comparing)."""
    names = known if isinstance(known, list) else list(known)
    if hint := did_you_mean(value, names):
        return hint
    if len(names) <= 12:
        return f"; known: {', '.join(sorted(names) if names is not known else names)}"
    return ""


def check_terms(doc: Document, scenario: Scenario, taxonomy: Taxonomy) -> list[Problem]:
    """Family, roles, stages and principles must be terms of the taxonomy."""
    out = []
    for kind in KINDS:
        known = kind.ids(taxonomy)
        for index, value in enumerate(kind.values(scenario)):
            if value in known or value == PLACEHOLDER_TERM:
                continue
            loc: KeyPath = (kind.field,) if kind.single else (kind.field, index)
            message = f"unknown {kind.singular} '{value}'{_suggest(value, known)}"
            out.append(doc.problem(loc, "unknown-term", message))
    return out


def check_decisions(doc: Document, scenario: Scenario) -> list[Problem]:
    """Decision ids unique, ``next`` targets exist, every point reachable, a best option."""
    out = []
    ids: dict[str, int] = {}
    for i, decision in enumerate(scenario.decisions):
        if decision.id in ids:
            out.append(
                doc.problem(
                    ("decisions", i, "id"),
                    "duplicate-decision",
                    f"decision id '{decision.id}' is used twice in this file",
                )
            )
        ids.setdefault(decision.id, i)
        if not any(option.verdict == "best" for option in decision.options):
            out.append(
                doc.problem(
                    ("decisions", i, "options"),
                    "no-best-option",
                    "no option has verdict 'best'; mark the one you recommend",
                )
            )
    targets: set[str] = set()
    for i, decision in enumerate(scenario.decisions):
        for j, option in enumerate(decision.options):
            if option.next is None:
                continue
            if option.next not in ids:
                out.append(
                    doc.problem(
                        ("decisions", i, "options", j, "next"),
                        "dangling-next",
                        f"next: no decision '{option.next}' in this scenario"
                        f"{_suggest(option.next, list(ids))}",
                    )
                )
            elif option.next == decision.id:
                out.append(
                    doc.problem(
                        ("decisions", i, "options", j, "next"),
                        "self-next",
                        "next: an option cannot lead back to its own decision",
                    )
                )
            else:
                targets.add(option.next)
    if targets:
        for i, decision in enumerate(scenario.decisions[1:], start=1):
            if decision.id not in targets and ids.get(decision.id) == i:
                out.append(
                    doc.problem(
                        ("decisions", i, "id"),
                        "unreachable-decision",
                        f"decision '{decision.id}' is never reached: no option's 'next' leads "
                        "to it",
                    )
                )
    return out


def check_follow_up(doc: Document, scenario: Scenario) -> list[Problem]:
    """An e-mail or a letter has a subject line; a chat message or a voicemail has none."""
    follow_up = scenario.follow_up
    if follow_up is None:
        return []
    needs_subject = follow_up.channel in ("email", "letter")
    if needs_subject and follow_up.subject is None:
        return [
            doc.problem(
                ("follow_up", "channel"),
                "missing-subject",
                f"follow_up: an {follow_up.channel} needs a 'subject' line"
                if follow_up.channel == "email"
                else "follow_up: a letter needs a 'subject' line",
            )
        ]
    if not needs_subject and follow_up.subject is not None:
        return [
            doc.problem(
                ("follow_up", "subject"),
                "needless-subject",
                f"follow_up: a {follow_up.channel} message has no subject line; remove it",
            )
        ]
    return []


def best_is_longest(decision: Decision) -> bool:
    """Whether the (first) best option is the longest choice of the decision, strictly."""
    best = [o for o in decision.options if o.verdict == "best"]
    if not best or len(decision.options) < 2:
        return False
    length = len(best[0].choice)
    return all(len(o.choice) < length for o in decision.options if o is not best[0])


def check_quiz(doc: Document, scenario: Scenario) -> list[Problem]:
    """The quiz must not give itself away: a reader who learns that the best option is always
    the longest stops reading the options. Reported once, at the first decision, when the best
    option is the longest in every decision (a scenario with one short decision included)."""
    if not scenario.decisions or not all(best_is_longest(d) for d in scenario.decisions):
        return []
    every = "every decision" if len(scenario.decisions) > 1 else "its only decision"
    return [
        doc.problem(
            ("decisions", 0, "options"),
            "best-is-longest",
            f"decisions: the best option is the longest in {every}, so readers can pick it "
            "without thinking; make a tempting wrong option the longer one in at least one",
        )
    ]


def check_checklist(doc: Document, scenario: Scenario) -> list[Problem]:
    """Checklist item ids (explicit or derived) are unique."""
    out = []
    seen: dict[str, int] = {}
    for i, item_id in enumerate(checklist_ids(scenario)):
        if item_id in seen:
            out.append(
                doc.problem(
                    ("checklist", i),
                    "duplicate-item",
                    f"checklist item id '{item_id}' is used twice; give the "
                    "item an explicit, different 'id'",
                )
            )
        seen.setdefault(item_id, i)
    return out


#: Lists whose entries count once each (in the finder's facets, the related links, the tags).
REPEATABLE_NOT = ("roles", "stages", "principles", "tags", "keywords", "related")


def check_repeats(doc: Document, scenario: Scenario) -> list[Problem]:
    """An entry listed twice in roles, stages, principles, tags, keywords or related is a
    problem at its second occurrence (tags and keywords compared without case)."""
    out = []
    for field in REPEATABLE_NOT:
        seen: dict[str, int] = {}
        for i, value in enumerate(getattr(scenario, field)):
            key = value.casefold() if field in ("tags", "keywords") else value
            if key in seen:
                out.append(
                    doc.problem(
                        (field, i),
                        "duplicate-entry",
                        f"{field}: '{value}' is listed twice (first as entry "
                        f"{seen[key] + 1}); remove the repeat",
                    )
                )
            seen.setdefault(key, i)
    return out


def check_links(doc: Document, scenario: Scenario, known: Mapping[str, object]) -> list[Problem]:
    """Every ``related`` id names another scenario that exists."""
    out = []
    for i, target in enumerate(scenario.related):
        if target == scenario.id:
            out.append(
                doc.problem(
                    ("related", i), "self-link", "related: a scenario cannot be related to itself"
                )
            )
        elif target not in known:
            out.append(
                doc.problem(
                    ("related", i),
                    "unknown-related",
                    f"related: no scenario '{target}'{_suggest(target, known)}",
                )
            )
    return out


def check_unique(stems: Mapping[str, str]) -> list[Problem]:
    """Ids unique across files (``{id: shown path}``), compared case-insensitively after
    Unicode normalisation."""
    out = []
    seen: dict[str, str] = {}
    for stem, path in sorted(stems.items()):
        key = normal_key(stem)
        if key in seen:
            out.append(
                Problem(
                    path,
                    1,
                    1,
                    "duplicate-id",
                    f"id '{stem}' clashes with '{seen[key]}' "
                    f"({stems[seen[key]]}); ids must be unique",
                )
            )
        else:
            seen[key] = stem
    return out


def check_scenario(
    doc: Document,
    scenario: Scenario,
    stem: str,
    taxonomy: Taxonomy | None,
    whole: str | None = None,
) -> list[Problem]:
    """Every rule that needs one scenario (and the taxonomy), not the others."""
    out = check_identity(doc, scenario, stem)
    if taxonomy is not None:
        out += check_terms(doc, scenario, taxonomy)
    out += check_decisions(doc, scenario)
    out += check_checklist(doc, scenario)
    out += check_repeats(doc, scenario)
    out += check_follow_up(doc, scenario)
    out += check_quiz(doc, scenario)
    out += check_markdown(doc, scenario, whole)
    return out
