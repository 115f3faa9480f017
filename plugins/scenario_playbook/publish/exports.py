"""Machine-readable exports: every scenario as JSON, and the generated pages as Markdown.

- :func:`scenarios_json`: ``scenarios.json``, every scenario and the taxonomy as data, with the
  ``schema_version`` of the scenario shape. The plugin writes it, with the JSON Schema of a
  scenario file, next to the hosted site; ``playbook export --format json OUT`` writes the same.
- :func:`export_markdown`: a folder any Markdown-based generator can publish: ``OUT/docs/``
  holds the hand-written pages, the generated pages exactly as the plugin hands them to MkDocs,
  the plugin's CSS and JavaScript, ``scenarios.json`` and the schema; ``OUT/mkdocs.yml`` builds
  it with plain MkDocs and Material, or with Zensical, without the playbook plugin.
"""

from __future__ import annotations

import json
import shutil
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from ..core.model import SCHEMA_VERSION, Scenario, Taxonomy
from ..core.schema import SCHEMA_PATH, schema_text
from ..render import site
from ..search.script import SITE_SCRIPTS, site_scripts
from . import outputs

SCENARIOS_JSON = "scenarios.json"


def scenarios_document(scenarios: dict[str, Scenario], taxonomy: Taxonomy) -> dict[str, Any]:
    """Every scenario and the taxonomy as plain data (what ``scenarios.json`` holds)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "schema": SCHEMA_PATH,
        "generator": f"scenario-playbook {version('scenario-playbook')}",
        "taxonomy": taxonomy.model_dump(mode="json"),
        "scenarios": [scenarios[i].model_dump(mode="json") for i in sorted(scenarios)],
    }


def scenarios_json(scenarios: dict[str, Scenario], taxonomy: Taxonomy) -> str:
    """:func:`scenarios_document` as JSON, one scenario per line.

    Each scenario is serialised by pydantic's own (compiled) serialiser: fifteen times faster
    than building Python dicts for :func:`json.dumps`, which matters at thousands of scenarios.
    """
    head = scenarios_document({}, taxonomy)
    del head["scenarios"]
    items = ",\n".join(scenarios[i].model_dump_json() for i in sorted(scenarios))
    opening = json.dumps(head, ensure_ascii=False)[:-1]
    return f'{opening}, "scenarios": [\n{items}\n]}}\n'


def site_exports(
    scenarios: dict[str, Scenario], taxonomy: Taxonomy, use_directory_urls: bool = True
) -> dict[str, str]:
    """What a built site publishes beside its pages: ``scenarios.json``, the scenario JSON
    Schema and the situation finder's scripts, ``{path in the site: text}``."""
    return {
        SCENARIOS_JSON: scenarios_json(scenarios, taxonomy),
        SCHEMA_PATH: schema_text(),
        **site_scripts(scenarios.values(), use_directory_urls),
    }


def write_site_exports(site_dir: Path, texts: dict[str, str]) -> None:
    """Write :func:`site_exports` into a built site."""
    for name, text in texts.items():
        try:
            outputs.write_in_site(site_dir, name, text)
        except outputs.OutputError as exc:
            raise PluginError(str(exc)) from exc


def plain_config(config: MkDocsConfig, docs_dir: str = "docs") -> dict[str, Any]:
    """A ``mkdocs.yml`` that builds the exported pages with MkDocs and Material alone."""
    theme = {
        key: config.theme[key]
        for key in ("name", "language", "features", "palette", "font", "custom_dir")
        if key in config.theme and config.theme[key] is not None
    }
    theme["name"] = "material"
    theme.pop("custom_dir", None)
    assets = site.asset_files()
    return {
        "site_name": config.site_name,
        "site_description": config.site_description,
        "site_url": config.site_url,
        "docs_dir": docs_dir,
        "theme": theme,
        "nav": config.nav,
        "plugins": ["search", "tags"],
        "markdown_extensions": [
            {name: config.mdx_configs[name]} if config.mdx_configs.get(name) else name
            for name in config.markdown_extensions
        ],
        "extra_css": [p for p in assets if p.endswith(".css")],
        "extra_javascript": [p for p in assets if p.endswith(".js")] + list(SITE_SCRIPTS),
    }


def export_markdown(
    config: MkDocsConfig,
    scenarios: dict[str, Scenario],
    taxonomy: Taxonomy,
    templates: Path | None,
    out: Path,
    *,
    force: bool = False,
) -> list[str]:
    """Write ``out/docs/`` and ``out/mkdocs.yml``; return the generated pages' paths.

    Refuses (:class:`.outputs.OutputError`) to write into the project or over files no export
    wrote, unless ``force``; replaces exactly what the previous export wrote (its manifest).
    """
    docs = out / "docs"
    root = Path(config.config_file_path or ".").resolve().parent
    previous = outputs.markdown_target(out, root, Path(config.docs_dir), force=force)
    outputs.remove_previous(out, previous)
    if force and docs.is_dir() and not docs.is_symlink():
        shutil.rmtree(docs)
    shutil.copytree(config.docs_dir, docs, symlinks=True, dirs_exist_ok=True)
    pages = site.generated_pages(scenarios, taxonomy, templates, config.use_directory_urls)
    # scenarios.json, the schema and the situation finder's scripts, as a built site serves them
    exported = site_exports(scenarios, taxonomy, config.use_directory_urls)
    files: dict[str, str | bytes] = {**pages, **site.asset_files(), **exported}
    for src_uri, content in files.items():
        target = docs / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    written = [p.relative_to(out).as_posix() for p in outputs.files_below(docs)]
    text = yaml.safe_dump(plain_config(config), sort_keys=False, allow_unicode=True)
    (out / "mkdocs.yml").write_text(
        "# Written by 'playbook export --format markdown': the playbook without its plugin.\n"
        + text,
        encoding="utf-8",
    )
    outputs.write_manifest(out, [*written, "mkdocs.yml"])
    return sorted(pages)
