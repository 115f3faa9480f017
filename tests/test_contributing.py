"""The contributor's path as documented: CONTRIBUTING.md's commands and example output are
real, the pull-request workflow is safe and runs what the issue asks, and the pre-commit hook
runs ``playbook check`` for real."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from helpers import ROOT
from miniproject import mini_project
from scenario_playbook.cli import main

BIN = Path(sys.executable).parent
GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
WORKFLOW_TEXT = (ROOT / ".github" / "workflows" / "pr.yml").read_text(encoding="utf-8")


def test_the_guides_commands_and_example_output_are_real(tmp_path: Path, monkeypatch):
    mini_project(tmp_path, {"alpha": "Alpha"})
    monkeypatch.chdir(tmp_path)
    command = next(line.strip() for line in GUIDE.splitlines() if "playbook new " in line)
    args = shlex.split(command)
    assert args[0] == ".venv/bin/playbook"
    made = CliRunner().invoke(main, args[1:])
    assert made.exit_code == 0, made.output
    path = Path(made.output.split("wrote ", 1)[1].split()[0])
    # The guide's example: a placeholder, and a misspelled field.
    path.write_text(path.read_text().replace("\nsituation:", "\nsitutation:"), encoding="utf-8")
    checked = CliRunner().invoke(main, ["check"])
    assert checked.exit_code == 1
    example = re.search(r"```text\n(.*?)```", GUIDE, re.S)
    assert example is not None
    shown = [line.strip() for line in example.group(1).splitlines() if line.strip()]
    assert shown and all(line in checked.output.splitlines() for line in shown), checked.output


def test_guide_names_the_five_steps_and_the_make_targets_exist():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in re.findall(r"`make (\w+)`", GUIDE):
        assert re.search(rf"^{target}:", makefile, re.M), target
    for step in ("playbook new", "playbook check", "make serve", "pull request"):
        assert step in GUIDE


def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW_TEXT)
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def test_workflow_runs_on_pull_request_only_with_read_rights_and_no_secrets():
    data = workflow()
    assert data["on"] == {"pull_request": None}
    assert "pull_request_target" not in WORKFLOW_TEXT.split("#")[0]
    assert not any(
        "pull_request_target" in line for line in WORKFLOW_TEXT.splitlines() if "#" not in line
    )
    assert data["permissions"] == {"contents": "read"}
    assert "secrets." not in WORKFLOW_TEXT
    (job,) = data["jobs"].values()
    assert "permissions" not in job
    checkout = job["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["persist-credentials"] is False


def test_workflow_checks_tests_builds_links_and_uploads_the_bundle():
    (job,) = workflow()["jobs"].values()
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert ".venv/bin/playbook check --format github" in runs
    for command in ("make test", "make build", "make linkcheck", "make bundle"):
        assert command in runs
    assert runs.index(".venv/bin/playbook check --format github") < runs.index("make test")
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-"))
    assert upload["with"]["path"] == "dist/*-offline-*.zip"
    assert upload["with"]["if-no-files-found"] == "error"


def test_workflow_make_targets_exist():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    (job,) = workflow()["jobs"].values()
    targets = [
        word
        for step in job["steps"]
        if "run" in step
        for word in re.findall(r"make (\S+)", step["run"])
    ]
    defined = {t.replace("$(VENV)", ".venv") for t in re.findall(r"^(\S+):", makefile, re.M)}
    missing = [t for t in targets if t not in defined]
    assert missing == []


@pytest.mark.slow
def test_hook_definitions_are_valid_and_run_playbook_check():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [(h["id"], h["entry"]) for h in hooks] == [("playbook-check", "playbook check")]
    for command, name in (
        ("validate-manifest", ".pre-commit-hooks.yaml"),
        ("validate-config", ".pre-commit-config.yaml"),
    ):
        run = subprocess.run(
            [BIN / "pre-commit", command, ROOT / name], capture_output=True, text=True, timeout=60
        )
        assert run.returncode == 0, run.stdout + run.stderr


@pytest.fixture
def git_repo(tmp_path: Path) -> Path:
    repo = mini_project(tmp_path / "repo", {"alpha": "Alpha", "beta": "Beta"})
    shutil.copy(ROOT / ".pre-commit-config.yaml", repo / ".pre-commit-config.yaml")
    (repo / ".venv").symlink_to(BIN.parent)
    (repo / ".gitignore").write_text(".venv\n", encoding="utf-8")
    for args in (["init", "-q"], ["add", "-A"]):
        subprocess.run(["git", *args], cwd=repo, check=True, timeout=30)
    return repo


@pytest.mark.slow
def test_the_pre_commit_hook_reports_problems_and_passes_fixed_files(git_repo: Path):
    env = {**os.environ, "PRE_COMMIT_HOME": str(git_repo.parent / "pre-commit-home")}

    def hook() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [BIN / "pre-commit", "run", "playbook-check", "--all-files"],
            cwd=git_repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    ok = hook()
    assert ok.returncode == 0, ok.stdout + ok.stderr
    path = git_repo / "scenarios" / "beta.yml"
    path.write_text(path.read_text().replace("\nsummary:", "\nsumary:"), encoding="utf-8")
    bad = hook()
    assert bad.returncode == 1
    assert "scenarios/beta.yml:4:1: unknown field 'sumary' (did you mean 'summary'?)" in bad.stdout
