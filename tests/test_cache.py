"""The build cache: warm builds serve unchanged work from disk, and every input that shapes a
page (the scenario, the ones it links to, the taxonomy, templates) invalidates it."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from conftest import build, dump, scenario, soup
from scenario_playbook.cache import FILE_NAME

pytestmark = pytest.mark.build


def pages(site: Path) -> dict[str, str]:
    """The article of every generated page, by its path in the site."""
    out = {}
    for section in ("scenarios", "families", "principles"):
        for html in sorted((site / section).rglob("index.html")):
            out[html.relative_to(site).as_posix()] = str(soup(html).select_one("article"))
    return out


def plant(project: Path, marker: str) -> int:
    """Overwrite every cached page with a marker: only a build that reads the cache shows it."""
    with sqlite3.connect(project / ".cache" / "playbook" / FILE_NAME) as db:
        rows = db.execute("SELECT key, value FROM entries WHERE kind = 'page'").fetchall()
        for key, value in rows:
            text = bytes(value).decode().replace("## The approach", f"## The approach {marker}")
            db.execute(
                "UPDATE entries SET value = ? WHERE kind = 'page' AND key = ?", (text.encode(), key)
            )
    return len(rows)


def set_title(project: Path, ident: str, title: str) -> None:
    path = project / "scenarios" / f"{ident}.yml"
    text = re.sub(r"(?m)^title: .*(\n  .*)*", f"title: {title}", path.read_text())
    path.write_text(text)


@pytest.fixture
def warm(project: Path) -> Path:
    build(project)
    assert plant(project, "MARKER") > 20
    return project


def configure(project: Path, option: str) -> None:
    """Add an option line to the playbook plugin's block in the project's mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = config.read_text().replace(
        "      taxonomy: taxonomy.yml\n", f"      taxonomy: taxonomy.yml\n      {option}\n"
    )
    config.write_text(text)


def test_warm_build_equals_cold_build(project: Path, monkeypatch):
    cold = pages(build(project))
    warm = pages(build(project))
    assert warm == cold
    monkeypatch.setenv("PLAYBOOK_CACHE", "false")
    assert pages(build(project)) == cold


def test_warm_build_serves_pages_from_the_cache(warm: Path):
    site = build(warm)
    assert "MARKER" in (site / "scenarios" / "phone-loop-recovery" / "index.html").read_text()


def test_an_edited_scenario_and_the_pages_showing_it_are_rendered_again(warm: Path):
    set_title(warm, "promised-callback-missed", "A fresh title")
    site = build(warm)
    edited = (site / "scenarios" / "promised-callback-missed" / "index.html").read_text()
    assert "MARKER" not in edited and "A fresh title" in edited
    linking = (site / "scenarios" / "phone-loop-recovery" / "index.html").read_text()
    assert "MARKER" not in linking and "A fresh title" in linking  # it lists it as related
    assert "MARKER" not in (site / "scenarios" / "index.html").read_text()
    untouched = (site / "scenarios" / "reference-dilemma" / "index.html").read_text()
    assert "MARKER" in untouched


def test_a_taxonomy_edit_renders_every_page_again(warm: Path):
    taxonomy = warm / "taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text().replace("title: Job seeker", "title: Job hunter"))
    site = build(warm)
    for page in pages(site).values():
        assert "MARKER" not in page
    assert "Job hunter" in (site / "scenarios" / "reference-dilemma" / "index.html").read_text()


def test_a_template_override_renders_pages_again(warm: Path):
    templates = warm / "templates"
    templates.mkdir()
    base = Path(__file__).resolve().parent.parent / "plugins" / "scenario_playbook" / "templates"
    text = (base / "scenario.md.j2").read_text().replace("## Pitfalls", "## Traps")
    (templates / "scenario.md.j2").write_text(text)
    configure(warm, "templates: templates")
    site = build(warm)
    page = (site / "scenarios" / "reference-dilemma" / "index.html").read_text()
    assert "MARKER" not in page and "Traps" in page


def test_a_broken_file_is_always_read_and_located(warm: Path, caplog):
    from mkdocs.exceptions import Abort

    path = warm / "scenarios" / "reference-dilemma.yml"
    path.write_text(path.read_text().replace("\nsummary:", "\nsumary:", 1))
    with pytest.raises(Abort):
        build(warm)
    errors = "\n".join(r.getMessage() for r in caplog.records if r.levelname == "ERROR")
    assert re.search(r"scenarios/reference-dilemma\.yml:\d+:1: unknown field 'sumary'", errors)


def test_entries_not_used_by_a_build_are_dropped(project: Path):
    build(project)
    db = project / ".cache" / "playbook" / FILE_NAME
    count = sqlite3.connect(db).execute("SELECT count(*) FROM entries").fetchone()[0]
    (project / "scenarios" / "bringing-in-help-early.yml").unlink()
    for path in (project / "scenarios").glob("*.yml"):  # and the links to it
        path.write_text(path.read_text().replace("  - bringing-in-help-early\n", ""))
    build(project, strict=False)  # the home page still links to it
    after = sqlite3.connect(db).execute("SELECT count(*) FROM entries").fetchone()[0]
    assert 0 < after < count


def test_a_file_with_problems_is_never_cached(project: Path):
    from mkdocs.exceptions import Abort

    clean = len(list((project / "scenarios").glob("*.yml")))
    (project / "scenarios" / "bad-one.yml").write_text(dump(scenario(id="bad-one", tags=["Bad"])))
    with pytest.raises(Abort):
        build(project)
    db = project / ".cache" / "playbook" / FILE_NAME
    models = "SELECT count(*) FROM entries WHERE kind = 'model'"
    assert sqlite3.connect(db).execute(models).fetchone()[0] == clean  # all but the bad one
