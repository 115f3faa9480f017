"""A small, known playbook for the browser tests of the reader's experience.

Three scenarios built from ``conftest.scenario()`` over the repo's taxonomy and site pages, so
the tests know exactly which facets, keywords, decisions and checklist items exist, whatever
state the repo's own content is in.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from conftest import ROOT, copy_project, dump, scenario

THIRD_CALL = "third-call-fix"
QUIET_DEAL = "quiet-deal-small-tests"
CLIENT_REFERENCE = "reference-from-a-client"


#: The optional fields a rep uses during and after the call, on the third-call scenario.
CALL_SHEET: dict[str, Any] = {
    "if_they_say": [
        {
            "they_say": "I've explained this three times already.",
            "you_say": "You shouldn't have had to. I have the notes, so you won't need to again.",
            "why": "It names what really hurts: **being ignored**.",
        },
        {
            "they_say": "Just cancel my membership.",
            "you_say": "I can do that. Can I fix the card first, so you can decide without it?",
            "why": "It respects the no and offers one thing they still want.",
        },
    ],
    "follow_up": {
        "channel": "email",
        "subject": "Your membership card: fixed, reference [case number]",
        "body": "Hello [first name],\n\nThank you for staying on the line today.\n"
        "Your new card is on its way.\n\n[your name]\n",
    },
    "warning_signs": [
        {"sign": "They repeat the same sentence, louder.", "do": "Stop and say it back."},
    ],
    "coaching": {
        "listen_for": ["An apology for the wait before any question."],
        "role_play": {
            "roles": [
                {"who": "The customer", "brief": "Third call, tired, mentions cancelling."},
                {"who": "The rep", "brief": "Owns the fix from the first sentence."},
            ],
            "setup": "The call has just been transferred to you.",
            "success_looks_like": ["An apology and a plan inside a minute."],
        },
    },
    "if_it_goes_badly": {
        "what_happens": "They cancel anyway.",
        "what_next": "Make the cancellation easy and thank them.",
    },
}


def scenarios() -> list[dict[str, Any]]:
    third_call = scenario(id=THIRD_CALL, tags=["phone", "repeat call"], **CALL_SHEET)
    quiet_deal = scenario(
        id=QUIET_DEAL,
        title="The long deal that keeps testing you",
        family="loyalty-tests",
        summary="A buyer on a year-long sale throws you small tests. Pass them calmly.",
        roles=["account-manager", "salesperson"],
        stages=["negotiating"],
        principles=["two-sided-loyalty", "reliability"],
        tags=["long sale"],
        keywords=["stalled deal", "gone quiet"],
        # passing mentions of the other scenario's title and keyword
        situation="Unlike when a customer calls back for the third time, nobody is angry: "
        "this buyer just tests you. It is no runaround.",
        checklist=[
            {"text": "Send the document when you said you would."},
            {"text": "Own your mistake in one sentence."},
            {"text": "Ask what would make the next step easy."},
            {"text": "Note each small test and how you handled it."},
            {"text": "Follow up on the date you promised."},
            {"text": "Tell them about updates before they ask."},
        ],
    )
    reference = scenario(
        id=CLIENT_REFERENCE,
        title="A hiring manager asks for a reference from a client",
        family="reference-dilemmas",
        summary="The last step of an interview puts your current clients at risk.",
        roles=["job-seeker", "salesperson"],
        stages=["interview"],
        principles=["every-partys-viewpoint"],
        tags=["phone", "career move"],
        keywords=["client reference", "job interview reference"],
        checklist=[
            {"text": "List who else could speak for your work."},
            {"text": "Ask for a confidential conversation first."},
            {"text": "Ask for the reference only once they agree."},
            {"text": "Tell the hiring manager why this reference."},
            {"text": "Keep your current clients out of it."},
        ],
        decisions=[
            {
                "id": "who-to-ask",
                "prompt": "Whom do you ask?",
                "options": [
                    {"choice": "A current client.", "verdict": "poor", "feedback": "Risky."},
                    {"choice": "A lost prospect.", "verdict": "best", "feedback": "Safe."},
                ],
            }
        ],
    )
    return [third_call, quiet_deal, reference]


HOME = """# Sales & Service Playbook

Worked scenarios for hard conversations. Start with [all scenarios](scenarios/index.md).
"""
USING = """# Using a scenario

Read the situation, try the decisions, carry the checklist.
"""


def write_project(folder: Path) -> Path:
    """The repo's configuration and hand-written pages, with the three known scenarios."""
    copy_project(folder, content=False)
    shutil.copytree(ROOT / "playbook", folder / "playbook")
    # the repo's own pages link to the repo's scenarios, which this site does not have
    for name, text in (("index.md", HOME), ("using-a-scenario.md", USING)):
        (folder / "playbook" / name).write_text(text, encoding="utf-8")
    (folder / "scenarios").mkdir()
    for data in scenarios():
        (folder / "scenarios" / f"{data['id']}.yml").write_text(dump(data), encoding="utf-8")
    return folder
