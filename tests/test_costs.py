"""Costs that grow with the input stay bounded (issue 18, class 5)."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scenario_playbook.core import checks, helpers, markdown_limits
from scenario_playbook.render import text


def test_a_suggestion_compares_a_bounded_number_of_names(monkeypatch):
    sizes: list[int] = []
    real = difflib.get_close_matches

    def counting(word, possibilities, *args, **kwargs):
        sizes.append(len(possibilities))
        return real(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(helpers.difflib, "get_close_matches", counting)
    known = {f"scenario-{i:05d}": None for i in range(20_000)}
    assert checks._suggest("scenario-00042x", known) == " (did you mean 'scenario-00042'?)"
    assert checks._suggest("zzz-unknown", known) == ""
    assert max(sizes) <= helpers.MAX_CANDIDATES


def test_a_suggestion_does_not_depend_on_the_order_of_names():
    names = [f"s-{i}-{j}" for i in range(40) for j in range(40)]
    first = checks._suggest("s-7-12x", dict.fromkeys(names))
    assert first == checks._suggest("s-7-12x", dict.fromkeys(reversed(names)))


# Markdown cost: a deterministic count of the characters Python-Markdown's link parser scans
# (the quadratic part of its work), never a wall-clock time.

_BRACKETY = st.text(alphabet="[[[]]()a \n*`-!<>", max_size=3_000) | st.builds(
    lambda chunk, times, tail: chunk * times + tail,
    st.sampled_from(["[", "[(", "](", "[a](", "[[", "[a] ", "a"]),
    st.integers(1, 4_000),
    st.text(alphabet="a [", max_size=4_000),
)


@pytest.fixture
def link_scans(monkeypatch):
    """How many characters the link parser has scanned since the fixture was made."""
    import markdown.inlinepatterns as ip

    count = [0]
    get_text, get_link = ip.LinkInlineProcessor.getText, ip.LinkInlineProcessor.getLink

    def counting_text(self, data, index):
        out = get_text(self, data, index)
        count[0] += out[1] - index + 1
        return out

    def counting_link(self, data, index):
        out = get_link(self, data, index)
        count[0] += max(out[2] - index, 0) + 1
        return out

    monkeypatch.setattr(ip.LinkInlineProcessor, "getText", counting_text)
    monkeypatch.setattr(ip.LinkInlineProcessor, "getLink", counting_link)
    return count


def test_the_counter_sees_the_quadratic_case(link_scans):
    text.convert("[" * 2_000)
    assert link_scans[0] > 2_000 * 2_000  # what the bracket budget is there to refuse


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(source=_BRACKETY)
def test_markdown_within_the_limits_is_rendered_in_bounded_work(link_scans, source):
    link_scans[0] = 0
    text.markdown_html(source)
    if markdown_limits.markdown_limits(source) is None:
        assert markdown_limits.bracket_work(source) <= markdown_limits.MAX_MD_BRACKET_WORK
        # each '[' scans at most the rest of its block; inline placeholders (code spans, about
        # 20 characters each) can lengthen a block, hence the factor
        bound = 20 * (markdown_limits.bracket_work(source) + len(source))
        assert link_scans[0] <= bound
    else:  # refused: shown as plain text, never handed to Python-Markdown's link parser
        assert link_scans[0] == 0
