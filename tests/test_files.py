"""What the file system can hand the reader: FIFOs, huge sparse files, names that are not
UTF-8 or hold a newline, dangling links; and check's workers, which must never hide a file's
problems (issue 18, class 3)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import ROOT, dump, scenario
from scenario_playbook.cli import main
from scenario_playbook.core import batch
from scenario_playbook.core.loader import Loader


def check(folder: Path, *args: str):
    return CliRunner().invoke(main, ["check", "--taxonomy", str(ROOT / "taxonomy.yml"), *args])


@pytest.fixture
def here(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "scenarios").mkdir()
    return tmp_path


def test_a_fifo_is_a_problem_not_a_hang(here: Path):
    os.mkfifo(here / "scenarios" / "pipe.yml")
    result = check(here, "scenarios/pipe.yml")
    assert result.exit_code == 1
    assert "scenarios/pipe.yml:1:1: is not a regular file" in result.output


def test_a_huge_sparse_file_is_refused_from_its_size_alone(here: Path, monkeypatch):
    path = here / "scenarios" / "sparse.yml"
    with path.open("wb") as out:
        out.truncate(3 * 2**30)
    opened: list[str] = []
    real_open = Path.open
    monkeypatch.setattr(
        Path, "open", lambda self, *a, **k: opened.append(self.name) or real_open(self, *a, **k)
    )
    result = check(here, "scenarios/sparse.yml")
    assert result.exit_code == 1
    assert "sparse.yml:1:1: file is 3,145,728 KiB; a scenario file may be at most 256 KiB" in (
        result.output
    )
    assert "sparse.yml" not in opened


def test_a_file_name_that_is_not_utf8_is_a_located_problem(here: Path):
    name = os.fsencode(here / "scenarios") + b"/caf\xe9.yml"
    with open(name, "wb") as out:
        out.write(dump(scenario(id="cafe")).encode())
    result = check(here)
    assert result.exit_code == 1, result.output
    assert "scenarios/caf\\xe9.yml:1:1: file name is not valid UTF-8" in result.output


def test_a_newline_in_a_file_name_cannot_forge_a_line(here: Path):
    (here / "scenarios" / "x\nforged.yml:1:1: all fine.yml").write_text("id: 1\n")
    result = check(here)
    lines = [line for line in result.output.splitlines() if "forged" in line]
    assert lines and all(line.startswith("scenarios/x\\x0aforged") for line in lines), lines


def test_a_dangling_link_is_reported_not_skipped(here: Path):
    (here / "scenarios" / "gone.yml").symlink_to(here / "nowhere.yml")
    result = check(here)
    assert result.exit_code == 1
    assert "scenarios/gone.yml:1:1: is a symbolic link" in result.output


def test_a_failing_worker_hides_no_other_files_problems(here: Path, monkeypatch):
    folder = here / "scenarios"
    for n in range(6):
        (folder / f"bad-{n}.yml").write_text(dump(scenario(id=f"bad-{n}", tags=["Bad"])))
    (folder / "boom.yml").write_text(dump(scenario(id="boom")))
    real = Loader.load

    def load(self, files, *args, **kwargs):
        if any(p.stem == "boom" for p in files):
            raise RuntimeError("a bug in the reader")
        return real(self, files, *args, **kwargs)

    monkeypatch.setattr(Loader, "load", load)  # inherited by the forked workers
    monkeypatch.setattr(batch, "MIN_PARALLEL", 1)
    files = sorted(folder.glob("*.yml"))
    problems = batch.check(files, ROOT / "taxonomy.yml", set(), base=here, jobs=2)
    paths = {p.path for p in problems}
    assert paths == {f"scenarios/{p.name}" for p in files}
    assert [p.code for p in problems if p.path == "scenarios/boom.yml"] == ["internal-error"]


@pytest.mark.build
def test_the_default_build_reports_a_name_that_is_not_utf8(tmp_path: Path, caplog):
    from mkdocs.exceptions import Abort

    from helpers import build, copy_project

    project = copy_project(tmp_path / "project")
    with open(os.fsencode(project / "scenarios") + b"/caf\xe9.yml", "wb") as out:
        out.write(dump(scenario(id="cafe")).encode())
    with pytest.raises(Abort):
        build(project)
    errors = "\n".join(r.getMessage() for r in caplog.records)
    assert "scenarios/caf\\xe9.yml:1:1: file name is not valid UTF-8" in errors


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(name=st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\0" not in b))
def test_any_file_name_gives_problems_never_a_traceback(tmp_path_factory, name: bytes):
    folder = tmp_path_factory.mktemp("names")
    try:
        with open(os.fsencode(folder) + b"/" + name + b".yml", "wb") as out:
            out.write(dump(scenario(id="x")).encode())
    except OSError:
        return  # a name this file system refuses
    playbook = Loader(folder).load(sorted(folder.iterdir()), ROOT / "taxonomy.yml")
    for problem in playbook.problems:
        text = problem.text()
        assert "\n" not in text and "\r" not in text
        text.encode("utf-8")  # printable: no lone surrogate
