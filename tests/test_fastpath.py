"""The plain-prose fast path gives exactly what the full Markdown path gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scenario_playbook.render.fastpath import paragraphs
from scenario_playbook.render.text import convert, inert, markdown_html, sanitize


def full_path(source: str) -> str:
    """What markdown_html gives without the fast path: Markdown, nh3, inert."""
    return str(inert(sanitize(convert(source))))


# Prose-like text, with every character that could matter to Markdown mixed in.
ALPHABET = st.sampled_from(
    list("abc XYZ 019.,;:'\"?()-\n")
    + list("*_`[]<>&!#|~=+\\\t{}$")
    + ["  \n", "\n\n", "é", "—", "\xa0", "\u2028", "\x1f"]
)
texts = st.lists(ALPHABET, max_size=60).map("".join)


@settings(max_examples=600, deadline=None)
@given(texts)
def test_fast_path_agrees_with_the_full_path(source: str):
    if paragraphs(source) is not None:
        assert str(markdown_html(source)) == full_path(source)
        assert paragraphs(source) == convert(source)


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200))
@settings(max_examples=200, deadline=None)
def test_fast_path_agrees_on_any_text(source: str):
    if paragraphs(source) is not None:
        assert str(markdown_html(source)) == full_path(source)


def test_plain_prose_takes_the_fast_path():
    prose = 'You call the customer back.\n\nThey answer: "Finally, someone who listens."'
    assert paragraphs(prose) == (
        '<p>You call the customer back.</p>\n<p>They answer: "Finally, someone who listens."</p>'
    )
    assert paragraphs("*emphasis*") is None
    assert paragraphs("- a list") is None
    assert paragraphs("1. first") is None
    assert paragraphs("Tom & Jerry") is None


def test_most_real_scenario_text_takes_the_fast_path():
    import yaml

    from helpers import ROOT

    texts = []

    def walk(value):
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for path in sorted((ROOT / "scenarios").glob("*.yml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    fast = [t for t in texts if paragraphs(t) is not None]
    assert len(fast) > 0.8 * len(texts)
    for text in fast:
        assert str(markdown_html(text)) == full_path(text)
