"""The build cache: warm builds serve unchanged work from disk, and every input that shapes a
page (the scenario, the ones it links to, the taxonomy, templates) invalidates it."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from helpers import build, dump, scenario, soup
from scenario_playbook.core import build_cache as cache
from scenario_playbook.core.build_cache import FILE_NAME

pytestmark = pytest.mark.build


def pages(site: Path) -> dict[str, str]:
    """The article of every generated page, by its path in the site."""
    out = {}
    for section in ("scenarios", "families", "principles"):
        for html in sorted((site / section).rglob("index.html")):
            out[html.relative_to(site).as_posix()] = str(soup(html).select_one("article"))
    return out


def plant(project: Path, marker: str, secret_key: bytes | None = None) -> int:
    """Overwrite every cached page with a marker, sealed with this machine's key (the test
    knows it): only a build that reads the cache shows it. With another ``secret_key``, the
    entries are forgeries, as a crafted database committed to a branch would be."""
    own = cache.secret()
    with sqlite3.connect(project / ".cache" / "playbook" / FILE_NAME) as db:
        rows = db.execute("SELECT key, value FROM entries WHERE kind = 'page'").fetchall()
        for key, value in rows:
            text = cache.unseal(own, "page", key, bytes(value))
            assert text is not None
            text = text.replace(b"\n## ", f"\n## {marker} ".encode(), 1)  # the first heading
            sealed = cache.seal(secret_key or own, "page", key, text)
            db.execute(
                "UPDATE entries SET value = ? WHERE kind = 'page' AND key = ?", (sealed, key)
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
    # of the family pages, only the one listing it
    own = (site / "families" / "service-recovery" / "index.html").read_text()
    assert "MARKER" not in own and "A fresh title" in own
    other = (site / "families" / "reference-dilemmas" / "index.html").read_text()
    assert "MARKER" in other  # it does not list the scenario: kept


def test_an_overridden_family_template_renders_every_family_page_again(warm: Path):
    """A project's own term.md.j2 may show any scenario: its pages depend on all of them."""
    templates = warm / "templates"
    templates.mkdir()
    base = Path(__file__).resolve().parent.parent / "plugins" / "scenario_playbook" / "templates"
    text = (base / "term.md.j2").read_text() + "\n{{ site.scenarios|length }} in all\n"
    (templates / "term.md.j2").write_text(text)
    configure(warm, "templates: templates")
    build(warm)
    assert plant(warm, "MARKER") > 20
    set_title(warm, "promised-callback-missed", "A fresh title")
    site = build(warm)
    for page in (site / "families").rglob("index.html"):
        assert "MARKER" not in page.read_text(), page


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


# The cache is untrusted input: a branch can commit one, and its keys are computable.


def warnings_of(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]


@pytest.mark.parametrize("parallel", ["true", "false"])
def test_a_forged_entry_is_ignored(project: Path, monkeypatch, caplog, parallel: str):
    monkeypatch.setenv("PLAYBOOK_PARALLEL", parallel)
    build(project)
    assert plant(project, "<script>alert(1)</script>", secret_key=b"a key from elsewhere" * 2) > 20
    site = build(project, strict=False)
    for page in pages(site).values():
        assert "alert(1)" not in page
    said = [w for w in warnings_of(caplog) if "failed verification" in w]
    assert len(said) <= 1, said  # one line at most, however many entries were forged
    assert pages(build(project)) == pages(site)  # made again, sealed: the next build is clean


@pytest.mark.parametrize(
    ("damage", "parallel"),
    [
        pytest.param(
            lambda db: db.write_bytes(b"not a database at all\n" * 100), "true", id="junk"
        ),
        pytest.param(lambda db: db.write_bytes(db.read_bytes()[:5000]), "false", id="truncated"),
        pytest.param(lambda db: db.write_bytes(b""), "true", id="empty"),
    ],
)
def test_a_damaged_cache_is_rebuilt_with_one_warning(
    project: Path, monkeypatch, caplog, damage, parallel: str
):
    monkeypatch.setenv("PLAYBOOK_PARALLEL", parallel)
    cold = pages(build(project))
    db = project / ".cache" / "playbook" / FILE_NAME
    damage(db)
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    caplog.clear()
    assert pages(build(project, strict=False)) == cold
    assert len(warnings_of(caplog)) <= 1, warnings_of(caplog)
    caplog.clear()
    assert pages(build(project)) == cold  # rebuilt: the next build is clean and strict


def test_a_cache_folder_that_is_a_file_is_ignored_with_one_warning(project: Path, caplog):
    (project / ".cache").write_text("I am a file\n")
    site = build(project, strict=False)
    assert (site / "scenarios" / "reference-dilemma" / "index.html").is_file()
    said = warnings_of(caplog)
    assert len(said) == 1 and "building without a cache" in said[0], said
    assert (project / ".cache").read_text() == "I am a file\n"


def test_a_cache_symlink_out_of_the_project_is_refused(project: Path, tmp_path: Path, caplog):
    from mkdocs.exceptions import Abort, PluginError

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (project / ".cache").symlink_to(outside)
    with pytest.raises((Abort, PluginError)):
        build(project)
    assert any(".cache is a symbolic link" in r.getMessage() for r in caplog.records)
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("where", ["../outside-cache", "/tmp/playbook-cache", "."])
def test_a_cache_dir_outside_the_project_is_refused(project: Path, where: str, caplog):
    from mkdocs.exceptions import Abort, PluginError

    configure(project, f"cache_dir: {where}")
    with pytest.raises((Abort, PluginError)):
        build(project)
    assert any("is outside the project" in r.getMessage() for r in caplog.records)
    assert not (project.parent / "outside-cache").exists()


def test_no_build_cache_is_committed():
    """CI builds a fresh clone: a cache in the repository would be read by it."""
    import subprocess

    root = Path(__file__).resolve().parent.parent
    tracked = subprocess.run(
        ["git", "ls-files", "--", ".cache"], cwd=root, capture_output=True, text=True, check=True
    )
    assert tracked.stdout == ""


@pytest.mark.parametrize(
    ("option", "where"),
    [("scenarios", "../elsewhere"), ("scenarios", "/tmp"), ("taxonomy", "/etc/t.yml")],
)
def test_plugin_paths_outside_the_project_are_refused(project: Path, option, where, caplog):
    from mkdocs.exceptions import Abort, PluginError

    configure(project, f"{option}: {where}")
    with pytest.raises((Abort, PluginError)):
        build(project)
    assert any(
        f"{option} '{where}' is outside the project" in r.getMessage() for r in caplog.records
    )


def test_a_scenario_folder_linked_out_of_the_project_is_refused_by_build_and_cli(
    project: Path, tmp_path_factory, caplog
):
    """A link inside the project that leads out of it is outside too, for the build and for
    the commands that read mkdocs.yml (export, bundle)."""
    from click.testing import CliRunner
    from mkdocs.exceptions import Abort, PluginError

    from scenario_playbook.cli import main

    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (project / "linked").symlink_to(elsewhere, target_is_directory=True)
    configure(project, "scenarios: linked")
    with pytest.raises((Abort, PluginError)):
        build(project)
    assert any(
        "scenarios 'linked' is outside the project" in r.getMessage() for r in caplog.records
    )
    result = CliRunner().invoke(
        main,
        [
            "export",
            "--format",
            "json",
            str(tmp_path_factory.mktemp("out") / "scenarios.json"),
            "--config",
            str(project / "mkdocs.yml"),
        ],
    )
    assert result.exit_code == 1
    assert "scenarios 'linked' is outside the project" in result.output
