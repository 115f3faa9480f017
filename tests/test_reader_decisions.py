"""Decision points in real Chromium: readable without JavaScript, answering with it, and a
stepper that follows each option's ``next`` with Back and Start again."""

from __future__ import annotations

import pytest

from reader_site import CLIENT_REFERENCE, THIRD_CALL


@pytest.fixture
def decisions(page, reader_base):
    page.goto(reader_base + f"scenarios/{THIRD_CALL}/")
    return page


def current(page) -> str:
    visible = page.locator("section.pb-decision:visible")
    assert visible.count() == 1
    return visible.get_attribute("data-pb-decision")


def answer(page):
    return page.locator("section.pb-decision:visible .pb-answer")


def test_without_javascript_every_option_and_its_feedback_is_readable(browser, reader_base):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(reader_base + f"scenarios/{THIRD_CALL}/")
        options = page.locator("details.pb-option")
        assert options.count() == 4
        assert page.locator("section.pb-decision:visible").count() == 2
        assert page.get_by_role("button").count() == 0  # no controls that need scripts
        for i in range(options.count()):
            option = options.nth(i)
            option.locator("summary").click()
            assert option.locator(".pb-verdict").is_visible()
            assert option.locator(".pb-feedback").is_visible()
        assert "Loop four." in options.filter(has_text="Transfer them.").inner_text()
    finally:
        context.close()


def test_feedback_stays_hidden_until_an_option_is_picked(decisions):
    assert current(decisions) == "first-words"
    assert decisions.locator("details.pb-option:visible").count() == 0
    assert not decisions.get_by_text("They hear that you know.").is_visible()
    assert answer(decisions).inner_text() == ""
    choice = decisions.get_by_role("button", name="Apologise for the repeat calls.")
    choice.click()
    assert choice.get_attribute("aria-pressed") == "true"
    assert answer(decisions).locator(".pb-verdict").inner_text() == "Best choice"
    assert "They hear that you know." in answer(decisions).inner_text()
    assert not decisions.get_by_text("They hear: start again.").is_visible()
    # changing your mind shows the other option's feedback instead
    decisions.get_by_role("button", name="Ask for the account number.").click()
    assert answer(decisions).locator(".pb-verdict").inner_text() == "Poor choice"
    assert choice.get_attribute("aria-pressed") == "false"


def test_the_stepper_walks_on_back_and_restarts(decisions):
    decisions.get_by_role("button", name="Apologise for the repeat calls.").click()
    decisions.get_by_role("button", name="Next decision").click()
    assert current(decisions) == "ownership"
    assert decisions.evaluate("document.activeElement.id") == "pb-prompt-ownership"
    assert answer(decisions).inner_text() == ""
    decisions.get_by_role("button", name="Transfer them.").click()
    assert "Loop four." in answer(decisions).inner_text()
    assert decisions.get_by_text("End of the decisions.").is_visible()

    decisions.get_by_role("button", name="Back").click()
    assert current(decisions) == "first-words"
    assert "They hear that you know." in answer(decisions).inner_text()  # the choice is kept

    decisions.get_by_role("button", name="Next decision").click()
    decisions.get_by_role("button", name="Start again").click()
    assert current(decisions) == "first-words"
    assert answer(decisions).inner_text() == ""
    assert decisions.get_by_role("button", name="Back").count() == 0


def test_a_single_decision_ends_without_a_next_step(page, reader_base):
    page.goto(reader_base + f"scenarios/{CLIENT_REFERENCE}/")
    page.get_by_role("button", name="A lost prospect.").click()
    assert "Safe." in answer(page).inner_text()
    assert page.get_by_role("button", name="Next decision").count() == 0
    assert page.get_by_text("End of the decisions.").is_visible()


def tab_to(page, text: str, limit: int = 6) -> None:
    """Press Tab until the focused element's text is ``text``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == text:
            return
    raise AssertionError(f"Tab never reached {text!r}")


def test_decisions_work_by_keyboard(decisions):
    decisions.locator("section.pb-decision:visible .pb-prompt").focus()
    tab_to(decisions, "Apologise for the repeat calls.")
    decisions.keyboard.press("Enter")
    assert answer(decisions).locator(".pb-verdict").inner_text() == "Best choice"
    tab_to(decisions, "Next decision")
    decisions.keyboard.press("Space")
    assert current(decisions) == "ownership"
    assert decisions.evaluate("document.activeElement.id") == "pb-prompt-ownership"
    tab_to(decisions, "You do, now.")
    decisions.keyboard.press("Enter")
    assert answer(decisions).locator(".pb-verdict").inner_text() == "Best choice"
    assert "It ends here." in answer(decisions).inner_text()


def test_instant_navigation_binds_each_page_once(decisions, reader_base):
    """Material swaps pages without reload; coming back must not add a second set of controls."""
    decisions.evaluate("window.pbSamePage = true")
    decisions.locator(".pb-meta a").first.click()  # to the family page, instantly
    decisions.wait_for_url("**/families/service-recovery/")
    decisions.go_back()
    decisions.wait_for_url(f"**/scenarios/{THIRD_CALL}/")
    decisions.locator(".pb-choice-button").first.wait_for()
    assert decisions.locator(".pb-choice-button").count() == 4
    assert decisions.locator(".pb-stepper").count() == 2
    assert decisions.locator("[data-pb-progress]").inner_text() == "0 of 5 done"
    assert decisions.evaluate("window.pbSamePage") is True  # no reload happened
