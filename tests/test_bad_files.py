"""Golden cases: one bad scenario file per mistake, each with its exact expected problems.

``tests/bad/**/NAME.yml`` is checked against the repo's taxonomy; ``NAME.expected`` holds one
``line:col: message`` per expected problem. Files at the top are everyday mistakes; the
sub-folders hold hostile input by kind: ``bytes`` (encodings, control and direction
characters), ``yaml`` (syntax), ``meaning`` (silent meaning changes), ``resources`` (bombs,
nesting, sizes, costly Markdown), ``injection`` (images) and ``ids`` (names and paths).
Inputs too big to commit are made by :data:`GENERATED`, with their expectations beside them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import dump, scenario
from scenario_playbook.core.loader import Loader

ROOT = Path(__file__).resolve().parent.parent
BAD = Path(__file__).parent / "bad"
CASES = sorted(BAD.rglob("*.yml"))
KINDS = ("bytes", "yaml", "meaning", "resources", "injection", "ids")


def _with(ident: str, old: str, new: str) -> bytes:
    text = dump(scenario(id=ident))
    assert old in text
    return text.replace(old, new, 1).encode()


#: name -> (bytes of the file, expected problems). Made on demand: some are megabytes.
GENERATED: dict[str, tuple[Callable[[], bytes], list[str]]] = {
    "multi-megabyte-file": (
        lambda: _with("multi-megabyte-file", "stakes: ", "stakes: " + "x" * 3_000_000),
        ["1:1: file is 2,931 KiB; a scenario file may be at most 256 KiB"],
    ),
    "multi-megabyte-field": (
        lambda: _with("multi-megabyte-field", "situation: The", "situation: " + "a " * 2**20),
        ["1:1: file is 2,050 KiB; a scenario file may be at most 256 KiB"],
    ),
    "large-field": (
        lambda: _with("large-field", "situation: The", "situation: " + "word " * 40_000),
        ["17:12: situation: 200,052 characters; at most 8,000"],
    ),
    "nesting-50000-flow": (
        lambda: _with(
            "nesting-50000-flow", "related: []", "related: " + "[" * 50_000 + "]" * 50_000
        ),
        ["63:25: nesting deeper than 16 levels; a scenario needs far fewer"],
    ),
    "nesting-50000-block": (
        lambda: _with("nesting-50000-block", "related: []", "related:\n" + "- " * 50_000 + "x"),
        ["64:31: nesting deeper than 16 levels; a scenario needs far fewer"],
    ),
    "too-many-values": (
        lambda: _with("too-many-values", "related: []", "related: [" + "a, " * 30_000 + "]"),
        ["63:59609: more than 20,000 values in one file"],
    ),
}


def load(files: list[Path]):
    return Loader(ROOT).load(files, ROOT / "taxonomy.yml", context={c.stem for c in CASES})


def test_there_is_a_case_per_mistake():
    assert len(CASES) + len(GENERATED) >= 80
    for kind in KINDS:
        assert len(list((BAD / kind).glob("*.yml"))) >= 3, kind
    for case in CASES:
        assert case.with_suffix(".expected").exists(), case
    stems = [c.stem for c in CASES] + list(GENERATED)
    assert len(stems) == len(set(stems)), "case names must be unique across folders"


@pytest.mark.parametrize("case", CASES, ids=[str(c.relative_to(BAD)) for c in CASES])
def test_bad_file_reports_exactly_its_problems(case: Path):
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert expected, f"{case.name}: a bad case must expect at least one problem"
    playbook = load([case])
    shown = case.relative_to(ROOT).as_posix()
    assert [p.path for p in playbook.problems] == [shown] * len(playbook.problems)
    assert [f"{p.line}:{p.col}: {p.message}" for p in playbook.problems] == expected
    assert case.stem not in playbook.scenarios


@pytest.mark.parametrize("name", GENERATED)
def test_generated_bad_file_reports_exactly_its_problems(name: str, tmp_path: Path):
    make, expected = GENERATED[name]
    path = tmp_path / f"{name}.yml"
    path.write_bytes(make())
    playbook = Loader(tmp_path).load([path], ROOT / "taxonomy.yml")
    assert [f"{p.line}:{p.col}: {p.message}" for p in playbook.problems] == expected
    assert playbook.scenarios == {}
