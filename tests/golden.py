"""The golden bad-file cases: one bad scenario file per mistake, each with its exact problems.

``tests/bad/**/NAME.yml`` is checked against the repo's taxonomy; ``NAME.expected`` holds one
``line:col: code: message`` per expected problem (:func:`shown`). Files at the top are everyday
mistakes; the sub-folders hold hostile input by kind: ``bytes`` (encodings, control and
direction characters), ``yaml`` (syntax), ``meaning`` (silent meaning changes), ``resources``
(bombs, nesting, sizes, costly Markdown), ``injection`` (images) and ``ids`` (names and paths).
Inputs too big to commit are made by :data:`GENERATED`, with their expectations beside them.

After a deliberate change of messages, rewrite every ``.expected`` file and see the diff with
``make golden`` (``python tests/regen_golden.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from helpers import dump, scenario
from scenario_playbook.core.loader import Loader, Playbook
from scenario_playbook.core.problems import Problem

ROOT = Path(__file__).resolve().parent.parent
BAD = Path(__file__).parent / "bad"
CASES = sorted(BAD.rglob("*.yml"))
#: Bad taxonomies, each loaded as the taxonomy with no scenario files (``NAME.expected`` beside).
TAXONOMY_CASES = sorted((Path(__file__).parent / "bad-taxonomy").glob("*.yml"))
KINDS = ("bytes", "yaml", "meaning", "resources", "injection", "ids")


def _with(ident: str, old: str, new: str) -> bytes:
    text = dump(scenario(id=ident))
    assert old in text
    return text.replace(old, new, 1).encode()


#: name -> (bytes of the file, expected problems). Made on demand: some are megabytes.
GENERATED: dict[str, tuple[Callable[[], bytes], list[str]]] = {
    "multi-megabyte-file": (
        lambda: _with("multi-megabyte-file", "stakes: ", "stakes: " + "x" * 3_000_000),
        ["1:1: file-too-large: file is 2,931 KiB; a scenario file may be at most 256 KiB"],
    ),
    "multi-megabyte-field": (
        lambda: _with("multi-megabyte-field", "situation: The", "situation: " + "a " * 2**20),
        ["1:1: file-too-large: file is 2,050 KiB; a scenario file may be at most 256 KiB"],
    ),
    "large-field": (
        lambda: _with("large-field", "situation: The", "situation: " + "word " * 40_000),
        ["17:12: too-long: situation: 200,052 characters; at most 8,000"],
    ),
    "nesting-50000-flow": (
        lambda: _with(
            "nesting-50000-flow", "related: []", "related: " + "[" * 50_000 + "]" * 50_000
        ),
        ["63:25: too-deep: nesting deeper than 16 levels; a scenario needs far fewer"],
    ),
    "nesting-50000-block": (
        lambda: _with("nesting-50000-block", "related: []", "related:\n" + "- " * 50_000 + "x"),
        ["64:31: too-deep: nesting deeper than 16 levels; a scenario needs far fewer"],
    ),
    "too-many-values": (
        lambda: _with("too-many-values", "related: []", "related: [" + "a, " * 30_000 + "]"),
        ["63:59609: too-many-values: more than 20,000 values in one file"],
    ),
    "markdown-brackets-8000": (
        lambda: _fields("markdown-brackets-8000", "'" + "[" * 8_000 + "'", ("situation: ",)),
        ["17:12: markdown-limit: 8,000 '[' brackets; at most 100 in one text; simplify this text"],
    ),
    "markdown-brackets-per-file": (
        lambda: _fields(
            "markdown-brackets-per-file",
            "'" + "[" * 90 + "a" * 4_300 + "'",
            ("situation: ", "stakes: ", "outcome: "),
        ),
        [
            "62:10: markdown-budget: the file's Markdown reaches 1,185,300 bracket steps here "
            "('[' x characters, summed over its texts); at most 1,000,000 in one file; "
            "use fewer '[' brackets"
        ],
    ),
    "markdown-brackets-long-text": (
        lambda: _fields(
            "markdown-brackets-long-text", "'" + "[" * 60 + "a" * 7_000 + "'", ("stakes: ",)
        ),
        [
            "21:9: markdown-limit: 60 '[' brackets in 7,060 characters cost 423,600 bracket "
            "steps to render ('[' x characters); at most 400,000 in one text; simplify this text"
        ],
    ),
}


def _fields(ident: str, value: str, keys: tuple[str, ...]) -> bytes:
    """A scenario whose top-level texts ``keys`` are all ``value`` (written as YAML)."""
    text = dump(scenario(id=ident))
    for key in keys:
        start = text.index("\n" + key) + 1 + len(key)
        end = text.index("\n", start)
        text = text[:start] + value + text[end:]
    return text.encode()


def load(files: list[Path]) -> Playbook:
    """Load bad files as the golden tests do: every case's name is a known id."""
    return Loader(ROOT).load(files, ROOT / "taxonomy.yml", context={c.stem for c in CASES})


def load_taxonomy(case: Path) -> Playbook:
    """Load a bad taxonomy as the site's taxonomy, with no scenarios."""
    return Loader(ROOT).load([], case)


def shown(problems: Iterable[Problem]) -> list[str]:
    """Problems as the ``.expected`` files write them: ``line:col: code: message``."""
    return [f"{p.line}:{p.col}: {p.code}: {p.message}" for p in problems]


def as_reported(line: str) -> str:
    """An expected line as the build and ``playbook check`` print it (after ``path:``): the
    problem code left out, ``line:col: message``."""
    where, _code, message = line.split(": ", 2)
    return f"{where}: {message}"


def load_generated(name: str, folder: Path) -> Playbook:
    """Write the generated case ``name`` into ``folder`` and load it."""
    make, _ = GENERATED[name]
    path = folder / f"{name}.yml"
    path.write_bytes(make())
    return Loader(folder).load([path], ROOT / "taxonomy.yml")
