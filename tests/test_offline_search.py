"""The offline bundle's search: what of a generated page Material's search indexes, and when
its pages start Material's search worker off the page's thread."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from scenario_playbook.adapter.offline import (
    SHIM_SRC,
    WORKER_SRC,
    index_opening_only,
    material_search_worker,
    with_worker_script,
)

WORKER = "assets/javascripts/workers/search.a7633da7.min.js"


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


def _config(**search: Any) -> Any:
    options = SimpleNamespace(**{"enabled": True, "lang": ["en"], **search})
    return SimpleNamespace(plugins={"material/search": SimpleNamespace(config=options)})


def _files(*uris: str) -> Any:
    return [SimpleNamespace(dest_uri=uri) for uri in uris]


def test_the_worker_script_goes_just_before_the_shim_once():
    polyfills = ["a.js", SHIM_SRC, "b.js"]
    assert with_worker_script(polyfills) == ["a.js", WORKER_SRC, SHIM_SRC, "b.js"]
    assert with_worker_script(with_worker_script(polyfills)) == with_worker_script(polyfills)


def test_materials_search_worker_is_found_among_the_theme_files():
    files = _files("assets/javascripts/bundle.a5f9d56c.min.js", WORKER, WORKER + ".map")
    assert material_search_worker(_config(), files) is files[1]


@pytest.mark.parametrize(
    ("search", "uris"),
    [
        ({"lang": ["en", "de"]}, [WORKER]),  # the worker would load lunr's language scripts
        ({"lang": ["de"]}, [WORKER]),
        ({"enabled": False}, [WORKER]),
        ({}, []),  # a theme without the worker
        ({}, [WORKER, WORKER.replace("a7633da7", "0badc0de")]),  # which one?
    ],
)
def test_no_worker_script_when_the_worker_cannot_start_from_a_blob(search, uris):
    assert material_search_worker(_config(**search), _files(*uris)) is None


def test_no_worker_script_without_materials_search():
    assert material_search_worker(SimpleNamespace(plugins={}), _files(WORKER)) is None
