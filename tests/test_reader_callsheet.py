"""A scenario page built for the minutes before a call, in real Chromium: the brief above the
fold on a phone and a laptop, the page in the order of the call, lines to copy, the follow-up
as an e-mail draft, and call mode with the screen kept on."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from browser import serve
from reader_site import CALL_SHEET, THIRD_CALL

VIEWPORTS = [(390, 844), (1280, 900)]

#: A fake Screen Wake Lock that counts requests and releases (headless Chromium may refuse one).
WAKE_LOCK_SPY = """
window.pbWake = {requested: 0, released: 0};
Object.defineProperty(navigator, 'wakeLock', {configurable: true, value: {
  request: function (kind) {
    window.pbWake.requested += 1;
    var lock = new EventTarget();
    lock.release = function () { window.pbWake.released += 1; return Promise.resolve(); };
    return Promise.resolve(lock);
  }
}});
"""


@pytest.fixture(scope="module")
def repo_base(repo_site: Path):
    with serve(repo_site) as base:
        yield base


def scenario_ids(site: Path) -> list[str]:
    return sorted(p.parent.name for p in (site / "scenarios").glob("*/index.html"))


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_first_line_and_moves_are_above_the_fold_on_every_scenario_page(
    browser, repo_site, repo_base, width, height
):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    below = []
    try:
        for ident in scenario_ids(repo_site):
            page.goto(f"{repo_base}scenarios/{ident}/")
            for selector in (".pb-first-say", ".pb-moves", ".pb-to-checklist"):
                box = page.locator(selector).bounding_box()
                if box is None or box["y"] + box["height"] > height:
                    below.append((ident, selector, box and round(box["y"] + box["height"])))
    finally:
        context.close()
    assert below == []


def test_the_checklist_is_one_tap_away(page, reader_base):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{reader_base}scenarios/{THIRD_CALL}/")
    page.locator(".pb-to-checklist").click()
    first = page.locator('.pb-checklist input[type="checkbox"]').first
    first.wait_for()
    assert page.evaluate("location.hash") == "#checklist"
    box = first.bounding_box()
    assert box is not None and 0 <= box["y"] < 844


def test_the_page_follows_the_call(page, reader_base):
    page.goto(f"{reader_base}scenarios/{THIRD_CALL}/")
    headings = [h.strip("¶ \n") for h in page.locator("article h2").all_inner_texts()]
    assert headings[:7] == [
        "The approach",
        "Checklist",
        "If they say...",
        "Follow-up message",
        "Warning signs",
        "Pitfalls",
        "Practice: the decisions",
    ]
    assert headings.index("Background") < headings.index("Coaching notes")
    assert headings.index("Coaching notes") < headings.index("About this scenario")
    brief = page.locator(".pb-brief")
    assert brief.locator(".pb-first-say").inner_text().count("I'm sorry.") == 1
    moves = brief.locator(".pb-moves li").all_inner_texts()
    assert moves == ["Apologise first.", "Own the fix.", "Check for more."]
    words = len(brief.inner_text().split())
    assert words <= 120, words
    # the tags are shown at the bottom, not above the title
    assert not page.locator(".md-content .md-tags").first.is_visible()
    assert page.locator(".pb-about .pb-tag").all_inner_texts() == ["phone", "repeat call"]


def test_follow_up_marks_placeholders_and_opens_as_an_email_draft(page, reader_base):
    page.goto(f"{reader_base}scenarios/{THIRD_CALL}/")
    marks = page.locator(".pb-follow-up-body mark.pb-placeholder").all_inner_texts()
    assert marks == ["[first name]", "[your name]"]
    href = page.locator("a.pb-mailto").get_attribute("href")
    assert href is not None and href.startswith("mailto:?")
    query = parse_qs(urlsplit(href).query)
    follow_up = CALL_SHEET["follow_up"]
    assert query["subject"] == [follow_up["subject"]]
    assert query["body"] == [follow_up["body"].strip("\n").replace("\n", "\r\n")]


def test_copy_buttons_copy_each_line(browser, reader_base):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=reader_base[:-1])
    page = context.new_page()
    try:
        page.goto(f"{reader_base}scenarios/{THIRD_CALL}/")
        answer = page.locator(".pb-you-say").first
        answer.get_by_role("button", name="Copy this line").click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == CALL_SHEET["if_they_say"][0]["you_say"]
        assert answer.get_by_role("status").inner_text() == "Copied"
        page.locator(".pb-message").get_by_role("button", name="Copy the message").click()
        message = page.evaluate("navigator.clipboard.readText()")
        assert message.startswith("Hello [first name],") and message.endswith("[your name]")
        assert page.locator("[data-pb-copy]").count() == 3 + 2 + 1 + 1  # say, replies, mail, first
    finally:
        context.close()


def test_without_javascript_lines_are_plain_text_and_no_button_shows(browser, reader_base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{reader_base}scenarios/{THIRD_CALL}/")
        assert page.locator("[data-pb-copy]").count() == 0
        assert not page.locator("[data-pb-call-mode]").is_visible()
        assert page.locator(".pb-you-say .pb-line-text").first.is_visible()
    finally:
        context.close()


def test_call_mode_shows_only_what_is_said_and_ticked_and_keeps_the_screen_on(browser, reader_base):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(WAKE_LOCK_SPY)
    page = context.new_page()
    try:
        page.goto(f"{reader_base}scenarios/{THIRD_CALL}/")
        page.get_by_role("button", name="Call mode").click()
        assert page.evaluate("location.hash") == "#call"
        for shown in (".pb-approach .pb-say", ".pb-checklist-items", ".pb-if-they-say"):
            assert page.locator(shown).first.is_visible(), shown
        for hidden in (".md-header", ".pb-decisions", ".pb-situation", ".pb-why", ".pb-brief"):
            assert not page.locator(hidden).first.is_visible(), hidden
        page.wait_for_function("window.pbWake.requested === 1")
        big = page.locator(".pb-checklist-items label").first.bounding_box()
        assert big is not None and big["height"] >= 44
        # a tick in call mode is the same tick in the normal view, and is remembered
        page.get_by_label("Apologise for the repeat calls.").check()
        page.get_by_role("button", name="Leave call mode").click()
        page.wait_for_function("window.pbWake.released === 1")
        assert page.evaluate("location.hash") == ""
        assert page.locator(".pb-decisions").is_visible()
        assert page.get_by_label("Apologise for the repeat calls.").is_checked()
        # a reload of #call comes back in call mode with the tick
        page.goto(f"{reader_base}scenarios/{THIRD_CALL}/#call")
        expect(page.locator(".pb-decisions")).to_be_hidden()
        assert page.get_by_label("Apologise for the repeat calls.").is_checked()
        page.keyboard.press("Escape")
        expect(page.locator(".pb-decisions")).to_be_visible()
    finally:
        context.close()


def test_call_mode_without_a_wake_lock_api_still_works(page, reader_base):
    page.add_init_script("delete Navigator.prototype.wakeLock; delete navigator.wakeLock;")
    page.goto(f"{reader_base}scenarios/{THIRD_CALL}/")
    page.get_by_role("button", name="Call mode").click()
    assert page.locator(".pb-checklist-items").is_visible()
    assert not page.locator(".pb-decisions").is_visible()


def test_call_mode_is_accessible(page, reader_base):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{reader_base}scenarios/{THIRD_CALL}/#call")
    page.locator("[data-pb-call-exit]").wait_for()
    results = Axe().run(page)
    serious = [
        v["id"]
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]
    assert serious == []
