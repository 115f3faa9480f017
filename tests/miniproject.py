"""A small copy of the project for tests that run MkDocs for real (serve, link check): the
repo's mkdocs.yml, taxonomy and hand-written pages, with a few test scenarios of its own."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import ROOT, dump, scenario


def mini_project(folder: Path, titles: dict[str, str]) -> Path:
    """Write ``folder`` with one valid scenario per ``{id: title}``; return ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copy(ROOT / "taxonomy.yml", folder / "taxonomy.yml")
    for name in ("playbook", "overrides"):
        shutil.copytree(ROOT / name, folder / name)
    for page in ("index.md", "using-a-scenario.md"):  # the nav names them
        path = folder / "playbook" / page
        if not path.exists():
            path.write_text(f"# {page}\n", encoding="utf-8")
    (folder / "scenarios").mkdir()
    for ident, title in titles.items():
        text = dump(scenario(id=ident, title=title))
        (folder / "scenarios" / f"{ident}.yml").write_text(text, encoding="utf-8")
    return folder
