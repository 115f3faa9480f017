"""``mkdocs serve`` as a real server on 127.0.0.1 with scenario files edited under it: the page
reloads in Chromium, a broken file is logged as path:line:col and shown on the page while the
last good version stays, the site recovers, and a rebuild re-reads only the changed file."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from helpers import free_port, serving, wait_for
from miniproject import mini_project

pytestmark = [pytest.mark.build, pytest.mark.slow]

BIN = Path(sys.executable).parent
TIMEOUT = 60.0


class Served:
    def __init__(self, folder: Path, base: str, log: Path) -> None:
        self.folder, self.base, self.log = folder, base, log

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def since(self, mark: int) -> str:
        return self.text()[mark:]

    def edit(self, name: str, change: Callable[[str], str]) -> int:
        """Change a scenario file; return where the log stood before, to read what follows."""
        mark = len(self.text())
        path = self.folder / "scenarios" / name
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
        return mark

    def rebuilt(self, mark: int) -> str:
        wait_for("a rebuild", lambda: "Reloading browsers" in self.since(mark), self.log)
        return self.since(mark)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    mini_project(tmp_path, {"alpha": "Alpha before the edit", "beta": "Beta stays the same"})
    port = free_port()
    log = tmp_path / "serve.log"
    # site_url in mkdocs.yml ends in /playbook/: serve mounts the site there.
    base = f"http://127.0.0.1:{port}/playbook/"
    command = [BIN / "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    with serving(command, tmp_path, log, base + "scenarios/alpha/"):
        yield Served(tmp_path, base, log)


def test_edit_break_and_fix_a_scenario_under_serve(served: Served, browser):
    start = served.text()
    assert "read 3 files: taxonomy.yml, scenarios/alpha.yml, scenarios/beta.yml" in start
    page = browser.new_page()
    try:
        page.goto(served.base + "scenarios/alpha/")
        assert page.inner_text("h1") == "Alpha before the edit"

        # 1. An edit reloads the open page, and only the edited file is read again.
        mark = served.edit("alpha.yml", lambda t: t.replace("Alpha before", "Alpha after"))
        page.wait_for_function(
            "document.querySelector('h1')?.textContent === 'Alpha after the edit'",
            timeout=TIMEOUT * 1000,
        )
        log = served.rebuilt(mark)
        assert "scenario_playbook: read 1 file: scenarios/alpha.yml\n" in log
        assert "ERROR" not in log

        # 2. A broken file: the problem is logged as path:line:col, the server keeps serving,
        #    the page keeps the last good version and lists the problem.
        mark = served.edit("alpha.yml", lambda t: t.replace("\ntitle:", "\ntilte:"))
        problem = "scenarios/alpha.yml:2:1: unknown field 'tilte' (did you mean 'title'?)"
        page.wait_for_selector(".pb-problems", timeout=TIMEOUT * 1000)
        log = served.rebuilt(mark)
        assert f"ERROR   -  scenario_playbook: {problem}\n" in log
        assert "read 1 file: scenarios/alpha.yml\n" in log
        assert page.inner_text("h1") == "Alpha after the edit"
        assert page.inner_text(".pb-problems li") == problem
        beta = browser.new_page()
        beta.goto(served.base + "scenarios/beta/")
        assert beta.inner_text("h1") == "Beta stays the same"
        assert beta.inner_text(".pb-problems li") == problem
        beta.close()

        # 3. Fixed: the notice goes, the new text shows.
        mark = served.edit(
            "alpha.yml", lambda t: t.replace("\ntilte: Alpha after", "\ntitle: Alpha fixed")
        )
        page.wait_for_function(
            "document.querySelector('h1')?.textContent === 'Alpha fixed the edit'",
            timeout=TIMEOUT * 1000,
        )
        assert page.query_selector(".pb-problems") is None
        log = served.rebuilt(mark)
        assert "read 1 file: scenarios/alpha.yml\n" in log
        assert "ERROR" not in log
    finally:
        page.close()
