"""The front matter of generated pages reads back exactly in MkDocs, whatever the characters:
emoji and anything outside the Basic Multilingual Plane included (issue 18, class 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from helpers import build, copy_project, dump, scenario, soup
from scenario_playbook.render.pages import front_matter

#: Text as a contributor could write it: any character the reader lets through.
TEXT = st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=40)


@settings(max_examples=300, deadline=None)
@given(title=TEXT, tags=st.lists(TEXT, max_size=3))
def test_front_matter_reads_back_exactly(title: str, tags: list[str]):
    text = str(front_matter(title=title, tags=tags, playbook={"id": "x"}))
    assert text.isascii()
    body, meta = get_data(text + "# Body\n")
    assert body == "# Body\n"
    assert meta == {"title": title, "tags": tags, "playbook": {"id": "x"}}


@pytest.mark.build
def test_an_emoji_title_keeps_the_pages_title_meta_and_tags(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    data = scenario(
        id="emoji-title",
        title="Happy caller \U0001f600 at last",
        summary="They leave smiling \U0001f44d.",
        tags=["phone"],
        related=[],
    )
    (project / "scenarios" / "emoji-title.yml").write_text(dump(data), encoding="utf-8")
    page = soup(build(project) / "scenarios" / "emoji-title" / "index.html")
    assert page.title is not None and page.title.string.startswith("Happy caller \U0001f600")
    assert page.find("meta", attrs={"name": "description"})["content"] == (
        "They leave smiling \U0001f44d."
    )
    article = page.select_one("article")
    assert "---" not in article.get_text() and '"playbook"' not in article.get_text()
    assert page.find("h1").get_text(strip=True).startswith("Happy caller \U0001f600")
