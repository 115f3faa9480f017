"""``playbook check`` through click's runner and as a real subprocess, and
``mkdocs build --strict`` on the same broken files: same problems, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import ROOT
from scenario_playbook.cli import main

BIN = Path(sys.executable).parent


def test_repo_scenarios_are_clean():
    result = CliRunner().invoke(
        main, ["check", str(ROOT / "scenarios"), "--taxonomy", str(ROOT / "taxonomy.yml")]
    )
    assert result.exit_code == 0, result.output
    assert "no problems" in result.output


def plant_three_mistakes(project: Path) -> list[str]:
    files = sorted((project / "scenarios").glob("*.yml"))[:3]
    # 1. a duplicated key, 2. a misspelled field, 3. a wrong type
    a, b, c = (f.read_text(encoding="utf-8").splitlines(keepends=True) for f in files)
    title_a = next(i for i, line in enumerate(a) if line.startswith("title:"))
    a.insert(title_a + 1, "title: Again\n")
    title_b = next(i for i, line in enumerate(b) if line.startswith("summary:"))
    b[title_b] = b[title_b].replace("summary:", "sumary:", 1)
    fam_c = next(i for i, line in enumerate(c) if line.startswith("roles:"))
    c[fam_c] = "roles: 42\n"
    # drop the list items that followed roles:
    while c[fam_c + 1].startswith(("- ", "  - ")):
        del c[fam_c + 1]
    for f, lines in zip(files, (a, b, c), strict=True):
        f.write_text("".join(lines), encoding="utf-8")
    return [
        f"scenarios/{files[0].name}:{title_a + 2}:1: duplicate key 'title' (first defined at "
        f"line {title_a + 1}); keep only one",
        f"scenarios/{files[1].name}:{title_b + 1}:1: unknown field 'sumary' (did you mean "
        "'summary'?)",
        f"scenarios/{files[2].name}:{fam_c + 1}:8: roles: expected a list ('- item' lines), "
        "got the number 42",
    ]


def run_in(folder: Path, *command: str | Path) -> subprocess.CompletedProcess[str]:
    """Run a command as a contributor would, in ``folder``; capture what it prints."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.build
def test_three_planted_mistakes_reported_by_check_and_build(project: Path):
    expected = plant_three_mistakes(project)
    check = run_in(project, BIN / "playbook", "check", "scenarios")
    assert check.returncode == 1
    assert check.stdout.splitlines() == expected
    assert "Traceback" not in check.stderr
    build = run_in(project, BIN / "mkdocs", "build", "--strict")
    assert build.returncode == 1
    out = build.stdout + build.stderr
    assert "Traceback" not in out
    for line in expected:
        assert line in out.splitlines()
    assert "3 problems in the playbook" in out


def test_check_formats(tmp_path: Path):
    bad = ROOT / "tests" / "bad" / "unknown-field.yml"
    runner = CliRunner()
    args = ["check", str(bad), "--taxonomy", str(ROOT / "taxonomy.yml")]
    gh = runner.invoke(main, [*args, "--format", "github"])
    assert gh.exit_code == 1
    assert "::error file=" in gh.output and ",line=2,col=1::" in gh.output
    js = runner.invoke(main, [*args, "--format", "json"])
    assert js.exit_code == 1
    import json

    problems = json.loads(js.output)
    assert problems[0]["line"] == 2 and problems[0]["code"] == "unknown-field"


def test_missing_path_is_a_usage_error():
    result = CliRunner().invoke(main, ["check", "no/such/folder"])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output
