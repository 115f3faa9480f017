"""Accessibility in real Chromium: axe-core (bundled by the axe-playwright-python package) finds
no serious or critical violation on the home page, the finder and a scenario page, with the
page's enhancements running and after a reader has used them."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser import serve
from reader_site import THIRD_CALL

SEVERE = {"serious", "critical"}


def severe_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in SEVERE
    ]


@pytest.mark.parametrize("path", ["", "scenarios/", f"scenarios/{THIRD_CALL}/"])
def test_no_serious_violations(page, reader_base, path):
    page.goto(reader_base + path)
    page.locator(".md-search[aria-label]").wait_for(state="attached")  # enhancements ran
    assert severe_violations(page) == []


def test_no_serious_violations_once_used(page, reader_base):
    page.goto(reader_base + f"scenarios/{THIRD_CALL}/")
    page.get_by_role("button", name="Apologise for the repeat calls.").click()
    page.get_by_label("Give them a direct line.").check()
    assert severe_violations(page) == []
    page.goto(reader_base + "scenarios/?roles=salesperson&text=zzz")
    assert page.locator("[data-pb-finder-empty]").is_visible()
    assert severe_violations(page) == []


def test_no_serious_violations_on_the_repos_own_pages(page, repo_site: Path):
    """The same check on the real content: its home page, finder and a long scenario page."""
    longest = max(
        (repo_site / "scenarios").glob("*/index.html"), key=lambda p: p.stat().st_size
    ).parent.name
    with serve(repo_site) as base:
        for path in ("", "scenarios/", f"scenarios/{longest}/"):
            page.goto(base + path)
            page.locator(".md-search[aria-label]").wait_for(state="attached")
            assert severe_violations(page) == [], path
