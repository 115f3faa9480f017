"""The pieces that make a ``mkdocs serve`` rebuild quick give what the slow way gives: front
matter read once per text, blank pages not converted, theme templates compiled once, pages
kept in memory, the index built with the garbage collector paused."""

from __future__ import annotations

import gc
from pathlib import Path

import jinja2
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils import meta

from helpers import ROOT
from scenario_playbook.adapter.compiled_templates import CompiledTemplates
from scenario_playbook.adapter.incremental import Incremental
from scenario_playbook.adapter.tracked_page import FrontMatter, TrackedPage, nav_paths
from scenario_playbook.core.build_cache import BuildCache
from scenario_playbook.core.files import scenario_files
from scenario_playbook.core.loader import Loader
from scenario_playbook.publish import exports
from scenario_playbook.render import site
from scenario_playbook.search.index import build_index, collector_paused

_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=8,
)
#: Front matter as pages have it, and the odd kinds: not a mapping, not YAML, none at all.
_sources = st.one_of(
    st.dictionaries(st.text(max_size=8), _values, max_size=4).map(
        lambda d: "---\n" + yaml.safe_dump(d, allow_unicode=True) + "---\n\n# Body\n"
    ),
    st.sampled_from(
        [
            "---\n- a list\n---\nbody\n",
            "---\n: not: yaml: [\n---\nbody\n",
            "---\n{}\n---\n\n\nbody\n",
            "no front matter\n",
            "title: MultiMarkdown\n\nbody\n",
            "---\ntitle: x\n...\nbody\n",
        ]
    ),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_sources, min_size=1, max_size=4))
def test_front_matter_gives_what_mkdocs_gives_and_a_fresh_copy_each_time(sources):
    front = FrontMatter()
    for _ in range(2):  # the second round comes from memory
        for source in sources:
            got = front.split(source)
            assert got == meta.get_data(source)
            if got[1]:
                got[1]["changed"] = True  # a page changing its meta changes no later page's
    front.prune()
    front.prune()  # a build that read nothing: nothing is kept
    assert front.known == {}


def _config(tmp_path: Path):
    return load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))


@pytest.mark.parametrize("markdown", ["", "\n\n", "   \n"])
def test_a_blank_tracked_page_renders_as_a_page_does(tmp_path, markdown):
    config = _config(tmp_path)
    config.plugins.on_config(config)
    pages = []
    for cls in (Page, TrackedPage):
        file = File.generated(config, "scenarios/blank.md", content="---\ntitle: Blank\n---\n")
        page = Page(None, file, config) if cls is Page else TrackedPage(file, config, FrontMatter())
        page.read_source(config)
        page.markdown = markdown
        page.render(config, [file])
        pages.append(page)
    plain, tracked = pages
    assert (tracked.content, tracked.title, tracked.present_anchor_ids) == (
        plain.content,
        plain.title,
        plain.present_anchor_ids,
    )
    assert list(tracked.toc) == list(plain.toc) == []


def test_a_tracked_page_with_text_renders_in_full(tmp_path):
    config = _config(tmp_path)
    config.plugins.on_config(config)
    source = "---\ntitle: Full\n---\n\n## A heading\n\nSome *text*.\n"
    file = File.generated(config, "scenarios/full.md", content=source)
    page = TrackedPage(file, config, FrontMatter())
    page.read_source(config)
    page.render(config, [file])
    assert "<em>text</em>" in page.content
    assert page.meta == {"title": "Full"}
    assert "a-heading" in page.present_anchor_ids


def test_nav_paths_finds_every_page_the_nav_names():
    nav = [{"Home": "./index.md"}, {"Part": [{"A": "a//x.md"}, "b.md", {"Link": "/c.md"}]}]
    assert nav_paths(nav) == {"index.md", "a/x.md", "b.md", "c.md"}
    assert nav_paths(None) == set()


def test_compiled_templates_compile_once_and_again_when_the_source_changes():
    sources = {"page.html": "Hello {{ name }}"}
    code = CompiledTemplates()
    compiled = []

    class Counting(jinja2.Environment):
        def compile(self, *args, **kwargs):
            compiled.append(args[1] if len(args) > 1 else kwargs.get("name"))
            return super().compile(*args, **kwargs)

    def render() -> str:
        env = Counting(loader=jinja2.DictLoader(sources))
        env.bytecode_cache = code
        return env.get_template("page.html").render(name="you")

    assert render() == "Hello you"
    assert render() == "Hello you"  # a new environment, as each MkDocs build makes
    assert len(compiled) == 1
    sources["page.html"] = "Bye {{ name }}"
    assert render() == "Bye you"
    assert len(compiled) == 2


def _playbook(cache: BuildCache | None = None):
    loader = Loader(ROOT)
    loader.build_cache = cache  # with one, the loader gives every input's digest
    return loader.load(scenario_files([ROOT / "scenarios"]), ROOT / "taxonomy.yml")


def test_recent_pages_give_the_same_pages_and_keep_them_in_the_build_cache(tmp_path):
    first = BuildCache(tmp_path / "cache", b"k" * 32)
    playbook = _playbook(first)
    assert playbook.digests and playbook.taxonomy_digest
    recent = site.RecentPages()

    def pages(cache: BuildCache) -> dict[str, str]:
        return site.generated_pages(
            playbook.scenarios,
            playbook.taxonomy,
            None,
            True,
            build_cache=cache,
            digests=playbook.digests,
            taxonomy_digest=playbook.taxonomy_digest,
            recent=recent,
        )

    made = pages(first)
    first.close(prune=True)
    second = BuildCache(tmp_path / "cache", b"k" * 32)
    again = pages(second)  # every page from memory: none read from disk
    second.close(prune=True)  # and none pruned from it
    assert again == made == site.generated_pages(playbook.scenarios, playbook.taxonomy, None, True)
    assert len(recent.last) == len(recent.now) == len(made)
    third = BuildCache(tmp_path / "cache", b"k" * 32)
    assert sum(third.get("page", key) is not None for key in recent.now) == len(made)
    third.close(prune=False)


@pytest.mark.parametrize("was_on", [True, False])
def test_the_index_is_built_with_the_collector_paused_and_left_as_it_was(was_on):
    (gc.enable if was_on else gc.disable)()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled() is was_on
        index = build_index(_playbook().scenarios.values())
        assert index.docs and gc.isenabled() is was_on
    finally:
        gc.enable()


def test_scenarios_json_with_a_memo_is_the_same_and_follows_a_changed_scenario():
    playbook = _playbook()
    scenarios = dict(playbook.scenarios)
    memo: dict = {}
    plain = exports.scenarios_json(scenarios, playbook.taxonomy)
    assert exports.scenarios_json(scenarios, playbook.taxonomy, memo) == plain
    assert exports.scenarios_json(scenarios, playbook.taxonomy, memo) == plain  # from memory
    first = sorted(scenarios)[0]
    scenarios[first] = scenarios[first].model_copy(update={"title": "A new title for it"})
    again = exports.scenarios_json(scenarios, playbook.taxonomy, memo)
    assert again == exports.scenarios_json(scenarios, playbook.taxonomy) != plain
    assert "A new title for it" in again


def test_a_tracked_page_is_keyed_by_its_source_unless_a_plugin_changed_its_markdown(tmp_path):
    config = _config(tmp_path)
    config.plugins.on_config(config)
    tracker = Incremental()
    source = "---\ntitle: Same\n---\n\nBody text.\n"
    keys = []
    for changed in (False, False, True):
        file = File.generated(config, "scenarios/same.md", content=source)
        page = TrackedPage(file, config, tracker.front_matter)
        page.read_source(config)
        markdown = "Notice\n" + page.markdown if changed else page.markdown
        tracker.page_markdown(page, markdown)
        keys.append(tracker.keys[file.src_uri])
    assert keys[0] == keys[1] != keys[2]
    assert tracker.sources[file.src_uri][0] is source
