"""Hostile Markdown stays inert text; a site seeded with every bad file fails cleanly.

``tests/inert/NAME.md`` is a Markdown field a stranger might send; ``NAME.html`` is exactly the
one line of HTML it must become. Output paths and ids are checked on a real build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from golden import CASES, GENERATED, as_reported
from helpers import ROOT, build, copy_project, dump, scenario, soup
from hostile import executable_constructs
from scenario_playbook.core.loader import Loader
from scenario_playbook.render import site
from scenario_playbook.render.text import ID_PREFIX, markdown_html

INERT = Path(__file__).parent / "inert"
INERT_CASES = sorted(INERT.glob("*.md"))


def test_there_is_an_inert_case_per_vector():
    assert len(INERT_CASES) >= 25
    for case in INERT_CASES:
        assert case.with_suffix(".html").exists(), case


@pytest.mark.parametrize("case", INERT_CASES, ids=[c.stem for c in INERT_CASES])
def test_hostile_markdown_renders_to_its_inert_html(case: Path):
    html = str(markdown_html(case.read_text(encoding="utf-8")))
    assert html == case.with_suffix(".html").read_text(encoding="utf-8").rstrip("\n")
    assert executable_constructs(html) == []
    assert "\n" not in html and "{" not in html and "}" not in html


@pytest.fixture(scope="module")
def inert_site(tmp_path_factory) -> Path:
    """A site of one scenario per inert case (its Markdown as the situation), built with the
    repo's config and taxonomy; the repo's own pages are left out so that only ours count."""
    project = copy_project(tmp_path_factory.mktemp("inert-site"), content=False)
    (project / "playbook").mkdir()
    (project / "playbook" / "index.md").write_text("# Inert cases\n", encoding="utf-8")
    (project / "scenarios").mkdir()
    for case in INERT_CASES:
        ident = f"inert-{case.stem}"
        data = scenario(id=ident, situation=case.read_text(encoding="utf-8"))
        (project / "scenarios" / f"{ident}.yml").write_text(dump(data), encoding="utf-8")
    return build(project, nav=[{"Home": "index.md"}, {"All": "scenarios/index.md"}])


@pytest.mark.build
def test_inert_cases_stay_inert_on_the_built_page(inert_site: Path):
    for case in INERT_CASES:
        page = soup(inert_site / "scenarios" / f"inert-{case.stem}" / "index.html")
        situation = page.select_one(".pb-situation")
        assert situation.decode_contents() == str(
            soup_of(case.with_suffix(".html").read_text(encoding="utf-8").rstrip("\n"))
        ), case.stem
        assert executable_constructs(situation.decode_contents()) == [], case.stem
        ids = [tag["id"] for tag in page.find_all(id=True)]
        assert len(ids) == len(set(ids)), case.stem
        for heading in situation.find_all(["h3", "h4", "h5", "h6"]):
            assert heading["id"].startswith(ID_PREFIX)


def soup_of(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def test_every_output_path_is_inside_the_site_folder(inert_site: Path, tmp_path: Path):
    written = [str(p) for p in inert_site.rglob("*") if p.is_file()]
    assert written and site.outside(written, str(inert_site)) == []
    assert site.outside([str(inert_site / ".." / "x.html"), "/etc/passwd"], str(inert_site)) == [
        str(inert_site / ".." / "x.html"),
        "/etc/passwd",
    ]
    link = inert_site / "escape"
    link.symlink_to(tmp_path)
    assert site.outside([str(link / "index.html")], str(inert_site)) == [str(link / "index.html")]


def test_ids_are_unique_ignoring_case_and_unicode_forms(tmp_path: Path):
    for stem in ("same-id", "SAME-ID", "ﬁle", "file"):
        (tmp_path / f"{stem}.yml").write_text(dump(scenario(id=stem)), encoding="utf-8")
    files = sorted(tmp_path.glob("*.yml"))
    problems = Loader(tmp_path).load(files, ROOT / "taxonomy.yml").problems
    clashes = sorted(p.text() for p in problems if p.code == "duplicate-id")
    assert clashes == [
        "same-id.yml:1:1: id 'same-id' clashes with 'SAME-ID' (SAME-ID.yml); ids must be unique",
        "ﬁle.yml:1:1: id 'ﬁle' clashes with 'file' (file.yml); ids must be unique",
    ]


def test_symlinked_scenario_files_are_refused(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "leak.yml").symlink_to(secret)
    problems = Loader(tmp_path).load([folder / "leak.yml"], ROOT / "taxonomy.yml").problems
    assert [p.text() for p in problems] == [
        "scenarios/leak.yml:1:1: is a symbolic link; a scenario must be a regular file, "
        "not a link to one"
    ]
    assert "hunter2" not in " ".join(p.message for p in problems)


@pytest.mark.build
def test_seeded_build_lists_every_problem_and_exits_1(project: Path):
    """`mkdocs build --strict` on the repo plus every bad file: all problems, no traceback."""
    folder = project / "scenarios"
    expected = []
    for case in CASES:
        shutil.copy(case, folder / case.name)
        lines = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
        expected += [f"scenarios/{case.name}:{as_reported(line)}" for line in lines]
    for name, (make, lines) in GENERATED.items():
        (folder / f"{name}.yml").write_bytes(make())
        expected += [f"scenarios/{name}.yml:{as_reported(line)}" for line in lines]
    mkdocs = Path(sys.executable).parent / "mkdocs"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(project / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-2000:]
    assert "Traceback" not in output
    reported = [line.strip() for line in output.splitlines()]
    bad_names = {f"scenarios/{c.name}:" for c in CASES} | {f"scenarios/{n}.yml:" for n in GENERATED}
    ours = [line for line in reported if any(line.startswith(n) for n in bad_names)]
    assert sorted(ours) == sorted(expected)


def test_equal_headings_in_two_fields_get_different_ids_on_the_page():
    import yaml
    from bs4 import BeautifulSoup

    from scenario_playbook.core.model import Scenario, Taxonomy
    from scenario_playbook.render.pages import render_pages

    data = scenario(
        situation="# Tip\n\nOne.\n\n# Tip 2\n\nTwo.",
        stakes="# Tip\n\nThree.",
        outcome="# Tip\n\nFour.",
    )
    taxonomy = Taxonomy.model_validate(yaml.safe_load((ROOT / "taxonomy.yml").read_text()))
    pages = render_pages({data["id"]: Scenario.model_validate(data)}, taxonomy)
    page = BeautifulSoup(pages[f"scenarios/{data['id']}.md"], "html.parser")
    ids = [h["id"] for h in page.find_all(["h3", "h4"]) if h.get("id", "").startswith("pb-md-")]
    assert ids == ["pb-md-tip", "pb-md-tip-2", "pb-md-tip-3", "pb-md-tip-4"]


def test_the_one_file_edition_rewrites_attributes_of_tags_only():
    from scenario_playbook.publish.onefile import rewrite_links

    html = '<p>Type <code>href="x.md" id="y"</code>, then <a href="#z">z</a>.</p><h2 id="k">K</h2>'
    assert rewrite_links(html, "index.md", {"index.md": "home"}, True) == (
        '<p>Type <code>href="x.md" id="y"</code>, then <a href="#home--z">z</a>.</p>'
        '<h2 id="home--k">K</h2>'
    )
