"""The browser harness itself: Debian's Chromium opens a built page served on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from browser import serve


def test_scenario_index_opens_in_chromium(repo_site: Path, browser):
    with serve(repo_site) as base:
        page = browser.new_page()
        try:
            page.goto(base + "scenarios/")
            assert page.locator("[data-pb-index] li").count() >= 5
            assert page.title().startswith("All scenarios")
        finally:
            page.close()
