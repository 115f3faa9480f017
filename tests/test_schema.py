"""The committed JSON Schema is the generated one, every scenario names it on its first line,
and an independent validator (check-jsonschema) accepts every scenario in the repo."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import ROOT
from scenario_playbook.cli import main
from scenario_playbook.core.schema import SCHEMA_LINE, SCHEMA_PATH, schema_text

BIN = Path(sys.executable).parent
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yml"))


def test_committed_schema_equals_generated():
    committed = (ROOT / SCHEMA_PATH).read_text(encoding="utf-8")
    assert committed == schema_text(), "regenerate: playbook schema > " + SCHEMA_PATH


def test_playbook_schema_prints_it():
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert result.output == (ROOT / SCHEMA_PATH).read_text(encoding="utf-8")


def test_every_scenario_names_the_schema_on_its_first_line():
    assert SCENARIOS
    target = SCHEMA_LINE.split("$schema=", 1)[1]
    assert ((ROOT / "scenarios" / target).resolve()) == (ROOT / SCHEMA_PATH).resolve()
    wrong = [
        f"scenarios/{p.name}:1:1: the first line must be '{SCHEMA_LINE}'"
        for p in SCENARIOS
        if p.read_text(encoding="utf-8").partition("\n")[0] != SCHEMA_LINE
    ]
    assert wrong == []


def check_jsonschema(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BIN / "check-jsonschema", "--schemafile", ROOT / SCHEMA_PATH, *files],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_check_jsonschema_accepts_every_scenario_and_the_scaffold(tmp_path: Path):
    taxonomy = str(ROOT / "taxonomy.yml")
    args = ["A fresh one", "--family", "loyalty-tests", "--folder", str(tmp_path)]
    scaffold = CliRunner().invoke(main, ["new", *args, "--taxonomy", taxonomy])
    assert scaffold.exit_code == 0, scaffold.output
    run = check_jsonschema(*SCENARIOS, tmp_path / "a-fresh-one.yml")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "ok -- validation done" in run.stdout


@pytest.mark.slow
def test_check_jsonschema_rejects_a_misspelled_field():
    run = check_jsonschema(ROOT / "tests" / "bad" / "unknown-field.yml")
    assert run.returncode == 1
    assert "tilte" in run.stdout
