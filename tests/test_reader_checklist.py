"""Checklists that remember, in real Chromium: ticks persist per scenario and item, survive
reloads, show progress, reset, drop reworded items' ticks, and move between browsers as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader_site import QUIET_DEAL, THIRD_CALL

KEY = "playbook:v1:checklist:" + THIRD_CALL


@pytest.fixture
def checklist(page, reader_base):
    page.goto(reader_base + f"scenarios/{THIRD_CALL}/")
    return page


def stored(page, key: str = KEY):
    raw = page.evaluate("key => localStorage.getItem(key)", key)
    return None if raw is None else json.loads(raw)


def progress(page) -> str:
    return page.locator("[data-pb-progress]").inner_text()


def box(page, item: str):
    return page.locator(f'input[data-pb-item="{item}"]')


def test_each_item_is_a_labelled_checkbox(checklist):
    boxes = checklist.get_by_role("checkbox")
    assert boxes.count() == 5
    assert checklist.get_by_label("Give them a direct line.").get_attribute("data-pb-item") == (
        "give-them-a-direct-line"
    )


def test_ticks_persist_per_item_survive_reload_and_show_progress(checklist):
    assert progress(checklist) == "0 of 5 done"
    checklist.get_by_label("Apologise for the repeat calls.").check()
    checklist.get_by_label("Give them a direct line.").check()
    assert progress(checklist) == "2 of 5 done"
    saved = stored(checklist)
    assert set(saved) == {"apologise", "give-them-a-direct-line"}
    assert saved["apologise"] == box(checklist, "apologise").get_attribute("data-pb-hash")

    checklist.reload()
    assert box(checklist, "apologise").is_checked()
    assert box(checklist, "give-them-a-direct-line").is_checked()
    assert not box(checklist, "fix-it-while-they-are-on").is_checked()
    assert progress(checklist) == "2 of 5 done"

    checklist.get_by_label("Apologise for the repeat calls.").uncheck()
    assert set(stored(checklist)) == {"give-them-a-direct-line"}
    # another scenario's checklist is separate
    checklist.goto(checklist.url.replace(THIRD_CALL, QUIET_DEAL))
    assert progress(checklist) == "0 of 6 done"


def test_reset_clears_the_ticks(checklist):
    checklist.get_by_label("Apologise for the repeat calls.").check()
    checklist.get_by_role("button", name="Clear ticks").click()
    assert progress(checklist) == "0 of 5 done"
    assert stored(checklist) is None
    checklist.reload()
    assert not box(checklist, "apologise").is_checked()


def test_a_reworded_items_tick_is_dropped_and_flagged(checklist):
    current = box(checklist, "apologise").get_attribute("data-pb-hash")
    checklist.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [KEY, json.dumps({"apologise": "0123456789", "give-them-a-direct-line": "37decee365"})],
    )
    checklist.reload()
    assert not box(checklist, "apologise").is_checked()
    flagged = checklist.locator("li.pb-item-changed")
    assert flagged.count() == 1
    assert "reworded since you ticked it" in flagged.inner_text()
    assert box(checklist, "give-them-a-direct-line").is_checked()
    assert progress(checklist) == "1 of 5 done"
    assert stored(checklist) == {"give-them-a-direct-line": "37decee365"}
    # ticking it again takes the new wording and clears the flag
    box(checklist, "apologise").check()
    assert stored(checklist)["apologise"] == current
    assert checklist.locator("li.pb-item-changed").count() == 0


def test_progress_exports_and_imports_as_json(checklist, tmp_path: Path, browser, reader_base):
    checklist.get_by_label("Fix it while they are on the line.").check()
    with checklist.expect_download() as info:
        checklist.get_by_role("button", name="Export progress").click()
    download = info.value
    assert download.suggested_filename == "playbook-progress.json"
    exported = tmp_path / "progress.json"
    download.save_as(exported)
    data = json.loads(exported.read_text())
    assert data["format"] == "playbook-checklists" and data["version"] == 1
    assert data["checklists"] == {THIRD_CALL: {"fix-it-while-they-are-on": "3801a036c0"}}

    # another laptop: a fresh browser context with empty storage
    other = browser.new_context()
    try:
        page = other.new_page()
        page.goto(reader_base + f"scenarios/{THIRD_CALL}/")
        assert progress(page) == "0 of 5 done"
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Import progress").click()
        chooser.value.set_files(str(exported))
        page.locator("[data-pb-checklist-status]").filter(has_text="imported").wait_for()
        assert box(page, "fix-it-while-they-are-on").is_checked()
        assert progress(page) == "1 of 5 done"
        assert stored(page) == {"fix-it-while-they-are-on": "3801a036c0"}
    finally:
        other.close()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("not json", "it is not JSON"),
        ('{"format": "other", "version": 1, "checklists": {}}', "not a playbook progress file"),
        ('{"format": "playbook-checklists", "version": 2, "checklists": {}}', "version 2"),
        (
            '{"format": "playbook-checklists", "version": 1,'
            ' "checklists": {"third-call-fix": {"apologise": "<script>"}}}',
            'the entry for "third-call-fix" is malformed',
        ),
    ],
)
def test_a_bad_import_changes_nothing_and_says_why(checklist, tmp_path: Path, content, reason):
    checklist.get_by_label("Give them a direct line.").check()
    before = stored(checklist)
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    checklist.locator("[data-pb-import-file]").set_input_files(str(bad))
    status = checklist.locator("[data-pb-checklist-status]")
    status.filter(has_text="Nothing imported").wait_for()
    assert reason in status.inner_text()
    assert stored(checklist) == before
    assert progress(checklist) == "1 of 5 done"


def test_checklist_works_by_keyboard(checklist):
    first = box(checklist, "apologise")
    first.focus()
    checklist.keyboard.press("Space")
    assert first.is_checked()
    checklist.keyboard.press("Tab")
    assert checklist.evaluate("document.activeElement.dataset.pbItem") == (
        "read-back-the-problem-in-their"
    )
    checklist.keyboard.press("Space")
    assert progress(checklist) == "2 of 5 done"
    assert set(stored(checklist)) == {"apologise", "read-back-the-problem-in-their"}
