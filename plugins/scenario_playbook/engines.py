"""The engines a playbook site can be built with, and how each one builds it.

- ``mkdocs``: MkDocs 1.6 + Material + the playbook plugin (the locked default stack);
- ``properdocs``: ProperDocs, the maintained fork of MkDocs 1.6, which runs Material and the
  playbook plugin unchanged (it reads the ``mkdocs.plugins`` entry points and aliases every
  ``mkdocs`` import to itself);
- ``zensical``: Zensical, which reads ``mkdocs.yml`` but runs no MkDocs plugin: it builds the
  folder that ``playbook export --format markdown`` writes (same pages, assets,
  ``scenarios.json`` and schema), with its own search.

Each engine lives in its own environment (``make build ENGINE=...`` installs ``.venv-ENGINE``
from its locked dependency group); the functions here take the folder of that environment's
programs. Run as ``python -m scenario_playbook.engines build|bundle ENGINE`` with the engine's
own Python (the Makefile does).
"""

from __future__ import annotations

import argparse
import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ENGINES = ("mkdocs", "properdocs", "zensical")
DEFAULT_ENGINE = "mkdocs"
#: Zensical writes its site inside the project it builds; the export goes here first.
EXPORT_DIR = Path("build") / "zensical"


class EngineError(Exception):
    """An engine could not build the site; the message says why."""


def check_engine(engine: str) -> str:
    if engine not in ENGINES:
        raise EngineError(f"unknown engine '{engine}': choose one of {', '.join(ENGINES)}")
    return engine


def program(bin_dir: Path, name: str) -> str:
    path = bin_dir / name
    if not path.is_file():
        raise EngineError(f"{path}: not installed (run: make build ENGINE=...)")
    return str(path)


def _run(args: list[str], cwd: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        output = (done.stdout + done.stderr).strip()
        raise EngineError(f"{' '.join(args)} failed ({done.returncode}):\n{output}")


_HREF = re.compile(r'(\shref=")([^"]*)(")')


def source_relative(src_uri: str, markdown: str) -> str:
    """A generated page's HTML links, made relative to its source file instead of its URL.

    The plugin's pages carry raw HTML whose relative links name the page's URL
    (``families/x.md`` is served at ``families/x/``, so a scenario is ``../../scenarios/y/``),
    which MkDocs leaves as they are. Zensical reads every relative link in raw HTML as
    relative to the source file, like a Markdown link, and adds a ``../`` for a directory URL;
    this gives it the link it expects (``../scenarios/y/``), so both serve the same URLs.
    Index pages (``index.md``) are served in their own folder and need nothing.
    """
    if posixpath.basename(src_uri) == "index.md":
        return markdown
    page_url = posixpath.splitext(src_uri)[0] + "/"
    source_dir = posixpath.dirname(src_uri)

    def rewrite(match: re.Match[str]) -> str:
        parts = urlsplit(match[2])
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            return match[0]
        target = posixpath.normpath(posixpath.join(page_url, parts.path))
        path = posixpath.relpath(target, source_dir or ".")
        if parts.path.endswith("/") and not path.endswith("/"):
            path += "/"
        return match[1] + urlunsplit(parts._replace(path=path)) + match[3]

    return _HREF.sub(rewrite, markdown)


def export_for_zensical(config_file: Path, out: Path) -> list[str]:
    """``playbook export --format markdown out``, with the generated pages' HTML links made
    relative to their source files (:func:`source_relative`); return the generated pages."""
    from .exports import export_markdown
    from .project import load_project

    project = load_project(config_file)
    taxonomy = project.playbook.taxonomy
    assert taxonomy is not None  # load_project raises on a broken taxonomy
    pages = export_markdown(
        project.config, project.playbook.scenarios, taxonomy, project.templates, out
    )
    if project.config.use_directory_urls:
        for src_uri in pages:
            path = out / "docs" / src_uri
            text = path.read_text(encoding="utf-8")
            path.write_text(source_relative(src_uri, text), encoding="utf-8")
    return pages


def build_site(engine: str, config_file: Path, site_dir: Path, bin_dir: Path) -> None:
    """Build the site of ``config_file`` with ``engine`` into ``site_dir``, strictly."""
    check_engine(engine)
    config_file = config_file.resolve()
    root = config_file.parent
    site_dir = site_dir if site_dir.is_absolute() else root / site_dir
    if engine in ("mkdocs", "properdocs"):
        command = [program(bin_dir, engine), "build", "--strict", "-f", str(config_file)]
        _run([*command, "--site-dir", str(site_dir)], root)
        return
    out = root / EXPORT_DIR
    export_for_zensical(config_file, out)
    _run([program(bin_dir, "zensical"), "build", "--strict", "--clean"], out)
    if site_dir.exists():
        shutil.rmtree(site_dir)
    shutil.move(out / "site", site_dir)


def bundle(engine: str, config_file: Path, dist: Path) -> tuple[Path, Path]:
    """``playbook bundle`` with ``engine``'s build (MkDocs or ProperDocs: Material's offline
    plugin runs only under the engines that run MkDocs plugins)."""
    if check_engine(engine) == "zensical":
        raise EngineError("zensical: no offline bundle (see ENGINES.md)")
    if engine == "properdocs":
        # every 'mkdocs' import from here on, Material's and ours, is ProperDocs
        import properdocs.replacement  # noqa: F401
    from .bundle import make_bundle
    from .project import ProjectError

    try:
        return make_bundle(config_file, dist)
    except ProjectError as exc:
        raise EngineError(str(exc)) from exc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scenario_playbook.engines")
    parser.add_argument("action", choices=("build", "bundle"))
    parser.add_argument("engine", choices=ENGINES)
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--dist", type=Path, default=Path("dist"))
    args = parser.parse_args(argv)
    try:
        if args.action == "build":
            build_site(args.engine, args.config, args.site_dir, Path(sys.executable).parent)
            print(f"{args.engine}: built {args.site_dir}", file=sys.stderr)
        else:
            for path in bundle(args.engine, args.config, args.dist):
                print(f"wrote {path}")
    except EngineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
