"""The fields a rep uses during and after a call: the page helpers as pure functions, and each
new field's round trip from YAML to the page, scenarios.json and the JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, soup
from reader_site import CALL_SHEET, THIRD_CALL
from scenario_playbook import callsheet
from scenario_playbook.model import Decision, FollowUp


def decision(*choices: str) -> Decision:
    options = [
        {"choice": c, "verdict": "best" if i == 0 else "poor", "feedback": "Because."}
        for i, c in enumerate(choices)
    ]
    return Decision.model_validate({"id": "d", "prompt": "What now?", "options": options})


def test_first_sentence():
    assert callsheet.first_sentence("One. Two.") == "One."
    assert callsheet.first_sentence("Call at 2.5 hours, e.g. today. Then.") == (
        "Call at 2.5 hours, e.g. today."
    )
    assert callsheet.first_sentence('She said "No." Then left.') == 'She said "No."'
    assert callsheet.first_sentence("Only one sentence") == "Only one sentence"


def test_option_order_is_fixed_by_content_not_by_file_order():
    a = decision("Apologise.", "Ask for the number.", "Transfer them.")
    b = Decision.model_validate(
        {**a.model_dump(), "options": list(reversed(a.model_dump()["options"]))}
    )
    shown_a = [o.choice for _, o in callsheet.option_order("s", a)]
    shown_b = [o.choice for _, o in callsheet.option_order("s", b)]
    assert shown_a == shown_b
    assert sorted(shown_a) == sorted(o.choice for o in a.options)
    # positions are the file's, from 1
    assert sorted(i for i, _ in callsheet.option_order("s", a)) == [1, 2, 3]


def test_the_best_option_is_not_always_shown_first():
    """Over many decisions the shuffle puts the best option everywhere."""
    places = set()
    for n in range(40):
        d = decision(f"Best choice {n}.", f"Other {n}.", f"Third {n}.")
        order = [o.verdict for _, o in callsheet.option_order(f"scenario-{n}", d)]
        places.add(order.index("best"))
    assert places == {0, 1, 2}


def test_best_is_longest():
    assert callsheet.best_is_longest(decision("The longest choice of all.", "Short.", "Mid one."))
    assert not callsheet.best_is_longest(decision("Short.", "A much longer tempting choice."))
    assert not callsheet.best_is_longest(decision("Same.", "Same."))


@given(st.text(max_size=300))
def test_a_message_never_holds_live_html(body):
    html = str(callsheet.message_html(body or "x"))
    parsed = BeautifulSoup(f"<div>{html}</div>", "html.parser")
    assert {tag.name for tag in parsed.div.find_all(True)} <= {"br", "mark"}
    assert "\n" not in html and "{" not in html and "`" not in html


def test_a_message_marks_placeholders_and_keeps_line_breaks():
    html = str(callsheet.message_html("Hi [first name],\n\n<b>[x</b>] [your name]"))
    assert html == (
        'Hi <mark class="pb-placeholder">[first name]</mark>,<br><br>'
        '&lt;b&gt;<mark class="pb-placeholder">[x&lt;/b&gt;]</mark> '
        '<mark class="pb-placeholder">[your name]</mark>'
    )


def test_mailto_only_for_email():
    email = FollowUp(channel="email", subject="Re: a & b", body="Line one\nLine two")
    assert callsheet.mailto(email) == (
        "mailto:?subject=Re%3A%20a%20%26%20b&body=Line%20one%0D%0ALine%20two"
    )
    assert callsheet.mailto(FollowUp(channel="voicemail", body="Hello")) is None


@pytest.mark.build
def test_every_new_field_reaches_the_page_the_export_and_the_schema(reader_site: Path):
    page = soup(reader_site / "scenarios" / THIRD_CALL / "index.html")
    replies = page.select(".pb-if-they-say dt")
    assert [r.get_text() for r in replies] == [r["they_say"] for r in CALL_SHEET["if_they_say"]]
    answers = [a.get_text() for a in page.select(".pb-you-say .pb-line-text")]
    assert answers == [r["you_say"] for r in CALL_SHEET["if_they_say"]]
    assert (
        page.select_one(".pb-follow-up-subject").get_text() == (CALL_SHEET["follow_up"]["subject"])
    )
    assert [w.get_text() for w in page.select(".pb-warning-signs .pb-sign")] == [
        w["sign"] for w in CALL_SHEET["warning_signs"]
    ]
    role_play = CALL_SHEET["coaching"]["role_play"]
    assert len(page.select(".pb-role-play-roles li")) == len(role_play["roles"])
    assert "They cancel anyway." in page.select_one(".pb-goes-badly").get_text()

    exported = json.loads((reader_site / "scenarios.json").read_text())
    (mine,) = [s for s in exported["scenarios"] if s["id"] == THIRD_CALL]
    for field, value in CALL_SHEET.items():
        assert mine[field] == value, field

    import jsonschema

    schema = json.loads((ROOT / "schema" / "scenario.schema.json").read_text())
    jsonschema.validate({k: v for k, v in mine.items() if v is not None}, schema)
