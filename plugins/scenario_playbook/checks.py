"""Rules across a scenario and across files: ids, links, taxonomy terms, decision graphs,
contact details. Each rule is a pure function of models and documents returning problems."""

from __future__ import annotations

import difflib
import functools
import heapq
import re
import typing
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from pydantic import BaseModel

from .model import RESERVED_IDS, Markdown, Scenario, Taxonomy
from .problems import Problem
from .slugs import checklist_ids
from .source import Document, Path
from .text import markdown_limits
from .validate import model_inside

# Every repetition is bounded, so that each regex runs in linear time on any text: an unbounded
# '[...]+@' or '!\[[^\]]*\]' rescans the rest of the text from every start position (measured:
# minutes on a 256 KiB field of letters or of '!['); the bounds are those of real addresses.
_EMAIL = re.compile(
    r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}"
)
# A phone number: 9 to 15 digits with short separators, not inside a word or a path. The check
# that no word or '/' comes before looks back from its first character rather than ahead of it,
# so the pattern starts with '+' or a digit and the regex engine skips every other character
# in C (half the time of the usual form on the repo's texts; same matches).
_PHONE = re.compile(r"(?:\+(?<![\w/]\+)\d|\d(?<![\w/]\d))(?:[\s().-]{0,2}\d){8,14}(?!\w)")
_IMAGE = re.compile(r"!\[[^\]]{0,200}\]\s{0,20}[(\[]|<img\b", re.IGNORECASE)
#: Stands for a taxonomy term not chosen yet (``playbook new`` writes it; placeholders.py
#: reports it with the terms to choose from, so it is no unknown term here).
PLACEHOLDER_TERM = "todo"


def strings(data: Any, loc: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every text value in parsed data, with its path."""
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, (*loc, index))


def _texts(data: Any, out: list[str]) -> list[str]:
    """Every text value in parsed data, without paths (the quick look before the careful one)."""
    if isinstance(data, str):
        out.append(data)
    elif isinstance(data, dict):
        for value in data.values():
            _texts(value, out)
    elif isinstance(data, list):
        for value in data:
            _texts(value, out)
    return out


def _digits(text: str) -> int:
    """How many digits a text holds: a phone number needs nine, and counting is cheap."""
    return sum(text.count(d) for d in "0123456789")


def all_text(data: Any) -> str:
    """Every text of parsed data joined by newlines: one string for a quick look."""
    return "\n".join(_texts(data, []))


def check_text(doc: Document, whole: str | None = None) -> list[Problem]:
    """No personal contact details and no images in any text of a file (``whole``: its
    :func:`all_text`, when the caller has it already)."""
    whole = all_text(doc.data) if whole is None else whole
    if not (
        ("@" in whole and _EMAIL.search(whole))
        or (_digits(whole) >= 9 and _PHONE.search(whole))
        or (("![" in whole or "<" in whole) and _IMAGE.search(whole))
    ):
        return []  # the usual case: one scan of the whole file's text, nothing to locate
    out = []
    for loc, text in strings(doc.data):
        if _EMAIL.search(text):
            out.append(
                doc.problem(
                    loc,
                    "contact-details",
                    "looks like an e-mail address; remove personal contact "
                    "details (say 'their e-mail' instead)",
                )
            )
        if _PHONE.search(text):
            out.append(
                doc.problem(
                    loc,
                    "contact-details",
                    "looks like a phone number; remove personal contact "
                    "details (say 'a direct line' instead)",
                )
            )
        if _IMAGE.search(text):
            out.append(
                doc.problem(
                    loc,
                    "image",
                    "images are not allowed in scenario text; describe it in words or link to it",
                )
            )
    return out


def _holds_markdown(info: Any) -> bool:
    """Whether a model field is typed ``Markdown`` (alone, in a list or optional)."""
    marker = typing.get_args(Markdown)[1]  # its StringConstraints
    return marker in info.metadata or any(
        arg == Markdown for arg in typing.get_args(info.annotation)
    )


@functools.cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """A model's fields that can hold Markdown or other models: (name, holds Markdown)."""
    out = []
    for name, info in model.model_fields.items():
        nested = model_inside(info.annotation) is not None
        if nested or _holds_markdown(info):
            out.append((name, _holds_markdown(info)))
    return tuple(out)


def markdown_texts(model: BaseModel, loc: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every Markdown text in a validated model, with its path in the file."""
    for name, holds_markdown in _fields(type(model)):
        value = getattr(model, name)
        items = enumerate(value) if isinstance(value, list) else ((None, value),)
        for index, item in items:
            if isinstance(item, BaseModel):
                here: Path = (*loc, name) if index is None else (*loc, name, index)
                yield from markdown_texts(item, here)
            elif holds_markdown and isinstance(item, str):
                yield ((*loc, name) if index is None else (*loc, name, index)), item


def check_markdown(doc: Document, model: BaseModel, whole: str | None = None) -> list[Problem]:
    """Markdown that would take the renderer quadratic time or deep recursion is refused.

    ``whole``, all of the file's text joined, settles the usual case at once: no single text
    can have more lines, link targets or nesting than all of them together.
    """
    if whole is not None and markdown_limits(whole) is None:
        return []
    out = []
    for loc, text in markdown_texts(model):
        reason = markdown_limits(text)
        if reason:
            out.append(doc.problem(loc, "markdown-limit", f"{reason}; simplify this text"))
    return out


def check_taxonomy(doc: Document, taxonomy: Taxonomy) -> list[Problem]:
    """Term ids become page names too: not reserved, unique within their kind."""
    out = []
    for kind in ("families", "roles", "stages", "principles"):
        seen: dict[str, str] = {}
        for i, term in enumerate(getattr(taxonomy, kind)):
            loc = (kind, i, "id")
            if term.id in RESERVED_IDS:
                out.append(
                    doc.problem(
                        loc, "reserved-id", f"id '{term.id}' is reserved for the site's own pages"
                    )
                )
            key = normal_key(term.id)
            if key in seen:
                out.append(
                    doc.problem(loc, "duplicate-id", f"{kind}: id '{term.id}' is used twice")
                )
            seen.setdefault(key, term.id)
    return out + check_markdown(doc, taxonomy)


def normal_key(ident: str) -> str:
    """How two ids are compared for uniqueness: Unicode-normalised and case-folded."""
    return unicodedata.normalize("NFKC", ident).casefold()


def check_identity(doc: Document, scenario: Scenario, stem: str) -> list[Problem]:
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


#: At most this many names are compared in full for one suggestion (difflib is costly).
MAX_CANDIDATES = 64


def _candidates(value: str, known: Iterable[str]) -> list[str]:
    """The names worth comparing to ``value``: a linear, cheap pass (same first letter, a
    similar length), capped, so a suggestion never costs a full comparison with every name."""
    slack = max(3, len(value) // 3)
    first = value[:1]
    near = (
        (abs(len(name) - len(value)), name)
        for name in known
        if name[:1] == first and abs(len(name) - len(value)) <= slack
    )
    return [name for _, name in heapq.nsmallest(MAX_CANDIDATES, near)]  # the same in any order


def _suggest(value: str, known: Iterable[str]) -> str:
    names = known if isinstance(known, list) else list(known)
    pool = names if len(names) <= MAX_CANDIDATES else _candidates(value, names)
    guess = difflib.get_close_matches(value, pool, n=1, cutoff=0.6)
    if guess:
        return f" (did you mean '{guess[0]}'?)"
    if len(names) <= 12:
        return f"; known: {', '.join(names if names is known else sorted(names))}"
    return ""


def check_terms(doc: Document, scenario: Scenario, taxonomy: Taxonomy) -> list[Problem]:
    """Family, roles, stages and principles must be terms of the taxonomy."""
    out = []
    groups: list[tuple[str, list[str], list[str]]] = [
        ("family", [scenario.family], [t.id for t in taxonomy.families]),
        ("roles", scenario.roles, [t.id for t in taxonomy.roles]),
        ("stages", scenario.stages, [t.id for t in taxonomy.stages]),
        ("principles", scenario.principles, [t.id for t in taxonomy.principles]),
    ]
    for field, values, known in groups:
        for index, value in enumerate(values):
            if value in known or value == PLACEHOLDER_TERM:
                continue
            loc: Path = (field,) if field == "family" else (field, index)
            kind = "family" if field == "family" else field[:-1]
            out.append(
                doc.problem(
                    loc, "unknown-term", f"unknown {kind} '{value}'{_suggest(value, known)}"
                )
            )
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


def check_checklist(doc: Document, scenario: Scenario) -> list[Problem]:
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


def check_links(doc: Document, scenario: Scenario, known: Mapping[str, object]) -> list[Problem]:
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
    out += check_follow_up(doc, scenario)
    out += check_markdown(doc, scenario, whole)
    return out
