"""Exports never destroy data: not the project's own files, not files no export wrote, and
never through a symbolic link (issue 18, class 2)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import copy_project
from scenario_playbook.cli import main
from scenario_playbook.publish import outputs


@pytest.fixture
def proj(tmp_path: Path, monkeypatch) -> Path:
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project)
    return project


def export(*args: str):
    return CliRunner().invoke(main, ["export", *args])


def test_markdown_export_into_the_project_itself_is_refused(proj: Path):
    before = (proj / "mkdocs.yml").read_bytes()
    result = export("--format", "markdown", ".")
    assert result.exit_code == 1
    assert "is the project itself" in result.output and "Traceback" not in result.output
    assert (proj / "mkdocs.yml").read_bytes() == before
    assert not (proj / "docs").exists()


def test_markdown_export_into_the_pages_folder_is_refused_even_with_force(proj: Path):
    pages = sorted(p.name for p in (proj / "playbook").iterdir())
    for target in ("playbook", "playbook/sub"):
        result = export("--format", "markdown", target, "--force")
        assert result.exit_code == 1 and "project's pages" in result.output, result.output
    result = export("--format", "markdown", "..")
    assert result.exit_code == 1 and "is the project itself" in result.output
    assert sorted(p.name for p in (proj / "playbook").iterdir()) == pages


def test_markdown_export_keeps_files_it_did_not_write(proj: Path):
    mine = proj / "out" / "docs" / "notes.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("my notes\n")
    result = export("--format", "markdown", "out")
    assert result.exit_code == 1
    assert "no export wrote" in result.output and "notes.md" in result.output
    assert mine.read_text() == "my notes\n"
    assert export("--format", "markdown", "out", "--force").exit_code == 0
    assert not mine.exists()  # told to: replaced


def test_markdown_export_replaces_its_own_previous_export(proj: Path):
    assert export("--format", "markdown", "out").exit_code == 0
    manifest = json.loads((proj / "out" / outputs.MANIFEST).read_text())
    assert "mkdocs.yml" in manifest["files"] and "docs/index.md" in manifest["files"]
    stale = proj / "out" / "docs" / "scenarios" / "gone.md"  # as if a scenario was removed
    stale.write_text("old")
    manifest["files"].append("docs/scenarios/gone.md")
    (proj / "out" / outputs.MANIFEST).write_text(json.dumps(manifest))
    result = export("--format", "markdown", "out")
    assert result.exit_code == 0, result.output
    assert not stale.exists()


def test_markdown_export_never_writes_through_a_link(proj: Path, tmp_path: Path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (proj / "out").mkdir()
    (proj / "out" / "docs").symlink_to(elsewhere)
    for extra in ([], ["--force"]):
        result = export("--format", "markdown", "out", *extra)
        assert result.exit_code == 1 and "symbolic link" in result.output, result.output
    assert list(elsewhere.iterdir()) == []


def test_json_export_keeps_a_file_it_did_not_write(proj: Path):
    result = export("--format", "json", "mkdocs.yml")
    assert result.exit_code == 1 and "not written by an export" in result.output
    assert export("--format", "json", "out.json").exit_code == 0
    assert export("--format", "json", "out.json").exit_code == 0  # its own: replaced


@pytest.mark.parametrize(
    ("args", "make"),
    [
        (["export", "--format", "json", "thing"], "dir"),
        (["export", "--format", "json", "thing/x.json"], "file"),
        (["export", "--format", "markdown", "thing"], "file"),
        (["bundle", "--dist", "thing"], "file"),
    ],
)
def test_an_output_path_of_the_wrong_type_is_a_message(proj: Path, args, make: str):
    thing = proj / "thing"
    thing.mkdir() if make == "dir" else thing.write_text("x")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert "Error: " in result.output and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_site_exports_replace_a_link_instead_of_following_it(tmp_path: Path):
    from mkdocs.exceptions import PluginError

    from scenario_playbook.publish.exports import write_site_exports

    site, outside = tmp_path / "site", tmp_path / "outside"
    site.mkdir()
    outside.mkdir()
    (outside / "victim.json").write_text("keep")
    (site / "scenarios.json").symlink_to(outside / "victim.json")
    write_site_exports(site, {"scenarios.json": "{}"})
    assert (outside / "victim.json").read_text() == "keep"
    assert not (site / "scenarios.json").is_symlink()
    (site / "schema").symlink_to(outside)
    with pytest.raises(PluginError, match="leads outside"):
        write_site_exports(site, {"schema/scenario.schema.json": "{}"})
    assert sorted(os.listdir(outside)) == ["victim.json"]


def test_exports_a_worker_wrote_are_copied_in_the_same_way(tmp_path: Path):
    """The worker writes its exports in a folder of its own; they reach the site through the
    same checks, byte for byte, and the folder goes."""
    from mkdocs.exceptions import PluginError

    from scenario_playbook.publish.exports import move_site_exports

    site, outside, made = tmp_path / "site", tmp_path / "outside", tmp_path / "made"
    for folder in (site, outside, made / "schema"):
        folder.mkdir(parents=True)
    (made / "scenarios.json").write_bytes(b'{"a": "\xc3\xa9\r\n"}\n')
    (site / "scenarios.json").symlink_to(outside / "victim.json")
    move_site_exports(site, made, ["scenarios.json"])
    assert (site / "scenarios.json").read_bytes() == b'{"a": "\xc3\xa9\r\n"}\n'
    assert not (site / "scenarios.json").is_symlink() and not made.exists()
    assert os.listdir(outside) == []
    made.mkdir()
    (made / "schema").mkdir()
    (made / "schema" / "scenario.schema.json").write_text("{}")
    (site / "schema").symlink_to(outside)
    with pytest.raises(PluginError, match="leads outside"):
        move_site_exports(site, made, ["schema/scenario.schema.json"])
    assert os.listdir(outside) == [] and not made.exists()
