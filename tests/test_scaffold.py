"""``playbook new``: the scaffold has every field, only placeholders are wrong with it, each is
reported at its line until replaced, and an existing file is never overwritten."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from helpers import ROOT
from scenario_playbook.cli import main
from scenario_playbook.core.model import Scenario
from scenario_playbook.core.schema import SCHEMA_LINE

BIN = Path(sys.executable).parent
TITLE = "The customer's card stopped working: what now?"
NAME = "the-customers-card-stopped-working-what-now.yml"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(ROOT / "taxonomy.yml", tmp_path / "taxonomy.yml")
    (tmp_path / "scenarios").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def new(*args: str):
    return CliRunner().invoke(main, ["new", *args])


def check(*args: str):
    return CliRunner().invoke(main, ["check", *args])


def placeholder_lines(text: str) -> list[int]:
    """Lines holding a placeholder, as a reader sees them (a block scalar: its ">" or "|" line)."""
    lines = text.splitlines()
    out = []
    for n, line in enumerate(lines, start=1):
        if line.lstrip().startswith("#"):
            continue
        if re.search(r"\bTODO\b", line) or re.fullmatch(r"\s*- todo", line):
            out.append(n - 1 if lines[n - 2].rstrip().endswith((">", "|")) else n)
    return out


def test_new_writes_every_field_with_the_schema_line(repo: Path):
    result = new(TITLE, "--family", "service-recovery", "--roles", "service-rep,any-employee")
    assert result.exit_code == 0, result.output
    path = repo / "scenarios" / NAME
    assert f"wrote {Path('scenarios') / NAME}" in result.output
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_LINE
    data = yaml.safe_load(text)
    assert list(data) == list(Scenario.model_fields)
    assert data["title"] == TITLE
    assert data["id"] == path.stem
    assert data["family"] == "service-recovery"
    assert data["roles"] == ["service-rep", "any-employee"]
    Scenario.model_validate(data)  # the shape is right: only the placeholders are wrong


def test_check_reports_each_placeholder_at_its_line_and_nothing_else(repo: Path):
    new(TITLE, "--family", "service-recovery", "--roles", "service-rep")
    text = (repo / "scenarios" / NAME).read_text(encoding="utf-8")
    result = check("--format", "json")
    assert result.exit_code == 1
    import json

    problems = json.loads(result.output)
    assert {p["code"] for p in problems} == {"placeholder"}
    assert {p["path"] for p in problems} == {f"scenarios/{NAME}"}
    assert sorted(p["line"] for p in problems) == placeholder_lines(text)
    by_line = {p["line"]: p["message"] for p in problems}
    stage_line = text.splitlines().index("stages:") + 2
    assert by_line[stage_line].startswith("stages[0]: replace the placeholder 'todo' with one of")
    assert "after-the-sale" in by_line[stage_line]


def fill(text: str) -> str:
    """What a contributor does: real text for every TODO, a term for every 'todo'."""
    counter = iter(range(1000))
    text = re.sub(r"TODO: [^\"\n]*", lambda m: f"Real text number {next(counter)}.", text)
    text = text.replace("stages:\n  - todo", "stages:\n  - complaint")
    return text.replace("principles:\n  - todo", "principles:\n  - moments-of-truth")


def test_a_filled_in_scaffold_passes_and_one_left_placeholder_is_flagged(repo: Path):
    new(TITLE, "--family", "service-recovery", "--roles", "service-rep")
    path = repo / "scenarios" / NAME
    original = path.read_text(encoding="utf-8")
    filled = fill(original)
    path.write_text(filled, encoding="utf-8")
    assert check().exit_code == 0
    # Leave one placeholder: exactly that one is reported, at its line.
    line = next(i for i, t in enumerate(original.splitlines(), 1) if "who this is" in t)
    lines = filled.splitlines()
    lines[line - 1] = original.splitlines()[line - 1]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check()
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"scenarios/{NAME}:{line}:10: people[0].who: replace the placeholder "
        "'TODO: who this is, e.g. The hiring manager'"
    )


def test_new_refuses_to_overwrite(repo: Path):
    assert new(TITLE, "--family", "service-recovery").exit_code == 0
    path = repo / "scenarios" / NAME
    path.write_text("# my work\n", encoding="utf-8")
    again = new(TITLE, "--family", "loyalty-tests")
    assert again.exit_code == 1
    assert "already exists; not overwriting it" in again.output
    assert path.read_text(encoding="utf-8") == "# my work\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--family", "service-recover"], "unknown family 'service-recover' (did you mean "),
        (["--family", "service-recovery", "--roles", "sales"], "unknown role 'sales'"),
        (["--family", "service-recovery", "--id", "index"], "id 'index' is reserved"),
        (["--family", "service-recovery", "--id", "Bad Id"], "'Bad Id' is not a valid id"),
    ],
)
def test_new_refuses_bad_terms_with_a_hint(repo: Path, args: list[str], message: str):
    result = new(TITLE, *args)
    assert result.exit_code == 1
    assert message in result.output
    assert list((repo / "scenarios").iterdir()) == []


@pytest.mark.parametrize(
    ("title", "message"),
    [
        (
            "\U0001f600\U0001f600",
            "no plain letters or digits to make an id from; choose one with --id",
        ),
        ("Ring 07700 900123 back", "playbook check would refuse this title: looks like a phone"),
        ("A \u202e reversed title", "playbook check would refuse this title: invisible direction"),
        ("A zero\u200bwidth title", "playbook check would refuse this title: invisible character"),
        ("x" * 201, "playbook check would refuse this title: the title is 201 characters long"),
    ],
)
def test_new_refuses_a_title_that_check_would_refuse(repo: Path, title: str, message: str):
    result = new(title, "--family", "service-recovery")
    assert result.exit_code == 1
    assert message in result.output
    assert list((repo / "scenarios").iterdir()) == []


def test_an_emoji_title_is_fine_with_an_id_and_item_is_a_title_like_any(repo: Path):
    assert new("\U0001f600 A happy caller", "--family", "service-recovery").exit_code == 0
    assert (
        new("\U0001f600\U0001f600", "--family", "service-recovery", "--id", "smiles").exit_code == 0
    )
    assert new("Item", "--family", "service-recovery").exit_code == 0
    names = sorted(p.name for p in (repo / "scenarios").iterdir())
    assert names == ["a-happy-caller.yml", "item.yml", "smiles.yml"]
    assert check().exit_code == 1  # only the placeholders are left to fill
    assert "control" not in check("--format", "json").output


@pytest.mark.slow
def test_new_and_check_as_subprocesses(repo: Path):
    run = subprocess.run(
        [BIN / "playbook", "new", TITLE, "--family", "loyalty-tests", "--roles", "salesperson"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert "next: replace every TODO" in run.stderr
    gh = subprocess.run(
        [BIN / "playbook", "check", "--format", "github"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert gh.returncode == 1
    first = gh.stdout.splitlines()[0]
    assert re.fullmatch(
        rf"::error file=scenarios/{re.escape(NAME)},line=13,col=10::summary: replace the "
        r"placeholder 'TODO: .*'",
        first,
    ), first
    assert "Traceback" not in gh.stderr
