"""The scenario and taxonomy models: strict pydantic v2, unknown fields forbidden.

The JSON Schema that editors use is generated from these classes (``playbook schema``).
Markdown is allowed only in the fields typed ``Markdown``; every other text is plain.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

#: Version of the scenario data shape, carried in exports.
SCHEMA_VERSION = 1

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)
ID_MAX = 64
TAG_PATTERN = r"^[a-z0-9]+(?:[ -][a-z0-9]+)*$"

#: Names an id may not take: they collide with the site's own pages and folders, or
#: with device names that Windows refuses as file names.
RESERVED_IDS = frozenset(
    {"index", "search", "assets", "404", "sitemap", "tags", "con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)

Slug = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX)]
#: Plain one-line texts: surrounding whitespace (a folded block's last newline) is dropped.
Line = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
Short = Annotated[str, StringConstraints(min_length=1, max_length=600, strip_whitespace=True)]
#: The most terms of one kind (families, roles, stages, principles) a taxonomy may define.
MAX_TERMS = 200
Markdown = Annotated[str, StringConstraints(min_length=1, max_length=8000)]
Tag = Annotated[str, StringConstraints(pattern=TAG_PATTERN, max_length=40)]
Keyword = Annotated[str, StringConstraints(min_length=1, max_length=80)]
Verdict = Literal["best", "good", "risky", "poor"]


class Strict(BaseModel):
    """Base of every model: strict types, unknown fields forbidden, frozen."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Person(Strict):
    """Someone in the scenario and what they want from it."""

    who: Line = Field(description="Who this is, e.g. 'The hiring manager'.")
    wants: Short = Field(description="What they want from the situation.")


class Option(Strict):
    """One choice at a decision point and what honestly happens next."""

    choice: Short = Field(description="What the reader could do, in a sentence.")
    verdict: Verdict = Field(description="How good the choice is: best, good, risky or poor.")
    feedback: Markdown = Field(description="What happens if you do this, and why (Markdown).")
    next: Slug | None = Field(
        default=None, description="Id of the decision point this choice leads to, if any."
    )


class Decision(Strict):
    """A moment where the reader has to choose."""

    id: Slug = Field(description="Stable id of the decision point, unique in the scenario.")
    prompt: Markdown = Field(description="The question the reader faces (Markdown).")
    options: list[Option] = Field(min_length=2, max_length=4)


class Step(Strict):
    """One step of the recommended approach."""

    step: Short = Field(description="What to do, starting with a verb.")
    why: Markdown = Field(description="Why this step works (Markdown).")
    say: Markdown = Field(description="What to say: the talk track (Markdown).")


class ChecklistItem(Strict):
    """A concrete action to carry into the conversation."""

    id: Slug | None = Field(
        default=None,
        description="Stable id, so that ticks survive edits of the text. Derived if absent.",
    )
    text: Short = Field(description="The action, starting with a verb.")


class Source(Strict):
    """Where the idea came from, credited."""

    title: Line = Field(description="Title of the post or book, or 'Original scenario'.")
    site: Line = Field(description="Where it was published (site or publisher).")
    note: Short = Field(description="What it inspired in this scenario.")
    kind: Literal["retold", "extended", "invented"] = Field(
        default="retold",
        description="retold: the source's situation; extended: a new situation built on "
        "its lesson; invented: written for this playbook.",
    )


#: Plain multi-line text that keeps its line breaks: a message body.
Body = Annotated[str, StringConstraints(min_length=1, max_length=3000)]
Channel = Literal["email", "letter", "chat", "voicemail"]


class Reply(Strict):
    """What they may say next, and your answer."""

    they_say: Short = Field(description="What the other person says (plain text).")
    you_say: Short = Field(description="Your answer, as you would say it aloud (plain text).")
    why: Markdown = Field(description="Why this answer works (Markdown).")


class FollowUp(Strict):
    """A message to send after the call; ``[placeholders]`` in square brackets."""

    channel: Channel = Field(description="How it is sent: email, letter, chat or voicemail.")
    subject: Line | None = Field(
        default=None, description="Subject line; required for email and letter."
    )
    body: Body = Field(
        description="The message (plain text, line breaks kept); [placeholders] in brackets."
    )


class WarningSign(Strict):
    """A sign that the conversation is going wrong, and what to do about it."""

    sign: Short = Field(description="What you notice (plain text).")
    do: Short = Field(description="What to do then (plain text).")


class RolePlayer(Strict):
    """One part in a role-play."""

    who: Line = Field(description="The part, e.g. 'The customer'.")
    brief: Short = Field(description="What this player knows and how they behave.")


class RolePlay(Strict):
    """A practice conversation a coach can run."""

    roles: list[RolePlayer] = Field(min_length=2, max_length=4)
    setup: Markdown = Field(description="Where the conversation starts (Markdown).")
    success_looks_like: list[Short] = Field(min_length=1, max_length=6)


class Coaching(Strict):
    """Notes for a manager who coaches this conversation."""

    listen_for: list[Short] = Field(
        min_length=1, max_length=8, description="What a coach listens for in a call."
    )
    role_play: RolePlay | None = Field(default=None, description="A role-play brief.")


class GoesBadly(Strict):
    """When it still goes wrong: an honest alternative outcome and what to do next."""

    what_happens: Markdown = Field(description="How it can still go badly (Markdown).")
    what_next: Markdown = Field(description="What to do then (Markdown).")


class Scenario(Strict):
    """A worked scenario: one YAML file in ``scenarios/``."""

    id: Slug = Field(description="Equals the file name without '.yml'.")
    title: Line
    family: Slug = Field(description="Id of a family in the taxonomy.")
    summary: Short = Field(description="One or two plain sentences for the index and search.")
    roles: list[Slug] = Field(min_length=1, description="Ids of roles in the taxonomy.")
    stages: list[Slug] = Field(min_length=1, description="Ids of stages in the taxonomy.")
    principles: list[Slug] = Field(min_length=1, description="Ids of principles in the taxonomy.")
    tags: list[Tag] = Field(default_factory=list, max_length=12)
    keywords: list[Keyword] = Field(
        default_factory=list,
        max_length=40,
        description="Words a reader in this situation would type that the text may not use.",
    )
    situation: Markdown = Field(description="Who, where, what just happened (Markdown).")
    people: list[Person] = Field(min_length=1, max_length=8)
    stakes: Markdown = Field(description="What is at stake (Markdown).")
    decisions: list[Decision] = Field(min_length=1, max_length=8)
    approach: list[Step] = Field(min_length=3, max_length=12)
    checklist: list[ChecklistItem] = Field(min_length=5, max_length=20)
    pitfalls: list[Markdown] = Field(min_length=1, max_length=12)
    outcome: Markdown = Field(description="How it turned out, or how you know it worked.")
    if_they_say: list[Reply] = Field(
        default_factory=list, max_length=8, description="Answers to what they may say next."
    )
    follow_up: FollowUp | None = Field(default=None, description="A message to send after.")
    warning_signs: list[WarningSign] = Field(
        default_factory=list, max_length=8, description="Signs it is going wrong, and what to do."
    )
    coaching: Coaching | None = Field(default=None, description="Notes for a coach.")
    if_it_goes_badly: GoesBadly | None = Field(
        default=None, description="How it can still go badly, and what to do then."
    )
    related: list[Slug] = Field(default_factory=list, max_length=12)
    sources: list[Source] = Field(min_length=1, max_length=8)


class Term(Strict):
    """A taxonomy term: a family, role, stage or principle."""

    id: Slug
    title: Line
    summary: Short
    description: Markdown | None = Field(
        default=None, description="A few paragraphs for the term's own page (Markdown)."
    )
    group: Line | None = Field(default=None, description="Optional grouping, e.g. 'REACT'.")


class OutsideTopic(Strict):
    """A neighbouring kind of question the playbook does not answer, with the words people
    use for it: the situation finder says so when a query is about one (``search.query``)."""

    title: Line
    words: list[Line] = Field(
        min_length=1,
        max_length=40,
        description="Words and short phrases of the topic itself; a phrase counts when a query "
        "has all its words.",
    )
    where: Short = Field(description="Where such a question is usually answered.")


class Taxonomy(Strict):
    """The controlled vocabulary scenarios draw on: ``taxonomy.yml``."""

    # Every term gets a page and a place in every facet: thousands of unused terms would
    # multiply the build time, so each kind is bounded (issue 18, class 5).
    families: list[Term] = Field(min_length=1, max_length=MAX_TERMS)
    roles: list[Term] = Field(min_length=1, max_length=MAX_TERMS)
    stages: list[Term] = Field(min_length=1, max_length=MAX_TERMS)
    principles: list[Term] = Field(min_length=1, max_length=MAX_TERMS)
    #: What the playbook does not cover (no pages, no facets: only the finder reads it).
    outside: list[OutsideTopic] = Field(default_factory=list, max_length=MAX_TERMS)
