"""``scripts/linkcheck.py`` (LinkChecker over a served copy of the site) passes the repo's
built playbook and fails, naming the URL, once a page links to nowhere."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

pytestmark = pytest.mark.build

SCRIPT = ROOT / "scripts" / "linkcheck.py"


@pytest.fixture(scope="module")
def site(repo_site: Path) -> Path:
    return repo_site  # the repo's own playbook, built once per session


def linkcheck(site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, SCRIPT, site], capture_output=True, text=True, timeout=120
    )


def test_a_built_site_has_no_broken_links(site: Path):
    run = linkcheck(site)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 errors found" in run.stdout


def test_a_broken_link_fails_the_check(site: Path, tmp_path: Path):
    broken = shutil.copytree(site, tmp_path / "site")
    page = broken / "scenarios" / "phone-loop-recovery" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</article>", '<a href="../gone/">x</a></article>', 1))
    run = linkcheck(broken)
    assert run.returncode == 1
    assert "/scenarios/gone/" in run.stdout and "404" in run.stdout


def test_a_missing_site_is_a_clear_error(tmp_path: Path):
    run = linkcheck(tmp_path)
    assert run.returncode == 2
    assert "build the site first" in run.stderr
