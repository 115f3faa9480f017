"""Shared fixtures: real MkDocs builds in temporary folders, a browser, and the test markers.

Plain helpers (a valid scenario, ``build``, ``soup``, ...) live in ``tests/helpers.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import build, copy_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the repo's site sources (config, docs, taxonomy, scenarios) in tmp_path."""
    return copy_project(tmp_path)


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
    from helpers import free_port

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
