"""The reader-facing checks on every engine (ENGINES.md): the known three-scenario playbook
(tests/reader_site.py) built by MkDocs (the session's ``reader_site``), by ProperDocs with the
plugin unchanged, and by Zensical from ``playbook export --format markdown``; each engine's
build is made once per session, with the engine's own environment (``.venv-ENGINE``, which
``make test`` installs), exactly as ``make build ENGINE=...`` runs it.

What an engine cannot do is skipped with the gap named, as listed in ENGINES.md.
"""

from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from browser import settled
from helpers import ROOT, soup
from reader_site import CLIENT_REFERENCE, QUIET_DEAL, THIRD_CALL, scenarios, write_project
from scenario_playbook.publish.engines import ENGINES

pytestmark = pytest.mark.build

ZENSICAL_NO_BUNDLE = (
    "known gap (ENGINES.md, offline bundle): Zensical 0.0.73's offline plugin loads the "
    "iframe-worker shim from unpkg.com, and the bundle's vendored shim and host scan run as "
    "MkDocs plugins, which Zensical does not run"
)


def engine_python(engine: str) -> Path:
    python = ROOT / f".venv-{engine}" / "bin" / "python"
    if not python.is_file():
        pytest.fail(f"{python} missing: run 'make test', which installs every engine")
    return python


def run_engine(engine: str, *args: str, cwd: Path, site_url: str = "") -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLAYBOOK_PARALLEL": "false"}
    if site_url:
        env["PLAYBOOK_SITE_URL"] = site_url
    command = [str(engine_python(engine)), "-m", "scenario_playbook.publish.engines", *args, engine]
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="session", params=ENGINES)
def engine(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def engine_built(engine: str, request, tmp_path_factory) -> tuple[Path, int]:
    """The reader playbook built by ``engine`` (site folder, port it is meant to be served on)."""
    if engine == "mkdocs":  # the default engine's build, shared with the reader tests
        return request.getfixturevalue("reader_site"), request.getfixturevalue("reader_port")
    from helpers import free_port

    port = free_port()
    project = write_project(tmp_path_factory.mktemp(f"engine-{engine}"))
    site_url = f"http://127.0.0.1:{port}/"
    run_engine(engine, "build", "--site-dir", "site", cwd=project, site_url=site_url)
    return project / "site", port


@pytest.fixture(scope="session")
def engine_site(engine_built) -> Path:
    return engine_built[0]


@pytest.fixture(scope="session")
def engine_base(engine_built, engine: str, request):
    """The engine's site served on 127.0.0.1 (on the port its site_url names)."""
    if engine == "mkdocs":
        yield request.getfixturevalue("reader_base")
        return
    from browser import serve

    site, port = engine_built
    with serve(site, port) as base:
        yield base


def heading(tag) -> str:
    return tag.get_text(" ", strip=True).rstrip("¶").strip()


def test_every_scenario_page_is_there_with_its_sections(engine_site: Path):
    for data in scenarios():
        page = soup(engine_site / "scenarios" / data["id"] / "index.html")
        assert heading(page.find("h1")) == data["title"]
        sections = [heading(h) for h in page.select("article h2")]
        assert "The approach" in sections and "Checklist" in sections, sections
        boxes = page.select('.pb-checklist input[type="checkbox"]')
        assert len(boxes) == len(data["checklist"])
    assert (engine_site / "scenarios.json").is_file()
    assert (engine_site / "schema" / "scenario.schema.json").is_file()


def _target(site: Path, page: Path, href: str, site_url: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link of ``page`` points at; None for other hosts."""
    if href.startswith(site_url):
        href = "/" + href[len(site_url) :]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if parts.path.startswith("/"):
        path = site / unquote(parts.path.lstrip("/"))
    elif parts.path:
        path = page.parent / unquote(parts.path)
    else:
        path = page
    if path.is_dir() or parts.path.endswith("/"):
        path = path / "index.html"
    return path.resolve(), parts.fragment


def test_internal_links_resolve(engine_built):
    site, port = engine_built
    site_url = f"http://127.0.0.1:{port}/"
    broken: list[str] = []
    for page in sorted(site.rglob("*.html")):
        tree = soup(page)
        for a in tree.select("article a[href], nav a[href]"):
            found = _target(site, page, a["href"], site_url)
            if found is None:
                continue
            path, fragment = found
            if not path.is_file():
                broken.append(f"{page.relative_to(site)}: {a['href']}")
            elif fragment and soup(path).find(id=unquote(fragment)) is None:
                broken.append(f"{page.relative_to(site)}: {a['href']} (no #{fragment})")
    assert broken == []


@pytest.mark.browser
def test_checklist_ticks_persist_across_reload(engine_base: str, page):
    page.goto(engine_base + f"scenarios/{THIRD_CALL}/")
    page.get_by_label("Give them a direct line.").check()
    page.reload()
    assert page.get_by_label("Give them a direct line.").is_checked()
    assert not page.get_by_label("Fix it while they are on the line.").is_checked()
    assert page.locator("[data-pb-progress]").inner_text() == "1 of 5 done"
    saved = page.evaluate(f"localStorage.getItem('playbook:v1:checklist:{THIRD_CALL}')")
    assert "give-them-a-direct-line" in saved


@pytest.mark.browser
def test_a_decision_answers_on_click(engine_base: str, page):
    page.goto(engine_base + f"scenarios/{THIRD_CALL}/")
    answer = page.locator("section.pb-decision:visible .pb-answer")
    assert answer.inner_text() == ""
    choice = page.get_by_role("button", name="Apologise for the repeat calls.")
    choice.click()
    assert choice.get_attribute("aria-pressed") == "true"
    assert answer.locator(".pb-verdict").inner_text() == "Best choice"
    assert "They hear that you know." in answer.inner_text()


@pytest.mark.browser
def test_the_finder_filters(engine_base: str, page):
    page.goto(engine_base + "scenarios/")

    def shown() -> set[str]:
        items = page.locator("[data-pb-index] li:visible")
        return {items.nth(i).get_attribute("data-pb-id") for i in range(items.count())}

    assert shown() == {THIRD_CALL, QUIET_DEAL, CLIENT_REFERENCE}
    page.get_by_label("Salesperson").check()
    assert shown() == {QUIET_DEAL, CLIENT_REFERENCE}
    page.get_by_label("Words to look for").fill("stalled deal")
    assert shown() == {QUIET_DEAL}
    assert page.evaluate("location.search") == "?roles=salesperson&text=stalled+deal"


def search_hits(page, engine: str, words: str) -> list[str]:
    """Type ``words`` into the engine's own search box; the result links, in order."""
    if engine == "zensical":  # a search dialog opened by a button, results as a listbox
        page.get_by_role("button", name="Search").click()
        page.get_by_role("combobox").press_sequentially(words)
        # the list is redrawn after each key: read it whole, once it has settled
        options = page.get_by_role("listbox", name="Search results").get_by_role("option")
        return settled(page, options)
    box = page.get_by_role("textbox", name="Search")  # Material for MkDocs
    box.click()
    box.press_sequentially(words)
    page.locator(".md-search-result__meta").filter(has_text="matching document").wait_for()
    links = page.locator(".md-search-result__list > li.md-search-result__item > a")
    return settled(page, links)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("words", "ident", "first"),
    [
        ("stalled deal", QUIET_DEAL, True),  # in that scenario's keywords only
        # a keyword of one scenario, said in passing on another: Material ranks the keyword
        # first (the page's search boost); Zensical ignores the boost (ENGINES.md)
        ("runaround", THIRD_CALL, False),
    ],
)
def test_search_finds_a_scenario_by_a_keyword(engine_base, engine, page, words, ident, first):
    page.goto(engine_base)
    hits = [h for h in search_hits(page, engine, words) if "/scenarios/" in h]
    assert any(f"scenarios/{ident}/" in h for h in hits), hits
    if first or engine != "zensical":
        assert f"scenarios/{ident}/" in hits[0], hits


@pytest.fixture(scope="session")
def engine_dist(engine: str, tmp_path_factory) -> Path:
    """``make bundle ENGINE=engine`` on the reader playbook: its dist folder."""
    if engine == "mkdocs":
        pytest.skip("the default engine's bundle is tested in tests/test_bundle.py")
    project = write_project(tmp_path_factory.mktemp(f"bundle-{engine}"))
    run_engine(engine, "bundle", "--dist", "dist", cwd=project)
    return project / "dist"


@pytest.fixture(scope="session")
def bundle_unzipped(engine: str, engine_dist: Path) -> Path:
    """The engine's offline zip, unzipped."""
    if engine == "zensical":
        pytest.skip(ZENSICAL_NO_BUNDLE)
    (archive,) = engine_dist.glob("*.zip")
    out = engine_dist.parent / "unzipped"
    with zipfile.ZipFile(archive) as z:
        z.extractall(out)
    (top,) = out.iterdir()
    return top


def test_one_file_edition_is_written_and_self_contained(engine_dist: Path):
    from scenario_playbook.publish.bundle import bundle_names
    from scenario_playbook.publish.hostscan import scan_html

    page = engine_dist / bundle_names()[1]
    assert scan_html(page.read_text(encoding="utf-8")) == []
    tree = soup(page)
    assert not tree.find_all("script") and not tree.find_all("link")
    for data in scenarios():
        section = tree.find("section", id=f"scenarios-{data['id']}")
        assert section.h1.get_text() == data["title"]


@pytest.mark.browser
def test_offline_bundle_searches_from_file_with_zero_requests(bundle_unzipped: Path, browser):
    from scenario_playbook.publish.hostscan import scan_tree

    assert [p.text() for p in scan_tree(bundle_unzipped)] == []
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    try:
        page.goto((bundle_unzipped / "index.html").as_uri())
        page.click("input.md-search__input")
        page.keyboard.type("stalled deal")
        hit = page.locator(f'a.md-search-result__link[href*="scenarios/{QUIET_DEAL}.html"]')
        hit.first.wait_for(timeout=15_000)
        hit.first.click()
        page.wait_for_url(f"**/scenarios/{QUIET_DEAL}.html*")
        box = page.locator('.pb-checklist input[type="checkbox"]').first
        box.click()
        page.reload()
        assert box.is_checked()
        page.locator(".pb-choice-button").first.click()
        assert page.locator(".pb-answer .pb-feedback").first.is_visible()
    finally:
        context.close()
    assert any(u.endswith("search/search_index.js") for u in requests), requests
    assert [u for u in requests if u.split(":", 1)[0] not in ("file", "data", "blob")] == []
