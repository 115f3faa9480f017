"""The loader's cache: only changed files are read again, clean files are kept slim, and
problems found later (across files, or after a taxonomy edit) still get exact positions."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import ROOT, dump, scenario
from scenario_playbook.core.files import scenario_files
from scenario_playbook.core.loader import Loader


def make(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(ROOT / "taxonomy.yml", tmp_path / "taxonomy.yml")
    (folder / "first.yml").write_text(dump(scenario(id="first", related=["second"])))
    (folder / "second.yml").write_text(dump(scenario(id="second", related=["first"])))
    return folder, tmp_path / "taxonomy.yml"


def test_only_changed_files_are_read_again(tmp_path: Path):
    folder, taxonomy = make(tmp_path)
    loader = Loader(tmp_path)
    first = loader.load(scenario_files([folder]), taxonomy)
    assert first.ok and sorted(first.reads) == [
        "scenarios/first.yml",
        "scenarios/second.yml",
        "taxonomy.yml",
    ]
    assert loader.load(scenario_files([folder]), taxonomy).reads == []
    text = (folder / "second.yml").read_text().replace("third time", "fourth time")
    (folder / "second.yml").write_text(text)
    again = loader.load(scenario_files([folder]), taxonomy)
    assert again.reads == ["scenarios/second.yml"]
    assert again.scenarios["second"].title.endswith("fourth time")


def test_clean_files_are_kept_slim(tmp_path: Path):
    folder, taxonomy = make(tmp_path)
    loader = Loader(tmp_path)
    loader.load(scenario_files([folder]), taxonomy)
    entry = loader.remembered(folder / "first.yml")
    assert entry is not None
    assert not entry.full and entry.doc.data is None and entry.doc.marks == {}


def test_a_link_broken_later_is_located_exactly(tmp_path: Path):
    folder, taxonomy = make(tmp_path)
    loader = Loader(tmp_path)
    assert loader.load(scenario_files([folder]), taxonomy).ok
    (folder / "second.yml").unlink()
    after = loader.load(scenario_files([folder]), taxonomy)
    fresh = Loader(tmp_path).load(scenario_files([folder]), taxonomy)
    assert [p.text() for p in after.problems] == [p.text() for p in fresh.problems]
    [problem] = after.problems
    assert problem.code == "unknown-related" and problem.line > 1
    assert after.reads == ["scenarios/first.yml"]  # read again only to locate the problem


def test_a_taxonomy_edit_rechecks_cached_files(tmp_path: Path):
    folder, taxonomy = make(tmp_path)
    loader = Loader(tmp_path)
    assert loader.load(scenario_files([folder]), taxonomy).ok
    text = taxonomy.read_text().replace("id: moments-of-truth", "id: moments-that-matter")
    taxonomy.write_text(text)
    after = loader.load(scenario_files([folder]), taxonomy)
    fresh = Loader(tmp_path).load(scenario_files([folder]), taxonomy)
    assert [p.text() for p in after.problems] == [p.text() for p in fresh.problems]
    assert {p.code for p in after.problems} == {"unknown-term"}
    assert all(p.line > 1 for p in after.problems)
