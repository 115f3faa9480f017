"""``playbook bundle``: the offline zip and the one-file edition, checked before they are written.

The site is built with Material's ``offline`` plugin (switched on through ``PLAYBOOK_OFFLINE``)
into a temporary folder; every HTML, CSS and JavaScript file in it is scanned for loads from
another host (:mod:`.hostscan`). Only when the build and the scan pass is
``DIST/<name>-offline-<version>.zip`` written, and likewise ``DIST/<name>-<version>.html``.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import zipfile
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

from mkdocs.commands.build import build

from ..adapter.project import ProjectError, load_project
from ..core.problems import Problem
from . import onefile
from .hostscan import scan_html, scan_tree

NAME = "scenario-playbook"
OFFLINE_ENV = "PLAYBOOK_OFFLINE"


def bundle_names() -> tuple[str, str]:
    """The zip's and the one-file edition's file names."""
    release = version(NAME)
    return f"{NAME}-offline-{release}.zip", f"{NAME}-{release}.html"


@contextlib.contextmanager
def _env(name: str, value: str) -> Iterator[None]:
    old = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = old


def _fail(problems: list[Problem], what: str) -> ProjectError:
    listing = "\n".join(p.text() for p in problems)
    return ProjectError(f"{what} would load from other hosts; nothing written:\n{listing}")


def _zip(site: Path, target: Path, top: str) -> None:
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(site.rglob("*")):
            if path.is_file():
                archive.write(path, f"{top}/{path.relative_to(site).as_posix()}")
    partial.replace(target)


def build_offline(config_file: Path, site_dir: Path) -> None:
    """Build the site with the offline plugin into ``site_dir``; raise on any problem."""
    with _env(OFFLINE_ENV, "true"):
        project = load_project(config_file, site_dir=str(site_dir), strict=True)
    offline = project.config.plugins.get("material/offline")
    if offline is None or not offline.config.enabled:
        raise ProjectError(
            f"{config_file}: Material's offline plugin is not configured with "
            f"'enabled: !ENV [{OFFLINE_ENV}, false]'"
        )
    if project.config.repo_url:
        raise ProjectError(f"{config_file}: repo_url makes pages call a code host's API")
    build(project.config)


def make_bundle(config_file: Path, dist: Path) -> tuple[Path, Path]:
    """Build, scan and write the offline zip and the one-file edition; return their paths."""
    zip_name, html_name = bundle_names()
    with tempfile.TemporaryDirectory(prefix="playbook-bundle-") as tmp:
        site = Path(tmp) / "site"
        build_offline(config_file, site)
        problems = scan_tree(site)
        if problems:
            raise _fail(problems, "the offline bundle")
        project = load_project(config_file)
        page = onefile.render_onefile(project)
        problems = [
            Problem(html_name, line, col, "remote-load", f"loads from another host: {url}")
            for line, col, url in scan_html(page)
        ]
        if problems:
            raise _fail(problems, "the one-file edition")
        dist.mkdir(parents=True, exist_ok=True)
        _zip(site, dist / zip_name, zip_name.removesuffix(".zip"))
        (dist / html_name).write_text(page, encoding="utf-8")
    return dist / zip_name, dist / html_name
