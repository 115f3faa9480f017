"""Shared fixtures: a valid scenario as data, and real MkDocs builds in temporary folders."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent

VALID: dict[str, Any] = {
    "id": "sample-scenario",
    "title": "A customer calls back for the third time",
    "family": "service-recovery",
    "summary": "The customer has explained the problem twice already. Make this the last call.",
    "roles": ["service-rep"],
    "stages": ["complaint"],
    "principles": ["moments-of-truth"],
    "tags": ["phone", "repeat call"],
    "keywords": ["third call", "runaround"],
    "situation": "The customer has called **twice** about the same fault.",
    "people": [{"who": "The customer", "wants": "The fault fixed, today."}],
    "stakes": "Their trust, and every friend they tell.",
    "decisions": [
        {
            "id": "first-words",
            "prompt": "What do you say first?",
            "options": [
                {
                    "choice": "Ask for the account number.",
                    "verdict": "poor",
                    "feedback": "They hear: start again.",
                    "next": "ownership",
                },
                {
                    "choice": "Apologise for the repeat calls.",
                    "verdict": "best",
                    "feedback": "They hear that you know.",
                    "next": "ownership",
                },
            ],
        },
        {
            "id": "ownership",
            "prompt": "Who fixes it?",
            "options": [
                {"choice": "You do, now.", "verdict": "best", "feedback": "It ends here."},
                {"choice": "Transfer them.", "verdict": "poor", "feedback": "Loop four."},
            ],
        },
    ],
    "approach": [
        {"step": "Apologise first.", "why": "They need to be heard.", "say": '"I\'m sorry."'},
        {"step": "Own the fix.", "why": "No more transfers.", "say": '"I\'ll fix it."'},
        {"step": "Check for more.", "why": "Find the next problem.", "say": '"Anything else?"'},
    ],
    "checklist": [
        {"id": "apologise", "text": "Apologise for the repeat calls."},
        {"text": "Read back the problem in their words."},
        {"text": "Fix it while they are on the line."},
        {"text": "Give them a direct line."},
        {"text": "Thank them for the chance to fix it."},
    ],
    "pitfalls": ["Asking them to explain it all again."],
    "outcome": "The customer stays, and tells a friend.",
    "related": [],
    "sources": [
        {
            "title": "Original scenario",
            "site": "Sales & Service Playbook",
            "note": "Written for the tests.",
            "kind": "invented",
        }
    ],
}


def scenario(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(VALID)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


#: What a site is built from: configuration first, then content.
SITE_CONFIG = ("mkdocs.yml", "taxonomy.yml", "overrides")
SITE_CONTENT = ("playbook", "scenarios")


def copy_project(dest: Path, *, content: bool = True) -> Path:
    """Copy the repo's site sources to ``dest``: its configuration, and its content too."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in SITE_CONFIG + (SITE_CONTENT if content else ()):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, dest / name)
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the repo's site sources (config, docs, taxonomy, scenarios) in tmp_path."""
    return copy_project(tmp_path)


def build(project_dir: Path, *, strict: bool = True, **overrides: Any) -> Path:
    """Build a real site with MkDocs from ``project_dir``; return the site folder."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    site_dir = project_dir / "site"
    config = load_config(
        str(project_dir / "mkdocs.yml"), site_dir=str(site_dir), strict=strict, **overrides
    )
    mkdocs_build(config)
    return site_dir


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory) -> Path:
    """The repo's own playbook, built once per test session (read-only for tests)."""
    return build(copy_project(tmp_path_factory.mktemp("repo-site")))


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (Debian's package, driven by Playwright)."""
    from browser import chromium

    with chromium() as instance:
        yield instance


@pytest.fixture(scope="session")
def reader_port() -> int:
    from browser import free_port

    return free_port()


@pytest.fixture(scope="session")
def reader_site(tmp_path_factory, reader_port: int) -> Path:
    """A small known playbook (tests/reader_site.py), built once per session, for browser tests.
    Its site_url names the port it is served on, as Material's instant navigation needs."""
    from reader_site import write_project

    project = write_project(tmp_path_factory.mktemp("reader-site"))
    return build(project, site_url=f"http://127.0.0.1:{reader_port}/")


@pytest.fixture(scope="session")
def reader_base(reader_site: Path, reader_port: int):
    """The base URL of ``reader_site`` served on 127.0.0.1."""
    from browser import serve

    with serve(reader_site, reader_port) as base:
        yield base


@pytest.fixture
def page(browser):
    """A fresh browser context and page (own storage); fails the test on any script error."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()
    assert not errors, errors


#: Markers (registered in pyproject.toml): `make test-quick` leaves these out.
_BROWSER_FIXTURES = frozenset({"browser", "page", "reader_base"})
_BUILD_FIXTURES = frozenset({"repo_site", "reader_site"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses Chromium is `browser`; one that builds a site (fixtures) is `build`."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & _BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if names & (_BUILD_FIXTURES | _BROWSER_FIXTURES):
            item.add_marker(pytest.mark.build)
