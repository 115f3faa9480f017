"""The scenario finder on the index page, in real Chromium: facet filters with counts, a text
filter, the state in the URL query (shareable), by keyboard, and from file:// too."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs

import pytest

from helpers import build
from reader_site import CLIENT_REFERENCE, QUIET_DEAL, THIRD_CALL, write_project


def shown(page) -> set[str]:
    items = page.locator("[data-pb-index] li:visible")
    return {items.nth(i).get_attribute("data-pb-id") for i in range(items.count())}


def count(page, facet: str, value: str) -> str:
    box = page.locator(f'input[name="{facet}"][value="{value}"]')
    return box.locator("xpath=..").locator("[data-pb-count]").inner_text()


def search(page) -> str:
    """The page's query string, read in the page (page.url follows replaceState a little later)."""
    return page.evaluate("location.search.slice(1)")


def query(page) -> dict[str, list[str]]:
    return parse_qs(search(page))


@pytest.fixture
def finder(page, reader_base):
    page.goto(reader_base + "scenarios/")
    return page


def test_facets_offer_every_field_with_counts(finder):
    legends = finder.locator(".pb-facet legend").all_inner_texts()
    assert legends == ["Family", "Role", "Stage", "Principle", "Tag"]
    assert shown(finder) == {THIRD_CALL, QUIET_DEAL, CLIENT_REFERENCE}
    assert count(finder, "roles", "salesperson") == "2"
    assert count(finder, "tags", "phone") == "2"
    assert count(finder, "family", "loyalty-tests") == "1"
    assert finder.locator("[data-pb-finder-status]").inner_text() == "Showing 3 of 3 scenarios."


def test_filters_combine_and_live_in_the_url(finder):
    finder.get_by_label("Salesperson").check()
    assert shown(finder) == {QUIET_DEAL, CLIENT_REFERENCE}
    assert query(finder) == {"roles": ["salesperson"]}
    # counts now say what each value would show alongside the role filter
    assert count(finder, "tags", "phone") == "1"
    assert count(finder, "roles", "service-rep") == "1"  # OR within a facet
    finder.get_by_label("Loyalty tests").check()
    assert shown(finder) == {QUIET_DEAL}
    assert search(finder) == "family=loyalty-tests&roles=salesperson"
    finder.get_by_label("Loyalty tests").uncheck()
    finder.get_by_label("Words to look for").fill("lost prospect")  # words in no title
    assert shown(finder) == set()
    assert finder.locator("[data-pb-finder-empty]").is_visible()
    finder.get_by_label("Words to look for").fill("INTERVIEW reference")
    assert shown(finder) == {CLIENT_REFERENCE}
    assert query(finder) == {"roles": ["salesperson"], "text": ["INTERVIEW reference"]}
    finder.get_by_role("button", name="Clear filters").click()
    assert shown(finder) == {THIRD_CALL, QUIET_DEAL, CLIENT_REFERENCE}
    assert search(finder) == ""


def test_the_text_filter_finds_keywords_and_tags(finder):
    finder.get_by_label("Words to look for").fill("stalled deal")
    assert shown(finder) == {QUIET_DEAL}
    finder.get_by_label("Words to look for").fill("repeat call")
    assert shown(finder) == {THIRD_CALL}


def test_a_shared_url_opens_the_filtered_view(page, reader_base):
    page.goto(reader_base + "scenarios/?family=loyalty-tests&roles=account-manager")
    assert shown(page) == {QUIET_DEAL}
    assert page.get_by_label("Loyalty tests").is_checked()
    assert page.get_by_label("Account manager").is_checked()
    page.goto(reader_base + "scenarios/?tags=repeat%20call&text=customer")
    assert shown(page) == {THIRD_CALL}
    assert page.get_by_label("Words to look for").input_value() == "customer"
    # values no scenario has are ignored, not an error
    page.goto(reader_base + "scenarios/?family=no-such-family")
    assert len(shown(page)) == 3


def test_finder_works_by_keyboard(finder):
    finder.get_by_label("Words to look for").focus()
    finder.keyboard.press("Tab")  # the first family
    assert finder.evaluate("document.activeElement.name") == "family"
    value = finder.evaluate("document.activeElement.value")
    finder.keyboard.press("Space")
    assert query(finder) == {"family": [value]}
    assert len(shown(finder)) == 1
    finder.get_by_role("button", name="Clear filters").focus()
    finder.keyboard.press("Enter")
    assert len(shown(finder)) == 3


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    """The same playbook built as the offline bundle builds it: no directory URLs."""
    project = write_project(tmp_path_factory.mktemp("offline-site"))
    return build(project, use_directory_urls=False)


def test_finder_works_from_file_urls(browser, offline_site: Path):
    context = browser.new_context()
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        url = (offline_site / "scenarios" / "index.html").as_uri()
        page.goto(url + "?roles=job-seeker")
        assert shown(page) == {CLIENT_REFERENCE}
        page.get_by_label("Interview").check()
        page.get_by_label("Job seeker").uncheck()
        assert search(page) == "stages=interview"
        page.reload()
        assert page.get_by_label("Interview").is_checked()
        assert shown(page) == {CLIENT_REFERENCE}
        page.get_by_role("button", name="Clear filters").click()
        page.locator("a.pb-index-title", has_text="third time").click()
        assert page.url.endswith(f"/scenarios/{THIRD_CALL}.html")
        page.get_by_label("Apologise for the repeat calls.").check()
        page.reload()
        assert page.locator("[data-pb-progress]").inner_text() == "1 of 5 done"
    finally:
        context.close()
    assert not errors, errors
