"""Integration: build the real playbook with MkDocs and look at the HTML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import ROOT, build, dump, scenario, soup
from scenario_playbook.core.loader import load_folder

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def built(repo_site: Path) -> Path:
    return repo_site


@pytest.fixture(scope="module")
def playbook():
    pb = load_folder(ROOT / "scenarios", ROOT / "taxonomy.yml", base=ROOT)
    assert pb.ok, [p.text() for p in pb.problems]
    return pb


def test_every_scenario_has_a_page(built: Path, playbook):
    assert len(playbook.scenarios) >= 5
    for ident, s in playbook.scenarios.items():
        page = soup(built / "scenarios" / ident / "index.html")
        assert page.find("h1").get_text(strip=True) == s.title
        card = page.select_one(f'[data-pb-scenario="{ident}"]')
        assert card is not None
        headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in page.select("h2, h3")]
        for expected in (
            "The approach",
            "Checklist",
            "Pitfalls",
            "Background",
            "The situation",
            "What is at stake",
            "About this scenario",
            "Sources",
        ):
            assert expected in headings, (ident, headings)
        boxes = page.select('.pb-checklist input[type="checkbox"]')
        assert len(boxes) == len(s.checklist)
        assert all(b.get("data-pb-item") for b in boxes)
        options = page.select("details.pb-option")
        assert len(options) == sum(len(d.options) for d in s.decisions)
        assert page.select_one('meta[name="description"]')["content"] == s.summary


def test_index_lists_every_scenario_with_its_summary(built: Path, playbook):
    page = soup(built / "scenarios" / "index.html")
    items = {li["data-pb-id"]: li for li in page.select("[data-pb-index] li")}
    assert set(items) == set(playbook.scenarios)
    for ident, li in items.items():
        s = playbook.scenarios[ident]
        link = li.select_one("a.pb-index-title")
        assert link.get_text(strip=True) == s.title
        assert link["href"] == f"{ident}/"
        assert li.select_one(".pb-index-summary").get_text(strip=True) == s.summary
        assert li["data-family"] == s.family


def test_family_and_principle_pages_list_their_scenarios(built: Path, playbook):
    taxonomy = playbook.taxonomy
    for family in taxonomy.families:
        page = soup(built / "families" / family.id / "index.html")
        listed = {a["href"].split("/")[-2] for a in page.select("a.pb-index-title")}
        assert listed == {i for i, s in playbook.scenarios.items() if s.family == family.id}
    for principle in taxonomy.principles:
        page = soup(built / "principles" / principle.id / "index.html")
        listed = {a["href"].split("/")[-2] for a in page.select("a.pb-index-title")}
        expected = {i for i, s in playbook.scenarios.items() if principle.id in s.principles}
        assert listed == expected


def test_navigation_stays_small(built: Path, playbook):
    """Scenario pages are not listed one by one in the sidebar of every page."""
    page = soup(built / "index.html")
    nav_links = page.select("nav.md-nav--primary a.md-nav__link")
    assert len(nav_links) < 20
    hrefs = " ".join(a.get("href", "") for a in nav_links)
    for ident in playbook.scenarios:
        assert f"scenarios/{ident}/" not in hrefs


def test_search_index_holds_scenario_words(built: Path, playbook):
    index = json.loads((built / "search" / "search_index.json").read_text())
    text = " ".join(d["title"] + " " + d["text"] for d in index["docs"]).lower()
    for s in playbook.scenarios.values():
        for keyword in s.keywords[:3]:
            assert keyword.lower() in text


def test_search_leaves_out_the_scenario_index(built: Path, playbook):
    """The index repeats every title and summary; search answers with the scenario's page."""
    index = json.loads((built / "search" / "search_index.json").read_text())
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert "scenarios/" not in locations
    assert "tags/" not in locations  # the tags page: every title again, under each tag
    assert all(f"scenarios/{ident}/" in locations for ident in playbook.scenarios)


def test_contributor_text_never_becomes_live_html(project: Path):
    hostile = scenario(
        id="hostile",
        title="<script>alert('t')</script> {{ config.site_name }}",
        summary='<b onmouseover=alert(1)>hi</b> --8<-- "/etc/passwd"',
        situation="Click [here](javascript:alert(1)) <iframe src=//evil></iframe>\n\n"
        "{% include 'x' %}",
        tags=["safe"],
    )
    (project / "scenarios" / "hostile.yml").write_text(dump(hostile), encoding="utf-8")
    site = build(project)
    html = (site / "scenarios" / "hostile" / "index.html").read_text()
    page = soup(site / "scenarios" / "hostile" / "index.html")
    article = page.select_one("article")
    assert not article.find_all(["script", "iframe", "img"])
    assert not [a for a in article.find_all("a") if "javascript" in a.get("href", "")]
    assert not [t for t in article.find_all(True) if any(k.startswith("on") for k in t.attrs)]
    assert "<script>alert" not in html and "<b onmouseover" not in html
    assert "--8&lt;--" in html
    assert article.select_one(".pb-summary").get_text() == (
        '<b onmouseover=alert(1)>hi</b> --8<-- "/etc/passwd"'
    )
    assert page.find("h1").get_text() == "<script>alert('t')</script> {{ config.site_name }}"
    situation = article.select_one(".pb-situation").get_text()
    assert "<iframe src=//evil></iframe>" in situation
    assert "{% include 'x' %}" in situation


def test_problems_stop_the_build_with_one_error(project: Path, caplog):
    from mkdocs.exceptions import Abort

    broken = dump(scenario(id="broken")).replace("title:", "tilte:", 1)
    (project / "scenarios" / "broken.yml").write_text(broken, encoding="utf-8")
    with pytest.raises(Abort):
        build(project)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1
    assert errors[0].splitlines() == [
        "1 problem in the playbook:",
        "scenarios/broken.yml:2:1: unknown field 'tilte' (did you mean 'title'?)",
    ]


def _links(site: Path, page: Path) -> set[Path]:
    """Pages a reader reaches in one click from ``page`` (content links only)."""
    out = set()
    for a in soup(page).select("article a[href]"):
        href = a["href"].split("#")[0]
        if not href or "://" in href or href.startswith("mailto:"):
            continue
        target = (page.parent / href).resolve()
        target = target / "index.html" if target.is_dir() else target
        if target.is_file() and site.resolve() in target.parents:
            out.add(target)
    return out


def test_every_scenario_is_at_most_two_clicks_from_home(built: Path, playbook):
    home = (built / "index.html").resolve()
    one = _links(built, home)
    two = set().union(*(_links(built, p) for p in one))
    reached = one | two
    for ident in playbook.scenarios:
        assert (built / "scenarios" / ident / "index.html").resolve() in reached, ident


def test_principle_pages_explain_the_idea(built: Path, playbook):
    for principle in playbook.taxonomy.principles:
        page = soup(built / "principles" / principle.id / "index.html")
        paragraphs = page.select(".pb-term-description p")
        assert len(paragraphs) >= 2, principle.id
