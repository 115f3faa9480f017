"""The hosted site's extras (site_url from the environment, sitemap, 404, social meta, exports)
and ``playbook export`` in both formats, the Markdown one built by plain MkDocs + Material."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from helpers import ROOT, build, copy_project, dump, scenario, soup
from scenario_playbook.cli import main
from scenario_playbook.core.model import SCHEMA_VERSION
from scenario_playbook.core.schema import scenario_schema, schema_text
from scenario_playbook.render.pages import render_pages

SITE_URL = "https://playbook.test/team/"
TRICKY = 'Say "no" & <mean> it, then listen.'


@pytest.fixture(scope="module")
def hosted(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hosted") / "project")
    data = scenario(id="tricky-summary", summary=TRICKY, title='A "quoted" <title>', related=[])
    (project / "scenarios" / "tricky-summary.yml").write_text(dump(data), encoding="utf-8")
    mp = pytest.MonkeyPatch()
    mp.setenv("PLAYBOOK_SITE_URL", SITE_URL)
    try:
        return build(project)
    finally:
        mp.undo()


@pytest.mark.build
def test_site_url_comes_from_the_environment_with_sitemap_and_404(hosted: Path):
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    tree = ElementTree.parse(hosted / "sitemap.xml")
    locs = [loc.text or "" for loc in tree.iter(f"{ns}loc")]
    assert locs and all(loc.startswith(SITE_URL) for loc in locs)
    assert f"{SITE_URL}scenarios/tricky-summary/" in locs
    assert (hosted / "404.html").is_file()
    page = soup(hosted / "scenarios" / "tricky-summary" / "index.html")
    assert page.find("link", rel="canonical")["href"] == f"{SITE_URL}scenarios/tricky-summary/"


def test_scenario_pages_carry_social_meta_escaped(hosted: Path):
    page = soup(hosted / "scenarios" / "tricky-summary" / "index.html")

    def meta(**attrs: str) -> str:
        return page.find("meta", attrs=attrs)["content"]

    assert meta(name="description") == TRICKY
    assert meta(property="og:description") == TRICKY
    assert meta(name="twitter:description") == TRICKY
    assert meta(property="og:title") == 'A "quoted" <title>'
    assert meta(property="og:url") == f"{SITE_URL}scenarios/tricky-summary/"
    assert meta(property="og:type") == "article"
    assert not soup(hosted / "index.html").find("meta", property="og:type")


@pytest.mark.build
def test_site_exports_scenarios_json_and_schema(hosted: Path):
    data = json.loads((hosted / "scenarios.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION
    ids = [s["id"] for s in data["scenarios"]]
    expected = {p.stem for p in (ROOT / "scenarios").glob("*.yml")} | {"tricky-summary"}
    assert ids == sorted(expected)
    schema = (hosted / "schema" / "scenario.schema.json").read_text(encoding="utf-8")
    assert schema == schema_text()
    for item in data["scenarios"]:
        jsonschema.validate({k: v for k, v in item.items() if v is not None}, scenario_schema())
    tricky = next(s for s in data["scenarios"] if s["id"] == "tricky-summary")
    assert tricky["summary"] == TRICKY


def test_export_json_writes_the_sites_data(tmp_path: Path, monkeypatch):
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["export", "--format", "json", "out/scenarios.json"])
    assert result.exit_code == 0, result.output
    data = json.loads((project / "out" / "scenarios.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION
    assert {s["id"] for s in data["scenarios"]} == {
        p.stem for p in (ROOT / "scenarios").glob("*.yml")
    }


def test_export_markdown_builds_without_the_plugin(tmp_path: Path, monkeypatch, repo_site: Path):
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["export", "--format", "markdown", "out"])
    assert result.exit_code == 0, result.output
    out = project / "out"
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == ["search", "tags"] and config["docs_dir"] == "docs"
    from scenario_playbook.core.loader import load_folder

    pb = load_folder(project / "scenarios", project / "taxonomy.yml", base=project)
    pages = render_pages(pb.scenarios, pb.taxonomy, use_directory_urls=True)
    for src, text in pages.items():
        assert (out / "docs" / src).read_text(encoding="utf-8") == text, src
    assert (out / "docs" / "tags.md").is_file()
    site = build(out)
    for ident in pb.scenarios:
        plain = soup(site / "scenarios" / ident / "index.html").select_one("article")
        ours = soup(repo_site / "scenarios" / ident / "index.html").select_one("article")
        assert str(plain) == str(ours), ident


def test_pages_workflow_builds_strict_and_deploys_from_main():
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    assert flow[True]["push"]["branches"] == ["main"]
    steps = flow["jobs"]["build"]["steps"]
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    assert "actions/checkout" in uses and "actions/upload-pages-artifact" in uses
    # make build installs exactly uv.lock, then runs mkdocs build --strict (the default engine)
    build = next(s for s in steps if s.get("run", "").startswith("make build"))
    assert build["run"].strip() == 'make build ENGINE="$ENGINE"'
    engine = build["env"]["ENGINE"]
    assert engine == "${{ inputs.engine || vars.PLAYBOOK_ENGINE || 'mkdocs' }}"
    dispatch = flow[True]["workflow_dispatch"]["inputs"]["engine"]
    assert dispatch["default"] == "mkdocs"
    assert dispatch["options"] == ["mkdocs", "properdocs", "zensical"]
    makefile = (ROOT / "Makefile").read_text()
    assert "\n\t$(BIN)/mkdocs build --strict\n" in makefile.split("\nbuild:", 1)[1]
    assert flow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_fast_json_equals_the_document():
    """scenarios.json is written by pydantic's serialiser; it must mean the same data."""
    from scenario_playbook.core.loader import load_folder
    from scenario_playbook.publish.exports import scenarios_document, scenarios_json

    playbook = load_folder(ROOT / "scenarios", ROOT / "taxonomy.yml", base=ROOT)
    text = scenarios_json(playbook.scenarios, playbook.taxonomy)
    assert json.loads(text) == scenarios_document(playbook.scenarios, playbook.taxonomy)
