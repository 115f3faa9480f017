"""Glue between a loaded playbook and a site: the pages and assets to generate, and the
problems that only a site can have (a generated page hiding a hand-written one)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from . import render
from .model import Scenario, Taxonomy
from .problems import Problem

ASSETS = Path(__file__).parent / "assets"
ASSET_PREFIX = "assets/playbook/"


def asset_files() -> dict[str, bytes]:
    """The plugin's own CSS and JavaScript, by their path in the site."""
    return {
        ASSET_PREFIX + p.name: p.read_bytes()
        for p in sorted(ASSETS.iterdir())
        if p.suffix in {".css", ".js"}
    }


def generated_pages(
    scenarios: dict[str, Scenario],
    taxonomy: Taxonomy,
    templates: str | Path | None,
    use_directory_urls: bool,
) -> dict[str, str]:
    """The generated pages, ``{src_uri: markdown}``, exactly as the plugin hands them to MkDocs."""
    env = render.environment([Path(templates)] if templates else [])
    return render.render_pages(scenarios, taxonomy, use_directory_urls=use_directory_urls, env=env)


def collisions(
    generated: Iterable[str], existing: Iterable[str], docs_dir: str, origin: dict[str, str]
) -> list[Problem]:
    """A generated page must not silently replace a hand-written one."""
    taken = set(existing)
    out = []
    for src in generated:
        if src in taken:
            shown = origin.get(src, "the playbook")
            out.append(
                Problem(
                    shown,
                    1,
                    1,
                    "page-collision",
                    f"would generate '{src}', but {docs_dir}/{src} already exists; "
                    "rename one of them",
                )
            )
    return out


def outside(dest_paths: Iterable[str], site_dir: str) -> list[str]:
    """The output paths that would land outside ``site_dir`` (none should, whatever an id is)."""
    root = Path(site_dir).resolve()
    return [p for p in dest_paths if not Path(p).resolve().is_relative_to(root)]
