"""The offline bundle's search scope: what of a generated page Material's search indexes."""

from __future__ import annotations

from scenario_playbook.adapter.offline import index_opening_only


def test_only_the_opening_of_a_page_is_indexed():
    html = (
        '<h1 id="t">Title</h1><p class="pb-summary">Summary.</p>'
        '<div class="pb-first-say" data-pb-line><p>Say this.</p></div>'
        '<p class="pb-label pb-moves-label">The moves</p><ol class="pb-moves"><li>One</li></ol>'
        '<h2 id="a">The approach</h2><h3>Sub</h3>'
    )
    assert index_opening_only(html) == (
        '<h1 id="t">Title</h1><p class="pb-summary">Summary.</p>'
        '<div class="pb-first-say" data-search-exclude data-pb-line><p>Say this.</p></div>'
        '<p class="pb-label pb-moves-label" data-search-exclude>The moves</p>'
        '<ol class="pb-moves" data-search-exclude><li>One</li></ol>'
        '<h2 data-search-exclude id="a">The approach</h2><h3 data-search-exclude>Sub</h3>'
    )
