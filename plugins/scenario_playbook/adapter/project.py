"""A playbook project as the CLI sees it: ``mkdocs.yml`` and what the plugin's options name.

The CLI's ``export`` and ``bundle`` read the same configuration as ``mkdocs build``, so they
use the same scenario folder, taxonomy, templates and URL style as the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from ..core.files import OutsideProject, project_path
from ..core.loader import Playbook, load_folder
from ..core.problems import report


class ProjectError(Exception):
    """The project cannot be exported or bundled; the message says why."""


@dataclass
class Project:
    """A site's configuration and the playbook it names, for the CLI."""

    config: MkDocsConfig
    playbook: Playbook
    root: Path
    templates: Path | None


def plugin_options(config: MkDocsConfig) -> Any:
    """The ``playbook`` plugin's options in a loaded configuration."""
    plugin = config.plugins.get("playbook")
    if plugin is None:
        raise ProjectError(f"{config.config_file_path}: the 'playbook' plugin is not configured")
    return plugin.config


def load_project(config_file: Path, **overrides: Any) -> Project:
    """Load ``config_file`` (with MkDocs' own loader) and the playbook it points at.

    Raises :class:`ProjectError` listing every problem in the playbook, if any.
    """
    if not config_file.is_file():
        raise ProjectError(f"{config_file}: no such file")
    config = load_config(str(config_file), **overrides)
    options = plugin_options(config)
    root = config_file.resolve().parent
    try:
        folder = project_path(root, "scenarios", options.scenarios)
        taxonomy = project_path(root, "taxonomy", options.taxonomy)
    except OutsideProject as exc:
        raise ProjectError(f"{config_file}: {exc}") from exc
    playbook = load_folder(folder, taxonomy, base=root)
    if playbook.problems or playbook.taxonomy is None:
        raise ProjectError(report(playbook.problems))
    templates = Path(options.templates) if options.templates else None
    return Project(config, playbook, root, templates)
