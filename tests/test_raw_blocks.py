"""Storing the generated pages' HTML blocks unparsed gives exactly the HTML that Python-Markdown's
own html_block preprocessor gives, and it does take the blocks the templates write."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import ROOT, scenario
from scenario_playbook.adapter.project import load_project
from scenario_playbook.core.model import Scenario
from scenario_playbook.render import site
from scenario_playbook.render.raw_blocks import RawBlocks, raw_chunks, whole_elements

INERT = sorted((Path(__file__).parent / "inert").glob("*.md"))


def converters() -> tuple[markdown.Markdown, markdown.Markdown]:
    """Python-Markdown as the repo's mkdocs.yml configures it, without and with RawBlocks."""
    options = {
        "extensions": ["toc", "admonition", "attr_list"],
        "extension_configs": {"toc": {"permalink": True}},
    }
    raw = RawBlocks()
    raw.active = True
    plain = markdown.Markdown(**options)
    stored = markdown.Markdown(**{**options, "extensions": [*options["extensions"], raw]})
    return plain, stored


def both(text: str) -> tuple[str, str]:
    plain, stored = converters()
    return plain.convert(text), stored.convert(text)


def body(page: str) -> str:
    """The page's Markdown without its front matter, as MkDocs hands it to Python-Markdown."""
    return page.split("\n---\n", 1)[1] if page.startswith("---\n") else page


@pytest.fixture(scope="module")
def repo_pages() -> dict[str, str]:
    project = load_project(ROOT / "mkdocs.yml")
    return site.generated_pages(project.playbook.scenarios, project.playbook.taxonomy, None, True)


def test_every_repo_page_converts_the_same(repo_pages: dict[str, str]):
    assert len(repo_pages) > 50
    for uri, page in repo_pages.items():
        plain, stored = both(body(page))
        assert stored == plain, uri


def test_hostile_text_in_every_field_converts_the_same():
    """Every inert case (tests/inert/) as the text of each Markdown field of a scenario."""
    project = load_project(ROOT / "mkdocs.yml")
    taxonomy = project.playbook.taxonomy
    scenarios: dict[str, Scenario] = {}
    for n, case in enumerate(INERT):
        text = case.read_text(encoding="utf-8")
        data = scenario(id=f"inert-{n:02d}", situation=text, stakes=text, outcome=text)
        data["approach"][0].update(why=text, say=text)
        data["decisions"][0]["options"][0]["feedback"] = text
        scenarios[data["id"]] = Scenario.model_validate(data)
    pages = site.generated_pages(scenarios, taxonomy, None, True)
    for uri, page in pages.items():
        plain, stored = both(body(page))
        assert stored == plain, uri


def test_the_templates_blocks_are_taken(repo_pages: dict[str, str]):
    """The speed comes from here: nearly every HTML line of a scenario page is stored whole
    (a template change that makes its blocks uncertain fails this, not just the benchmark)."""
    plain, _ = converters()
    for uri, page in repo_pages.items():
        if not uri.startswith("scenarios/") or uri.endswith("index.md"):
            continue
        lines = body(page).split("\n")
        html_lines = sum(1 for line in lines if line.startswith("<"))
        taken = sum(
            1
            for first, past in raw_chunks(lines, plain.is_block_level)
            for line in lines[first:past]
            if line.startswith("<")
        )
        assert taken >= 0.95 * html_lines, uri


@pytest.mark.parametrize(
    "chunk",
    [
        "<div>a</div> tail",  # text after the element
        "<div>a",  # never closed
        "<span>a</span>",  # inline: a paragraph for Markdown
        "<div>a</div>\n<span>b</span>",  # an inline sibling
        "<div><!-- c --></div>",  # comments
        "<div><pre>a\n\nb</pre></div>",  # preformatted text
        '<div markdown="1">*a*</div>',  # Markdown inside HTML
        "<hr>",  # a lone void element
        "</div>",  # a stray end tag
        "text <div>a</div>",  # text first
    ],
)
def test_uncertain_blocks_are_left_to_html_block(chunk: str):
    plain, _ = converters()
    assert not whole_elements(chunk, plain.is_block_level)


@pytest.mark.parametrize(
    "chunk",
    [
        "<div>a</div>",
        '<div class="x"><p>a<br>b</p></div>\n<ol><li>c</li></ol>',
        "<p>a</b></p>",  # a stray end tag inside closes nothing
        '<div title="a > b">c</div>',
    ],
)
def test_whole_blocks_are_taken(chunk: str):
    plain, stored = both(f"# T\n\n{chunk}\n\nafter")
    assert stored == plain
    assert whole_elements(chunk, converters()[0].is_block_level)


# Pieces of HTML-like text in every arrangement: tags of both kinds, stray and void ones,
# text, Markdown, line breaks and blank lines.
PIECES = st.sampled_from(
    [
        "<div>", "</div>", "<p>", "</p>", '<ol class="pb">', "</ol>", "<li>", "</li>",
        "<span>", "</span>", "<strong>", "</strong>", "<br>", "<hr>", "<br/>", "</b>",
        "text", " ", "*em*", "# h", "- item", "&amp;", "a < b", '<a href="x">', "</a>",
        "\n", "\n", "\n\n", "   ", "<!-- c -->", "<pre>", "</pre>",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_any_arrangement_converts_the_same(text: str):
    plain, stored = both(text)
    assert stored == plain


TAGS = st.sampled_from(["div", "p", "ol", "li", "span", "strong", "blockquote", "a", "hr", "br"])
LEAVES = st.sampled_from(["text", "*em*", "a < b", "&amp;", "", "\n", "<br>", "</b>", "- item"])


def _element(tag: str, children: list[str], newline: bool, closed: bool) -> str:
    inner = ("\n" if newline else "").join(children)
    return f'<{tag} class="x">{inner}' + (f"</{tag}>" if closed else "")


ELEMENTS = st.recursive(
    LEAVES,
    lambda children: st.builds(
        _element, TAGS, st.lists(children, max_size=4), st.booleans(),
        st.sampled_from([True, True, True, True, False]),
    ),
    max_leaves=12,
)  # fmt: skip
# A run of elements on their own lines, now and then with a piece of anything before or after.
CHUNKS = st.tuples(
    st.sampled_from(["", "", "", "", "x ", "<span>", "   "]),
    st.lists(ELEMENTS, min_size=1, max_size=4).map("\n".join),
    st.sampled_from(["", "", "", "", " tail", "\n<span>s</span>", "</div>", "<!-- c -->"]),
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(CHUNKS, max_size=5).map("\n\n".join))
def test_any_blocks_between_blank_lines_convert_the_same(text: str):
    """Runs of HTML between blank lines: the case the templates write, with every variation."""
    plain, stored = both(text)
    assert stored == plain
