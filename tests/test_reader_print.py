"""Printing a scenario in real Chromium gives a clean card in the page's order: the brief, the
approach, the checklist with empty boxes, what they may say and the warning signs; no site
chrome, on one or two pages; a visible Print button starts it."""

from __future__ import annotations

import re

import pytest

from reader_site import QUIET_DEAL, THIRD_CALL

CHROME = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"]
ON_THE_CARD = [
    "h1",
    ".pb-summary",
    ".pb-first-say",
    ".pb-approach",
    ".pb-checklist-items",
    ".pb-if-they-say",
    ".pb-warning-signs",
]
OFF_THE_CARD = [
    ".md-search",
    ".pb-moves",
    ".pb-follow-up",
    ".pb-decisions",
    ".pb-situation",
    ".pb-coaching",
    ".pb-sources",
    ".pb-pitfalls",
    ".pb-print",
    ".pb-copy",
    ".md-tags",
]


@pytest.fixture
def scenario_page(page, reader_base):
    page.goto(reader_base + f"scenarios/{THIRD_CALL}/")
    return page


def test_print_button_is_visible_and_prints(scenario_page):
    button = scenario_page.get_by_role("button", name="Print this card")
    assert button.is_visible()
    # a headless print has no dialog to see: count the calls instead
    scenario_page.evaluate(
        "() => { window.print = () => { window.pbPrinted = (window.pbPrinted || 0) + 1 } }"
    )
    button.click()
    assert scenario_page.evaluate("window.pbPrinted") == 1


def test_printed_card_has_the_essentials_and_no_site_chrome(scenario_page):
    scenario_page.get_by_label("Apologise for the repeat calls.").check()
    scenario_page.emulate_media(media="print")
    for selector in ON_THE_CARD:
        assert scenario_page.locator(selector).first.is_visible(), selector
    for selector in CHROME + OFF_THE_CARD:
        assert not scenario_page.locator(selector).first.is_visible(), selector
    headings = scenario_page.locator("h2:visible").all_inner_texts()
    assert [h.strip("¶ \n") for h in headings] == [
        "The approach",
        "Checklist",
        "If they say...",
        "Warning signs",
    ]
    # boxes print empty, even the ticked one
    ticked = scenario_page.locator('input[data-pb-item="apologise"]')
    assert ticked.is_checked()
    assert ticked.evaluate("el => getComputedStyle(el).appearance") == "none"
    assert scenario_page.locator('input[type="checkbox"]:visible').count() == 5


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


@pytest.mark.parametrize("ident", [THIRD_CALL, QUIET_DEAL])
def test_a_card_prints_on_one_or_two_pages(page, reader_base, ident):
    page.goto(reader_base + f"scenarios/{ident}/")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert 1 <= pdf_pages(pdf) <= 2
    # the counting is real: the same card with tall checklist items takes more pages
    page.add_style_tag(content=".pb-checklist-items li { min-height: 100mm; }")
    assert pdf_pages(page.pdf(format="A4")) >= 3
