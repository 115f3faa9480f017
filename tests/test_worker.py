"""A `mkdocs build` whose pages a worker process makes: the same site, the same problems, and
failures of the worker itself reported, never hidden or hung on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import build, copy_project, dump, files_of, scenario
from scenario_playbook.adapter import worker
from scenario_playbook.adapter.pending_file import PendingFile

pytestmark = [
    pytest.mark.build,
    pytest.mark.skipif(
        not sys.platform.startswith("linux"), reason="the plugin makes a worker on Linux only"
    ),
]

WORKER_USED = "reading, checking and rendering the scenarios in a worker process"

#: ``mkdocs build`` in a fresh process (a test process has threads, where the plugin rightly
#: makes no worker), with the worker on even on one core, and an optional line to run first.
BUILD = """
import sys
from scenario_playbook.adapter import worker
from scenario_playbook.adapter.pending_file import PendingFile
worker.has_spare_core = lambda: True
{before}
from mkdocs.__main__ import cli
cli(["build", "--strict", "--verbose"])
"""


def mkdocs_build(
    project: Path, *, parallel: bool = True, before: str = ""
) -> subprocess.CompletedProcess[str]:
    temp = project / ".tmp"  # the worker's exports folder goes here: empty again at the end
    temp.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PLAYBOOK_PARALLEL": str(parallel).lower(),
        "PLAYBOOK_CACHE": "false",
        "TMPDIR": str(temp),
    }
    code = BUILD.format(before=before)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def errors(run: subprocess.CompletedProcess[str]) -> list[str]:
    """The ERROR messages, each with its continuation lines."""
    out: list[str] = []
    for line in run.stderr.splitlines():
        if line.startswith("ERROR"):
            out.append(line.split("-", 1)[1].strip())
        elif out and not line.startswith(("INFO", "DEBUG", "WARNING", "Aborted")):
            out[-1] += "\n" + line
    return out


def test_the_worker_builds_the_same_site_as_one_process(tmp_path: Path):
    sites = {}
    for parallel in (True, False):
        project = copy_project(tmp_path / str(parallel))
        run = mkdocs_build(project, parallel=parallel)
        assert run.returncode == 0, run.stderr
        assert (WORKER_USED in run.stderr) is parallel
        sites[parallel] = files_of(project / "site")
    made, expected = sites[True], sites[False]
    assert [p.name for p in (tmp_path / "True" / ".tmp").iterdir()] == []  # exports moved
    assert made.keys() == expected.keys()
    assert [name for name in made if made[name] != expected[name]] == []
    assert "scenarios/phone-loop-recovery/index.html" in made
    assert "scenarios.json" in made


def _seed(project: Path) -> None:
    """Two broken files, one early and one late in the build order, and one broken link."""
    early = dump(scenario(id="aaa-broken")).replace("title:", "tilte:", 1)
    (project / "scenarios" / "aaa-broken.yml").write_text(early, encoding="utf-8")
    late = dump(scenario(id="zzz-broken", family="no-such-family"))
    (project / "scenarios" / "zzz-broken.yml").write_text(late, encoding="utf-8")
    linked = dump(scenario(id="mmm-linked", related=["nowhere"]))
    (project / "scenarios" / "mmm-linked.yml").write_text(linked, encoding="utf-8")


def test_the_worker_reports_every_problem_at_once_and_no_page_is_written(tmp_path: Path):
    results = {}
    for parallel in (True, False):
        project = copy_project(tmp_path / str(parallel))
        _seed(project)
        run = mkdocs_build(project, parallel=parallel)
        assert run.returncode == 1 and "Traceback" not in run.stderr
        assert not list((project / "site").rglob("*.html"))
        assert list((project / ".tmp").iterdir()) == []  # the exports folder is gone too
        results[parallel] = errors(run)
    assert results[True] == results[False]
    [error] = results[True]
    lines = error.splitlines()
    assert lines[0] == "3 problems in the playbook:"
    assert [line.split(":")[0] for line in lines[1:]] == [
        "scenarios/aaa-broken.yml",
        "scenarios/mmm-linked.yml",
        "scenarios/zzz-broken.yml",
    ]


def test_a_failure_inside_the_worker_stops_the_build_with_its_cause(project: Path):
    templates = project / "templates"
    templates.mkdir()
    (templates / "scenario.md.j2").write_text("{{ no_such_name }}\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    option = "      scenarios: scenarios\n"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace(option, option + "      templates: templates\n"), "utf-8")
    run = mkdocs_build(project)
    assert run.returncode == 1
    # MkDocs says which page it was reading, then the cause, with the worker's traceback
    reading, error = errors(run)
    assert reading.startswith("Error reading page 'scenarios/")
    assert error.startswith("the playbook's worker process failed:\nTraceback")
    assert "'no_such_name' is undefined" in error


def test_a_worker_that_dies_is_reported(project: Path):
    run = mkdocs_build(
        project, before="worker.produce = lambda job, send: __import__('os')._exit(3)"
    )
    assert run.returncode == 1
    assert errors(run)[-1] == "the playbook's worker process stopped (exit code 3)"


def test_no_worker_where_it_cannot_help(project: Path, caplog):
    """In a process with other threads (this test's), the build runs in one process."""
    import threading

    started = threading.Event()
    stop = threading.Event()
    helper = threading.Thread(target=lambda: (started.set(), stop.wait()))
    helper.start()
    try:
        started.wait()
        assert not worker.available()
        caplog.set_level("DEBUG", logger="mkdocs.plugins.scenario_playbook.plugin")
        build(project)
    finally:
        stop.set()
        helper.join()
    assert WORKER_USED not in caplog.text


class _Source:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def page(self, src_uri: str) -> str:
        self.asked.append(src_uri)
        return f"# {src_uri}\n"


def test_a_pending_file_asks_once_and_yields_to_content_set_later(tmp_path: Path):
    source = _Source()
    files = []
    for name in ("a.md", "b.md"):
        made = PendingFile(name, None, str(tmp_path), use_directory_urls=True)
        made.source = source  # type: ignore[assignment]
        files.append(made)
    first, second = files
    assert first.content_string == "# a.md\n" and first.content_bytes == b"# a.md\n"
    assert source.asked == ["a.md"]
    second.content_string = "set by another plugin"
    assert second.content_bytes == b"set by another plugin" and source.asked == ["a.md"]
