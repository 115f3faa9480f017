"""``playbook new``: a new scenario file with every field present, guidance comments and
placeholders that ``playbook check`` reports (with their lines) until they are replaced."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..core.checks import PLACEHOLDER_TERM
from ..core.helpers import did_you_mean
from ..core.kinds import FAMILY, KINDS, PRINCIPLE, ROLE, STAGE
from ..core.model import ID_MAX, ID_RE, RESERVED_IDS, Taxonomy
from ..core.placeholders import MARK
from ..core.schema import SCHEMA_LINE
from ..core.slugs import slugify
from ..core.source import read_bytes
from ..core.text_checks import check_text
from .pages import TEMPLATE_OPTIONS, TEMPLATES

TEMPLATE = "new-scenario.yml.j2"
#: Dropped before the id is derived: "member's" -> "members", not "member-s".
_APOSTROPHES = re.compile("['’]")


class ScaffoldError(ValueError):
    """The scaffold cannot be written; the message says what to do instead."""


class Raw(str):
    """Template text written as it is (comments, block scalars), not quoted."""


def _scalar(value: object) -> object:
    """Every value a template prints is a valid YAML scalar: ids plain, other text quoted."""
    if isinstance(value, Raw) or not isinstance(value, str):
        return value
    if ID_RE.match(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _environment() -> jinja2.Environment:
    loader = jinja2.FileSystemLoader(str(TEMPLATES))
    env = jinja2.Environment(loader=loader, autoescape=False, finalize=_scalar, **TEMPLATE_OPTIONS)
    env.filters["raw"] = Raw
    env.globals["todo"] = lambda text: f"{MARK}: {text}"
    return env


@dataclass(frozen=True)
class Request:
    """What ``playbook new`` was asked for: title, family, terms, optional id."""

    title: str
    family: str
    roles: Sequence[str] = ()
    stages: Sequence[str] = ()
    principles: Sequence[str] = ()
    ident: str | None = None


def _known(value: str, known: list[str], kind: str) -> None:
    if value in known:
        return
    hint = did_you_mean(value, known)
    raise ScaffoldError(f"unknown {kind} '{value}'{hint}; choose from: {', '.join(known)}")


#: The longest title a scenario may have (``core.model.Line``).
TITLE_MAX = 200


def title_problems(title: str) -> list[str]:
    """What ``playbook check`` would refuse in this title, read by the same reader and checks
    (forbidden characters, contact details, length)."""
    doc = read_bytes(f"title: {json.dumps(title, ensure_ascii=False)}\n".encode(), "title")
    out = [p.message for p in doc.problems]
    if not out:
        out = [p.message for p in check_text(doc)]
    if not out and len(title) > TITLE_MAX:
        out = [f"the title is {len(title)} characters long; at most {TITLE_MAX}"]
    return out


def scenario_id(request: Request) -> str:
    """The new scenario's id: ``--id``, or one made from the title; refused when invalid."""
    derived = slugify(_APOSTROPHES.sub("", request.title), max_words=10, max_length=ID_MAX)
    fallback = slugify("")  # what slugify gives a text without plain letters or digits
    if request.ident is None and derived == fallback and fallback not in request.title.lower():
        raise ScaffoldError(
            "the title has no plain letters or digits to make an id from; choose one with "
            "--id (lowercase ASCII words joined by '-')"
        )
    ident = request.ident or derived
    if not ID_RE.match(ident) or len(ident) > ID_MAX:
        raise ScaffoldError(
            f"'{ident}' is not a valid id: use lowercase ASCII words joined by '-' (--id)"
        )
    if ident in RESERVED_IDS:
        raise ScaffoldError(f"id '{ident}' is reserved for the site's own pages; pass --id")
    return ident


def scaffold_text(request: Request, taxonomy: Taxonomy, ident: str) -> str:
    """The new file's text; terms are checked against the taxonomy first."""
    title = " ".join(request.title.split())
    if not title:
        raise ScaffoldError("the title must not be empty")
    refused = title_problems(title)
    if refused:
        raise ScaffoldError(f"playbook check would refuse this title: {refused[0]}")
    known = {kind.plural: kind.ids(taxonomy) for kind in KINDS}
    _known(request.family, known[FAMILY.plural], FAMILY.singular)
    chosen = {}
    for kind, values in (
        (ROLE, request.roles),
        (STAGE, request.stages),
        (PRINCIPLE, request.principles),
    ):
        for value in values:
            _known(value, known[kind.plural], kind.singular)
        chosen[kind.field] = list(dict.fromkeys(values)) or [PLACEHOLDER_TERM]
    return (
        _environment()
        .get_template(TEMPLATE)
        .render(
            schema_line=SCHEMA_LINE,
            id=ident,
            title=title,
            family=request.family,
            families=known["families"],
            roles_known=known["roles"],
            stages_known=known["stages"],
            principles_known=known["principles"],
            kind="invented",
            **chosen,
        )
    )


def write_scaffold(request: Request, taxonomy: Taxonomy, folder: Path) -> Path:
    """Write ``folder/<id>.yml``; never overwrite an existing file."""
    ident = scenario_id(request)
    text = scaffold_text(request, taxonomy, ident)
    taken = [folder / f"{ident}{suffix}" for suffix in (".yml", ".yaml")]
    existing = next((p for p in taken if p.exists()), None)
    if existing is not None:
        raise ScaffoldError(f"{existing} already exists; not overwriting it (choose another --id)")
    folder.mkdir(parents=True, exist_ok=True)
    path = taken[0]
    try:
        with path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError as exc:
        raise ScaffoldError(f"{path} already exists; not overwriting it") from exc
    return path
