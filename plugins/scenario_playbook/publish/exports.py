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
from collections.abc import Iterable, Iterator, Mapping
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


#: Per scenario id: the model last serialised and its JSON (see :func:`scenarios_json`).
JsonMemo = dict[str, tuple[Scenario, str]]


def scenarios_json(
    scenarios: dict[str, Scenario], taxonomy: Taxonomy, memo: JsonMemo | None = None
) -> str:
    """:func:`scenarios_document` as JSON, one scenario per line (:func:`scenarios_json_parts`
    joined)."""
    return "".join(scenarios_json_parts(scenarios, taxonomy, memo))


def scenarios_json_parts(
    scenarios: dict[str, Scenario], taxonomy: Taxonomy, memo: JsonMemo | None = None
) -> Iterator[str]:
    """:func:`scenarios_json` piece by piece, one scenario at a time: written to a file as it
    comes, thousands of scenarios never sit in memory as one text.

    Each scenario is serialised by pydantic's own (compiled) serialiser: fifteen times faster
    than building Python dicts for :func:`json.dumps`, which matters at thousands of scenarios.
    With a ``memo`` (serve), a scenario that is the very model serialised last time (models
    are immutable once loaded, and a rebuild keeps the unchanged ones) is not serialised again.
    """
    head = scenarios_document({}, taxonomy)
    del head["scenarios"]
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "scenarios": [\n'
    for n, i in enumerate(sorted(scenarios)):
        yield (",\n" if n else "") + _scenario_json(scenarios[i], memo)
    yield "\n]}\n"


def _scenario_json(scenario: Scenario, memo: JsonMemo | None) -> str:
    if memo is None:
        return scenario.model_dump_json()
    known = memo.get(scenario.id)
    if known is not None and known[0] is scenario:
        return known[1]
    text = scenario.model_dump_json()
    memo[scenario.id] = (scenario, text)
    return text


#: An export's text, whole or in pieces (see :func:`export_parts`).
Text = str | Iterable[str]


def site_exports(
    scenarios: dict[str, Scenario], taxonomy: Taxonomy, use_directory_urls: bool = True
) -> dict[str, str]:
    """What a built site publishes beside its pages: ``scenarios.json``, the scenario JSON
    Schema and the situation finder's scripts, ``{path in the site: text}`` (:func:`export_parts`
    made whole)."""
    parts = export_parts(scenarios, taxonomy, use_directory_urls)
    return {name: text if isinstance(text, str) else "".join(text) for name, text in parts.items()}


def export_parts(
    scenarios: dict[str, Scenario],
    taxonomy: Taxonomy,
    use_directory_urls: bool = True,
    json_memo: JsonMemo | None = None,
) -> dict[str, Text]:
    """What a built site publishes beside its pages, with ``scenarios.json`` still to be made,
    in pieces, as it is written (:func:`write_site_exports`); ``json_memo``: see
    :func:`scenarios_json_parts`."""
    if json_memo is not None:  # forget the scenarios that are gone
        for gone in set(json_memo) - set(scenarios):
            del json_memo[gone]
    return {
        SCENARIOS_JSON: scenarios_json_parts(scenarios, taxonomy, json_memo),
        SCHEMA_PATH: schema_text(),
        **site_scripts(scenarios.values(), use_directory_urls, taxonomy.outside),
    }


def write_site_exports(site_dir: Path, texts: Mapping[str, Text]) -> list[str]:
    """Write :func:`site_exports` (or :func:`export_parts`) into a built site; return the
    names written."""
    for name, text in texts.items():
        try:
            outputs.write_in_site(site_dir, name, text)
        except outputs.OutputError as exc:
            raise PluginError(str(exc)) from exc
    return list(texts)


def move_site_exports(site_dir: Path, folder: Path, names: Iterable[str]) -> None:
    """Copy into a built site the exports a worker wrote into ``folder`` (a block at a time:
    never whole in memory), then remove ``folder``."""
    try:
        for name in names:
            try:
                outputs.copy_in_site(site_dir, name, folder / name)
            except outputs.OutputError as exc:
                raise PluginError(str(exc)) from exc
    finally:
        shutil.rmtree(folder, ignore_errors=True)


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
