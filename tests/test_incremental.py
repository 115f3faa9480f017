"""``mkdocs serve --dirty``: after an edit to a scenario, the taxonomy or a page template, the
served site equals a clean build of the same files, file for file, and only the pages whose
inputs changed were written again."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from helpers import dump, files_of, free_port, scenario, serving, wait_for
from miniproject import mini_project

pytestmark = [pytest.mark.build, pytest.mark.slow]

BIN = Path(sys.executable).parent
TEMPLATES = Path(__file__).parent.parent / "plugins" / "scenario_playbook" / "templates"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
ENV["SOURCE_DATE_EPOCH"] = "1700000000"  # sitemap dates: the same in both builds


class DirtyServe:
    """A running ``mkdocs serve --dirty`` and the folder it serves from."""

    def __init__(self, project: Path, site: Path, url: str, log: Path) -> None:
        self.project, self.site, self.url, self.log = project, site, url, log

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def change(self, path: str, edit: Callable[[str], str]) -> str:
        """Edit a file of the project, wait for the rebuild, return its log."""
        mark = len(self.text())
        file = self.project / path
        file.write_text(edit(file.read_text(encoding="utf-8")), encoding="utf-8")
        wait_for("a rebuild", lambda: "Reloading browsers" in self.text()[mark:], self.log)
        return self.text()[mark:]

    def clean_build(self, out: Path) -> Path:
        """The same project built from nothing, for the same address."""
        env = {**ENV, "PLAYBOOK_SITE_URL": self.url, "PLAYBOOK_CACHE": "false"}
        subprocess.run(
            [BIN / "mkdocs", "build", "-q", "-d", str(out)],
            cwd=self.project,
            env=env,
            check=True,
            timeout=300,
        )
        return out

    def assert_equals_clean_build(self, out: Path) -> None:
        served, clean = files_of(self.site), files_of(self.clean_build(out))
        assert sorted(served) == sorted(clean)
        differ = [name for name in clean if served[name] != clean[name]]
        assert differ == [], first_difference(served, clean, differ)


@pytest.fixture
def dirty_serve(tmp_path: Path) -> Iterator[DirtyServe]:
    project = mini_project(
        tmp_path / "project",
        {"alpha": "Alpha before the edit", "beta": "Beta stays", "gamma": "Gamma stays"},
    )
    # gamma links to alpha: alpha's title shows on gamma's page
    gamma = scenario(id="gamma", title="Gamma stays", related=["alpha"])
    (project / "scenarios" / "gamma.yml").write_text(dump(gamma), encoding="utf-8")
    shutil.copytree(TEMPLATES, project / "templates")
    config = project / "mkdocs.yml"
    option = "  - playbook:\n      templates: templates\n"
    config.write_text(config.read_text().replace("  - playbook:\n", option), encoding="utf-8")
    temp = tmp_path / "tmp"  # serve builds into a folder it makes here
    temp.mkdir()
    port = free_port()
    log = tmp_path / "serve.log"
    url = f"http://127.0.0.1:{port}/playbook/"
    command = [BIN / "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"]
    env = {**ENV, "TMPDIR": str(temp)}
    with serving(command, project, log, url + "scenarios/alpha/", env=env):
        (site,) = temp.glob("mkdocs_*")
        yield DirtyServe(project, site, url, log)


def first_difference(served: dict[str, bytes], clean: dict[str, bytes], names: list[str]) -> str:
    """Where the first differing file starts to differ, to read in a failure."""
    for name in names:
        a, b = served[name].decode(errors="replace"), clean[name].decode(errors="replace")
        at = next(i for i, (x, y) in enumerate(zip(a + "\0", b + "\0", strict=False)) if x != y)
        near = slice(max(at - 200, 0), at + 200)
        return f"{name} at {at}:\nserved: {a[near]!r}\nclean:  {b[near]!r}"
    return ""


def written(log: str) -> tuple[int, int]:
    found = re.search(r"wrote (\d+) of (\d+) pages", log)
    assert found, log
    return int(found.group(1)), int(found.group(2))


def test_dirty_serve_after_edits_equals_a_clean_build(dirty_serve: DirtyServe, tmp_path: Path):
    dirty_serve.assert_equals_clean_build(tmp_path / "clean-0")

    # 1. A scenario's title: its page, the pages that list or link to it, the tags page.
    log = dirty_serve.change(
        "scenarios/alpha.yml", lambda t: t.replace("Alpha before", "Alpha after")
    )
    assert "ERROR" not in log
    count, total = written(log)
    assert count < total, log
    dirty_serve.assert_equals_clean_build(tmp_path / "clean-1")

    # 2. A scenario's text only: its own page and few others.
    log = dirty_serve.change(
        "scenarios/beta.yml", lambda t: t.replace("It ends here.", "It ends right here.")
    )
    count, total = written(log)
    assert count <= 3, log
    dirty_serve.assert_equals_clean_build(tmp_path / "clean-2")

    # 3. The taxonomy: a family's title shows on many pages.
    log = dirty_serve.change("taxonomy.yml", lambda t: t.replace("title:", "title: Renamed", 1))
    assert "ERROR" not in log
    dirty_serve.assert_equals_clean_build(tmp_path / "clean-3")

    # 4. A page template: every scenario page changes.
    log = dirty_serve.change(
        "templates/scenario.md.j2", lambda t: t.replace("{{ meta }}", "{{ meta }}\nEdited.\n", 1)
    )
    count, total = written(log)
    assert count >= 3
    dirty_serve.assert_equals_clean_build(tmp_path / "clean-4")

    # 5. A scenario removed: its page is gone from the served site too.
    mark = len(dirty_serve.text())
    (dirty_serve.project / "scenarios" / "beta.yml").unlink()
    wait_for(
        "a rebuild",
        lambda: "Reloading browsers" in dirty_serve.text()[mark:],
        dirty_serve.log,
    )
    dirty_serve.assert_equals_clean_build(tmp_path / "clean-5")
