"""What the Zensical export changes in the generated pages, as pure functions (no build)."""

from __future__ import annotations

import pytest

from scenario_playbook.publish.engines import (
    EngineError,
    check_engine,
    source_relative,
    unindexed_lists,
)


@pytest.mark.parametrize(
    ("src_uri", "href", "expected"),
    [
        # a page served one folder below its source: one '../' fewer
        ("families/loyalty-tests.md", "../../scenarios/x/", "../scenarios/x/"),
        ("families/loyalty-tests.md", "../../scenarios/x/#checklist", "../scenarios/x/#checklist"),
        ("families/loyalty-tests.md", "../", "./"),
        ("scenarios/x.md", "../y/", "y/"),
        ("scenarios/x.md", "../../principles/p/?a=1", "../principles/p/?a=1"),
        ("tags.md", "../scenarios/x/", "scenarios/x/"),
        # index pages are served in their own folder; links elsewhere are left alone
        ("scenarios/index.md", "x/", "x/"),
        ("families/loyalty-tests.md", "#checklist", "#checklist"),
        ("families/loyalty-tests.md", "https://example.org/a/", "https://example.org/a/"),
        ("families/loyalty-tests.md", "/playbook/scenarios/", "/playbook/scenarios/"),
        ("families/loyalty-tests.md", "mailto:?subject=x", "mailto:?subject=x"),
    ],
)
def test_links_become_relative_to_the_source_file(src_uri, href, expected):
    page = f'<li><a class="pb-index-title" href="{href}">T</a></li>\n[md](../x.md)\n'
    assert source_relative(src_uri, page) == (
        f'<li><a class="pb-index-title" href="{expected}">T</a></li>\n[md](../x.md)\n'
    )


def test_scenario_lists_are_left_out_of_zensical_search():
    page = '<ul class="pb-index" data-pb-index>\n<ul class="pb-index">\n<ul class="other">'
    assert unindexed_lists(page) == (
        '<ul class="pb-index" data-search-exclude data-pb-index>\n'
        '<ul class="pb-index" data-search-exclude>\n<ul class="other">'
    )


def test_an_unknown_engine_is_refused_by_name():
    assert check_engine("properdocs") == "properdocs"
    with pytest.raises(EngineError, match="unknown engine 'hugo': choose one of mkdocs, "):
        check_engine("hugo")
