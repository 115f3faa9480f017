"""Golden cases: each bad scenario file reports exactly the problems its ``.expected`` file lists.

The cases and their format are described in ``tests/golden.py``; after a deliberate change of
messages, ``make golden`` (``python tests/regen_golden.py``) rewrites the ``.expected`` files
and shows the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from golden import (
    BAD,
    CASES,
    GENERATED,
    KINDS,
    ROOT,
    TAXONOMY_CASES,
    load,
    load_generated,
    load_taxonomy,
    shown,
)


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
    path = case.relative_to(ROOT).as_posix()
    assert [p.path for p in playbook.problems] == [path] * len(playbook.problems)
    assert shown(playbook.problems) == expected
    assert case.stem not in playbook.scenarios


@pytest.mark.parametrize("case", TAXONOMY_CASES, ids=[c.name for c in TAXONOMY_CASES])
def test_bad_taxonomy_reports_exactly_its_problems(case: Path):
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert expected, f"{case.name}: a bad case must expect at least one problem"
    playbook = load_taxonomy(case)
    path = case.relative_to(ROOT).as_posix()
    assert [p.path for p in playbook.problems] == [path] * len(playbook.problems)
    assert shown(playbook.problems) == expected


@pytest.mark.parametrize("name", GENERATED)
def test_generated_bad_file_reports_exactly_its_problems(name: str, tmp_path: Path):
    playbook = load_generated(name, tmp_path)
    assert shown(playbook.problems) == GENERATED[name][1]
    assert playbook.scenarios == {}
