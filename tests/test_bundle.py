"""``playbook bundle``: the offline zip opened from file:// in Chromium, the static host scan of
the zip and of the one-file edition, and a bundle refused for an external image."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from helpers import copy_project, soup
from scenario_playbook.adapter.offline import SHIM, SHIM_SRC, WORKER_SRC
from scenario_playbook.adapter.project import ProjectError, load_project
from scenario_playbook.publish.bundle import bundle_names, make_bundle
from scenario_playbook.publish.hostscan import scan_html, scan_tree

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def bundle_project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("bundle") / "project")


@pytest.fixture(scope="module")
def playbook(bundle_project: Path):
    """The playbook the bundle is made of, loaded as the CLI loads it."""
    return load_project(bundle_project / "mkdocs.yml").playbook


@pytest.fixture(scope="module")
def bundled(bundle_project: Path) -> tuple[Path, Path]:
    return make_bundle(bundle_project / "mkdocs.yml", bundle_project / "dist")


@pytest.fixture(scope="module")
def unzipped(bundled, tmp_path_factory) -> Path:
    archive, _ = bundled
    out = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(archive) as z:
        z.extractall(out)
    (top,) = out.iterdir()
    return top


def test_bundle_files_are_named_by_project_and_version(bundled):
    archive, page = bundled
    from importlib.metadata import version

    release = version("scenario-playbook")
    assert archive.name == f"scenario-playbook-offline-{release}.zip"
    assert page.name == f"scenario-playbook-{release}.html"
    assert (archive.name, page.name) == bundle_names()
    assert archive.parent.name == "dist" and page.is_file()


def test_zip_holds_every_page_the_search_index_and_the_vendored_shim(unzipped: Path, playbook):
    assert unzipped.name == bundle_names()[0].removesuffix(".zip")
    for ident in playbook.scenarios:
        assert (unzipped / "scenarios" / f"{ident}.html").is_file()
    assert (unzipped / "search" / "search_index.js").read_text().startswith("var __index = ")
    assert (unzipped / SHIM_SRC).read_bytes() == SHIM.read_bytes()
    page = soup(unzipped / "index.html")
    scripts = [s["src"] for s in page.find_all("script", src=True)]
    assert "assets/vendor/iframe-worker/shim.js" in scripts


def test_pages_carry_materials_search_worker_just_before_the_shim(unzipped: Path):
    for html in (unzipped / "index.html", unzipped / "scenarios" / "index.html"):
        scripts = [s["src"] for s in soup(html).find_all("script", src=True)]
        prefix = "../" if html.parent.name == "scenarios" else ""
        at = scripts.index(prefix + WORKER_SRC)
        assert scripts[at + 1] == prefix + SHIM_SRC
        assert scripts[at + 2].startswith(prefix + "assets/javascripts/bundle.")
    (worker,) = (unzipped / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    script = (unzipped / WORKER_SRC).read_text(encoding="utf-8")
    found = re.search(r'^  var worker = new URL\(("[^"]+"), ', script, re.M)
    assert found and json.loads(found.group(1)) == f"../javascripts/workers/{worker.name}"
    found = re.search(r"^  var source = (.*);$", script, re.M)
    assert found and json.loads(found.group(1)) == worker.read_text(encoding="utf-8")


def test_static_scan_finds_no_load_from_another_host(unzipped: Path):
    assert [p.text() for p in scan_tree(unzipped)] == []
    for html in unzipped.rglob("*.html"):
        page = soup(html)
        for tag in page.find_all(["script", "img", "iframe"], src=True):
            assert "//" not in tag["src"], (html, tag)
        for tag in page.find_all("link", rel="stylesheet"):
            assert "//" not in tag["href"], (html, tag)


def test_bundle_works_from_file_with_zero_network_requests(unzipped: Path, browser, playbook):
    ident = (
        "reference-dilemma"
        if "reference-dilemma" in playbook.scenarios
        else min(playbook.scenarios)
    )
    scenario = playbook.scenarios[ident]
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    try:
        page.goto((unzipped / "index.html").as_uri())
        page.click("input.md-search__input")
        page.keyboard.type(scenario.title)
        hit = page.locator(f'a.md-search-result__link[href*="scenarios/{ident}.html"]').first
        hit.wait_for(timeout=15_000)
        hit.click()
        page.wait_for_url(f"**/scenarios/{ident}.html*")
        assert page.locator("h1").first.inner_text() == scenario.title
        box = page.locator('.pb-checklist input[type="checkbox"]').first
        assert not box.is_checked()
        box.click()
        assert box.is_checked()
        page.locator(".pb-choice-button").first.click()
        assert page.locator(".pb-answer .pb-feedback").first.is_visible()
        # a line copies, and call mode works from disk with the same ticks
        page.locator(".pb-say [data-pb-copy]").first.click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.strip() and copied.strip() in page.locator(".pb-say").first.inner_text()
        page.get_by_role("button", name="Call mode").click()
        assert page.locator(".pb-checklist-items").is_visible()
        assert not page.locator(".pb-decisions").is_visible()
        assert page.locator('.pb-checklist input[type="checkbox"]').first.is_checked()
        page.get_by_role("button", name="Leave call mode").click()
        assert page.locator(".pb-decisions").is_visible()
    finally:
        context.close()
    assert any(u.endswith("search/search_index.js") for u in requests), requests
    assert [u for u in requests if u.split(":", 1)[0] not in ("file", "data", "blob")] == []


def test_one_file_edition_is_self_contained_with_contents(bundled, playbook):
    _, path = bundled
    text = path.read_text(encoding="utf-8")
    assert scan_html(text) == []
    page = soup(path)
    assert not page.find_all("script") and not page.find_all("link")
    assert not page.find_all(["img", "iframe", "object", "embed"])
    assert "pb-checklist" in page.style.get_text()
    toc = {a["href"][1:]: a.get_text() for a in page.select("#contents a")}
    ids = {tag["id"] for tag in page.find_all(id=True)}
    for a in page.find_all("a", href=True):
        if a["href"].startswith("mailto:?"):  # a follow-up message as an e-mail draft
            continue
        assert a["href"].startswith("#") and a["href"][1:] in ids, a
    for ident, s in playbook.scenarios.items():
        anchor = f"scenarios-{ident}"
        assert toc[anchor] == s.title
        section = page.find("section", id=anchor)
        assert section.h1.get_text() == s.title
        assert len(section.select('.pb-checklist input[type="checkbox"]')) == len(s.checklist)
    for family in playbook.taxonomy.families:
        assert toc[f"families-{family.id}"] == family.title
    # the simple equivalent of the situation finder: every scenario with the words people type
    finder = page.find("section", id="situations")
    listed = {a["href"][1:]: a.get_text() for a in finder.select("li > a")}
    assert listed == {f"scenarios-{i}": s.title for i, s in playbook.scenarios.items()}
    for ident, s in playbook.scenarios.items():
        item = finder.find("a", href=f"#scenarios-{ident}").parent
        assert all(word in item.get_text() for word in s.keywords)


def test_bundle_refuses_a_load_from_another_host_and_writes_nothing(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    home = project / "playbook" / "index.md"
    home.write_text(
        home.read_text(encoding="utf-8") + "\n\n![logo](https://cdn.example.com/logo.png)\n",
        encoding="utf-8",
    )
    with pytest.raises(ProjectError) as info:
        make_bundle(project / "mkdocs.yml", project / "dist")
    message = str(info.value)
    assert message.startswith("the offline bundle would load from other hosts; nothing written")
    lines = message.splitlines()[1:]
    assert lines and all(line.startswith("index.html:") for line in lines), lines
    assert lines[0].endswith(": loads from another host: https://cdn.example.com/logo.png")
    assert not (project / "dist").exists()


def test_situation_finder_works_from_file_with_zero_network_requests(unzipped: Path, browser):
    from search_helpers import shown, type_query

    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    try:
        page.goto((unzipped / "scenarios" / "index.html").as_uri())
        type_query(page, "a customer was billed two times")
        ids, no_close = shown(page)
        assert "billing-error-customer-found-first" in ids[:3] and not no_close
        type_query(page, "pension contributions for a small company")
        assert page.locator("[data-no-close-match]").is_visible()
        type_query(page, "member on hold for an hour bounced between teams")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        page.wait_for_url("**/scenarios/phone-loop-recovery.html")
    finally:
        context.close()
    assert [u for u in requests if u.split(":", 1)[0] not in ("file", "data", "blob")] == []


def _search_from_file(page, unzipped: Path, playbook) -> None:
    ident = min(playbook.scenarios)
    page.goto((unzipped / "index.html").as_uri())
    page.click("input.md-search__input")
    page.keyboard.type(playbook.scenarios[ident].title)
    hit = page.locator(f'a.md-search-result__link[href*="scenarios/{ident}.html"]')
    hit.first.wait_for(timeout=15_000)


def test_bundle_searches_in_a_web_worker_off_the_pages_thread(unzipped: Path, page, playbook):
    _search_from_file(page, unzipped, playbook)
    assert [w.url.split(":", 1)[0] for w in page.workers] == ["blob"]
    assert page.locator("iframe").count() == 0  # iframe-worker's frame: never made


def test_bundle_searches_through_iframe_worker_without_blob_workers(unzipped: Path, page, playbook):
    page.add_init_script("URL.createObjectURL = () => { throw new Error('no blob: URLs'); };")
    _search_from_file(page, unzipped, playbook)
    assert page.workers == []
    assert page.locator("iframe[hidden]").count() == 1
