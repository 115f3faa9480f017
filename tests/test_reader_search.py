"""Search that finds the situation: Material's search, in real Chromium, lists a scenario first
for its title, its keywords and its checklist words, above pages that mention them in passing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser import settled
from reader_site import CLIENT_REFERENCE, QUIET_DEAL, THIRD_CALL


def search_results(page, words: str) -> list[str]:
    """Type ``words`` into Material's search as a reader would; the result pages, in order."""
    box = page.get_by_role("textbox", name="Search")
    box.click()
    box.press_sequentially(words)
    # the search runs in a web worker and answers after each key: wait for an answer, then
    # read the whole list at once when two reads agree (it may still be redrawn meanwhile)
    page.locator(".md-search-result__meta").filter(has_text="matching document").wait_for()
    links = page.locator(".md-search-result__list > li.md-search-result__item > a")
    hrefs = settled(page, links)
    return [h.split("/scenarios/")[-1].split("/")[0] if "/scenarios/" in h else h for h in hrefs]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("runaround", THIRD_CALL),  # a keyword, also said in passing on another scenario
        ("customer calls back", THIRD_CALL),  # its title, also quoted on another scenario
        ("stalled deal", QUIET_DEAL),  # a keyword only
        ("direct line", THIRD_CALL),  # checklist words
        ("reference from a client", CLIENT_REFERENCE),
    ],
)
def test_search_lists_the_scenario_first(page, reader_base, words, expected):
    page.goto(reader_base)
    results = search_results(page, words)
    assert results, words
    assert results[0] == expected, results


def test_scenario_pages_give_search_their_words_and_no_button_labels(reader_site: Path):
    index = json.loads((reader_site / "search" / "search_index.json").read_text())
    docs = {d["location"]: d for d in index["docs"]}
    top = docs[f"scenarios/{THIRD_CALL}/"]
    assert top["title"] == "A customer calls back for the third time"
    assert "The customer has explained the problem twice already." in top["text"]  # brief
    about = docs[f"scenarios/{THIRD_CALL}/#about-this-scenario"]
    assert "Make this the last call." in about["text"]  # the whole summary
    assert "third call, runaround" in top["text"]  # keywords, in the page's own entry
    assert top["boost"] == 2
    checklist = docs[f"scenarios/{THIRD_CALL}/#checklist"]["text"]
    assert "Give them a direct line." in checklist
    everything = json.dumps(index["docs"])
    for label in ("Print this card", "Export progress", "Clear filters", "Words to look for"):
        assert label not in everything
