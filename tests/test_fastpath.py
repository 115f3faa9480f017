"""The plain-prose fast path gives exactly what the full Markdown path gives."""

from __future__ import annotations

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from scenario_playbook.fastpath import paragraphs
from scenario_playbook.text import _without_raw_html

_md = _without_raw_html(
    markdown.Markdown(
        extensions=["tables", "sane_lists"],
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )
)


def slow(source: str) -> str:
    _md.reset()
    return _md.convert(source)


# Prose-like text, with every character that could matter to Markdown mixed in.
ALPHABET = st.sampled_from(
    list("abc XYZ 019.,;:'\"?()-\n") + list("*_`[]<>&!#|~=+\\\t") + ["  \n", "\n\n", "é", "—"]
)
texts = st.lists(ALPHABET, max_size=60).map("".join)


@settings(max_examples=600, deadline=None)
@given(texts)
def test_fast_path_agrees_with_markdown(source: str):
    fast = paragraphs(source)
    if fast is not None:
        assert fast == slow(source)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
@settings(max_examples=200, deadline=None)
def test_fast_path_agrees_on_any_text(source: str):
    fast = paragraphs(source)
    if fast is not None:
        assert fast == slow(source)


def test_plain_prose_takes_the_fast_path():
    prose = 'You call the customer back.\n\nThey answer: "Finally, someone who listens."'
    assert paragraphs(prose) == (
        '<p>You call the customer back.</p>\n<p>They answer: "Finally, someone who listens."</p>'
    )
    assert paragraphs("*emphasis*") is None
    assert paragraphs("- a list") is None
    assert paragraphs("1. first") is None
