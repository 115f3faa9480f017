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
programs. Run as ``python -m scenario_playbook.publish.engines build|bundle ENGINE`` with the
engine's own Python (the Makefile does).
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
    """The engine's name, refused unless it is one of :data:`ENGINES`."""
    if engine not in ENGINES:
        raise EngineError(f"unknown engine '{engine}': choose one of {', '.join(ENGINES)}")
    return engine


def program(bin_dir: Path, name: str) -> str:
    """The path of a program in an engine's environment; refused when not installed."""
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
    from ..adapter.project import ProjectError, load_project
    from .exports import export_markdown

    try:
        project = load_project(config_file)
    except ProjectError as exc:
        raise EngineError(str(exc)) from exc
    taxonomy = project.playbook.taxonomy
    assert taxonomy is not None  # load_project raises on a broken taxonomy
    pages = export_markdown(
        project.config, project.playbook.scenarios, taxonomy, project.templates, out
    )
    for src_uri in pages:
        path = out / "docs" / src_uri
        text = unindexed_lists(path.read_text(encoding="utf-8"))
        if project.config.use_directory_urls:
            text = source_relative(src_uri, text)
        path.write_text(text, encoding="utf-8")
    return pages


def unindexed_lists(markdown: str) -> str:
    """Scenario lists (the index, families, principles...) left out of Zensical's search.

    Zensical's search refuses a page section of over 32,768 token positions (at 1,000 scenarios, the
    index's list is twice that, and the build fails); each scenario's title and summary are
    indexed on its own page anyway. ``data-search-exclude`` is Zensical's documented marker.
    """
    return markdown.replace('<ul class="pb-index"', '<ul class="pb-index" data-search-exclude')


def build_site(
    engine: str, config_file: Path, site_dir: Path, bin_dir: Path, *, strict: bool = True
) -> None:
    """Build the site of ``config_file`` with ``engine`` into ``site_dir`` (abort on any
    warning when ``strict``)."""
    check_engine(engine)
    config_file = config_file.resolve()
    root = config_file.parent
    site_dir = site_dir if site_dir.is_absolute() else root / site_dir
    if engine in ("mkdocs", "properdocs"):
        command = [program(bin_dir, engine), "build", "-f", str(config_file)]
        _run([*command, "--site-dir", str(site_dir), *(["--strict"] if strict else [])], root)
        return
    out = root / EXPORT_DIR
    export_for_zensical(config_file, out)
    _run([program(bin_dir, "zensical"), "build", "--clean", *(["--strict"] if strict else [])], out)
    if site_dir.exists():
        shutil.rmtree(site_dir)
    shutil.move(out / "site", site_dir)


def bundle(engine: str, config_file: Path, dist: Path) -> list[Path]:
    """``playbook bundle`` with ``engine``: the offline zip (MkDocs or ProperDocs: Material's
    offline plugin and ours run only under engines that run MkDocs plugins) and the one-file
    edition (rendered by the playbook itself, whatever the engine); return what was written."""
    if check_engine(engine) == "properdocs":
        # every 'mkdocs' import from here on, Material's and ours, is ProperDocs
        import properdocs.replacement  # noqa: F401
    from ..adapter.project import ProjectError

    try:
        if engine == "zensical":
            return [onefile_edition(config_file, dist)]
        from .bundle import make_bundle

        return list(make_bundle(config_file, dist))
    except ProjectError as exc:
        raise EngineError(str(exc)) from exc


def onefile_edition(config_file: Path, dist: Path) -> Path:
    """The one-file edition alone (no site build), refused if it would load from the web."""
    from ..adapter.project import load_project
    from .bundle import bundle_names
    from .hostscan import scan_html
    from .onefile import render_onefile

    name = bundle_names()[1]
    page = render_onefile(load_project(config_file))
    remote = [f"{name}:{line}:{col}: loads from {url}" for line, col, url in scan_html(page)]
    if remote:
        raise EngineError("the one-file edition would load from other hosts:\n" + "\n".join(remote))
    dist.mkdir(parents=True, exist_ok=True)
    (dist / name).write_text(page, encoding="utf-8")
    return dist / name


def main(argv: list[str] | None = None) -> int:
    """``python -m scenario_playbook.publish.engines build|bundle|export ENGINE``."""
    parser = argparse.ArgumentParser(prog="python -m scenario_playbook.publish.engines")
    parser.add_argument("action", choices=("build", "bundle", "export"))
    parser.add_argument("engine", choices=ENGINES)
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--dist", type=Path, default=Path("dist"))
    parser.add_argument("--no-strict", dest="strict", action="store_false")
    args = parser.parse_args(argv)
    try:
        if args.action == "export":  # what Zensical builds or serves, in EXPORT_DIR
            if check_engine(args.engine) != "zensical":
                raise EngineError(f"{args.engine} builds mkdocs.yml itself: nothing to export")
            pages = export_for_zensical(args.config, args.config.resolve().parent / EXPORT_DIR)
            print(f"wrote {len(pages)} generated page(s) to {EXPORT_DIR}", file=sys.stderr)
        elif args.action == "build":
            bin_dir = Path(sys.executable).parent
            build_site(args.engine, args.config, args.site_dir, bin_dir, strict=args.strict)
            print(f"{args.engine}: built {args.site_dir}", file=sys.stderr)
        else:
            for path in bundle(args.engine, args.config, args.dist):
                print(f"wrote {path}")
            if args.engine == "zensical":
                print(
                    "zensical: no offline zip (ENGINES.md); use ENGINE=properdocs", file=sys.stderr
                )
    except EngineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
