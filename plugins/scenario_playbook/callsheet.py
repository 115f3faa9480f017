"""What a scenario page shows first and how: the one-sentence brief, the option order, the
follow-up message with its placeholders marked, and its e-mail draft link.

Pure functions of the models; the scenario template calls them. Every value that reaches HTML
here is escaped first.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

from markupsafe import Markup, escape

from .model import Decision, FollowUp, Option
from .text import inert

# A sentence ends at '.', '!' or '?' (after any closing quote or bracket) before a space and a
# capital, a digit or an opening quote; 'e.g. this' and '2.5' do not end one.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]?(?=\s+[\"'“‘(A-Z0-9])")
#: A placeholder in a follow-up message: short text in square brackets, on one line.
_PLACEHOLDER = re.compile(r"\[([^\[\]\n]{1,80})\]")


def first_sentence(text: str) -> str:
    """The first sentence of a plain text (all of it when it is one sentence)."""
    flat = " ".join(text.split())
    match = _SENTENCE_END.search(flat)
    return flat[: match.end()] if match else flat


def option_order(scenario_id: str, decision: Decision) -> list[tuple[int, Option]]:
    """The options of a decision in the order the page shows them, each with its position in
    the file (from 1): a shuffle fixed by the scenario, the decision and the options' texts, so
    that the best option's place tells nothing, and every build shows the same order."""

    def key(item: tuple[int, Option]) -> bytes:
        seed = f"{scenario_id}\x00{decision.id}\x00{item[1].choice}"
        return hashlib.sha256(seed.encode("utf-8")).digest()

    return sorted(enumerate(decision.options, start=1), key=key)


def best_is_longest(decision: Decision) -> bool:
    """Whether the (first) best option is the longest choice of the decision, strictly."""
    best = [o for o in decision.options if o.verdict == "best"]
    if not best or len(decision.options) < 2:
        return False
    length = len(best[0].choice)
    return all(len(o.choice) < length for o in decision.options if o is not best[0])


def message_html(body: str) -> Markup:
    """A follow-up message as HTML on one line: escaped, ``[placeholders]`` marked, line
    breaks as ``<br>``, and made inert like every other text (:func:`.text.inert`)."""
    text = str(escape(body.strip("\n").replace("\r", "")))
    text = _PLACEHOLDER.sub(r'<mark class="pb-placeholder">[\1]</mark>', text)
    return inert("<br>".join(text.split("\n")))


def mailto(follow_up: FollowUp) -> str | None:
    """A ``mailto:`` link that opens the message as a draft, for an e-mail; else ``None``."""
    if follow_up.channel != "email":
        return None
    subject = quote(follow_up.subject or "", safe="")
    body = quote(follow_up.body.strip("\n").replace("\n", "\r\n"), safe="")
    return f"mailto:?subject={subject}&body={body}"
