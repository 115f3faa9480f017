"""Costs that grow with the input stay bounded (issue 18, class 5)."""

from __future__ import annotations

import difflib

from scenario_playbook.core import checks, helpers


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
