"""Golden cases: one bad scenario file per mistake, each with its exact expected problems.

``tests/bad/NAME.yml`` is checked against the repo's taxonomy; ``NAME.expected`` holds one
``line:col: message`` per expected problem. Both ``playbook check`` and the core must agree.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scenario_playbook.playbook import Loader

ROOT = Path(__file__).resolve().parent.parent
BAD = Path(__file__).parent / "bad"
CASES = sorted(BAD.glob("*.yml"))


def test_there_is_a_case_per_mistake():
    assert len(CASES) >= 25
    for case in CASES:
        assert case.with_suffix(".expected").exists(), case


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_bad_file_reports_exactly_its_problems(case: Path):
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert expected, f"{case.name}: a bad case must expect at least one problem"
    playbook = Loader(ROOT).load([case], ROOT / "taxonomy.yml", context={c.stem for c in CASES})
    shown = f"tests/bad/{case.name}"
    assert [p.path for p in playbook.problems] == [shown] * len(playbook.problems)
    assert [f"{p.line}:{p.col}: {p.message}" for p in playbook.problems] == expected
    assert case.stem not in playbook.scenarios
