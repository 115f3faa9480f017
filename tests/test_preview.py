"""What serve shows while files are broken: pure functions, tested without a server."""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from helpers import ROOT, dump, scenario
from scenario_playbook.adapter.preview import notice, reads_message, shown_playbook
from scenario_playbook.core.files import scenario_files
from scenario_playbook.core.loader import Loader
from scenario_playbook.core.problems import Problem


def load(loader: Loader, folder: Path):
    return loader.load(scenario_files([folder / "scenarios"]), folder / "taxonomy.yml")


def test_shown_playbook_keeps_last_good_versions_and_drops_deleted_files(tmp_path: Path):
    shutil.copy(ROOT / "taxonomy.yml", tmp_path / "taxonomy.yml")
    (tmp_path / "scenarios").mkdir()
    for ident in ("alpha", "beta", "gamma"):
        path = tmp_path / "scenarios" / f"{ident}.yml"
        path.write_text(dump(scenario(id=ident, title=f"{ident} v1")), encoding="utf-8")
    loader = Loader(tmp_path)
    first = load(loader, tmp_path)
    assert first.ok and sorted(first.scenarios) == ["alpha", "beta", "gamma"]

    (tmp_path / "scenarios" / "alpha.yml").write_text(
        dump(scenario(id="alpha", title="alpha v2", tilte="typo")), encoding="utf-8"
    )
    (tmp_path / "scenarios" / "beta.yml").write_text(
        dump(scenario(id="beta", title="beta v2")), encoding="utf-8"
    )
    (tmp_path / "scenarios" / "gamma.yml").unlink()
    (tmp_path / "scenarios" / "delta.yml").write_text(
        dump(scenario(id="delta", summary=42)), encoding="utf-8"
    )
    second = load(loader, tmp_path)
    assert sorted(second.reads) == [
        "scenarios/alpha.yml",
        "scenarios/beta.yml",
        "scenarios/delta.yml",
    ]
    assert [p.path for p in second.problems] == ["scenarios/alpha.yml", "scenarios/delta.yml"]
    shown = shown_playbook(second, first)
    assert {i: s.title for i, s in shown.scenarios.items()} == {
        "alpha": "alpha v1",  # broken now: its last good version
        "beta": "beta v2",  # valid now: as it is
    }  # gamma deleted, delta never valid
    assert shown.taxonomy is second.taxonomy


def test_notice_lists_problems_as_escaped_text():
    problems = [Problem("scenarios/a.yml", 3, 7, "x", "bad <script>alert(1)</script> value")]
    html = BeautifulSoup(notice(problems), "html.parser")
    assert html.find("script") is None
    assert html.select_one(".pb-problems li").get_text() == (
        "scenarios/a.yml:3:7: bad <script>alert(1)</script> value"
    )
    assert html.select_one(".admonition-title").get_text().startswith("1 problem in the playbook")
    many = BeautifulSoup(notice(problems * 25), "html.parser")
    assert len(many.select(".pb-problems li")) == 21
    assert many.select(".pb-problems li")[-1].get_text() == "and 5 more: see the log"


def test_reads_message():
    assert reads_message([]) == "read no file: nothing changed in the scenarios or the taxonomy"
    assert reads_message(["scenarios/a.yml"]) == "read 1 file: scenarios/a.yml"
