"""Where exports may write: never into the project's own files, never over files an export did
not write, never through a symbolic link.

``playbook export --format markdown OUT`` records what it wrote in ``OUT/`` :data:`MANIFEST`;
the next export into ``OUT`` replaces exactly those files and refuses to touch any other one
unless told to (``--force``). Site exports (``scenarios.json``, the schema) replace a link in
``site/`` by a file instead of writing where it points.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

MANIFEST = ".playbook-export.json"
GENERATOR = "scenario-playbook"


class OutputError(Exception):
    """An export would destroy something or write outside where it may; the message says what."""


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def _no_link(path: Path, stop: Path) -> None:
    """Refuse ``path`` if it or a folder between ``stop`` and it is a symbolic link."""
    here = path
    while here != stop and stop in here.parents:
        if here.is_symlink():
            raise OutputError(f"{here} is a symbolic link; exports never write through one")
        here = here.parent


def _previous(out: Path) -> set[str]:
    """The files the last export into ``out`` wrote (relative paths), from its manifest."""
    manifest = out / MANIFEST
    if not manifest.is_file() or manifest.is_symlink():
        return set()
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(data, dict) or data.get("generator") != GENERATOR:
        return set()
    files = data.get("files")
    return {f for f in files if isinstance(f, str)} if isinstance(files, list) else set()


def markdown_target(out: Path, root: Path, docs_dir: Path, *, force: bool = False) -> set[str]:
    """Check that ``out`` may receive a Markdown export of the project at ``root``; return the
    files a previous export wrote there (to be replaced)."""
    real = Path(os.path.realpath(out))
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} exists and is not a folder; give a folder for the export")
    if not force and _inside(root.resolve(), real):
        raise OutputError(
            f"{out} is the project itself (or holds it): the export would replace its "
            "mkdocs.yml and pages; give another folder (or --force)"
        )
    pages, target = Path(os.path.realpath(docs_dir)), real / "docs"
    if _inside(pages, target) or _inside(target, pages):
        raise OutputError(
            f"{out / 'docs'} would overlap the project's pages ({docs_dir}); "
            "export into a folder of its own"
        )
    if out.is_symlink() or (out / "docs").is_symlink():
        raise OutputError(f"{out} or {out / 'docs'} is a symbolic link; exports never follow one")
    previous = _previous(out)
    if force:
        return previous
    theirs = [
        p
        for p in [out / "mkdocs.yml", *files_below(out / "docs")]
        if (p.exists() or p.is_symlink()) and p.relative_to(out).as_posix() not in previous
    ]
    if theirs:
        shown = ", ".join(str(p) for p in theirs[:3]) + (" ..." if len(theirs) > 3 else "")
        raise OutputError(
            f"{out} holds {len(theirs)} file(s) no export wrote ({shown}); "
            "export into an empty or new folder (or --force to replace them)"
        )
    return previous


def files_below(folder: Path) -> list[Path]:
    """Every file or link below ``folder``, without following links."""
    if not folder.is_dir() or folder.is_symlink():
        return []
    out = []
    for top, dirs, names in os.walk(folder):
        out += [Path(top, n) for n in names]
        out += [Path(top, d) for d in dirs if Path(top, d).is_symlink()]
    return sorted(out)


def remove_previous(out: Path, previous: Iterable[str]) -> None:
    """Delete the files a previous export wrote (and folders left empty), nothing else."""
    for name in sorted(previous, reverse=True):
        path = out / name
        if ".." in Path(name).parts or Path(name).is_absolute():
            continue
        _no_link(path.parent, out)
        if path.is_file() or path.is_symlink():
            path.unlink()
    for top, _dirs, _names in sorted(os.walk(out / "docs"), reverse=True):
        folder = Path(top)
        if not folder.is_symlink() and not any(folder.iterdir()):
            folder.rmdir()


def write_manifest(out: Path, written: Iterable[str]) -> None:
    """Record the files an export wrote, so the next export replaces exactly those."""
    data = {"generator": GENERATOR, "files": sorted(written)}
    (out / MANIFEST).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def file_target(path: Path, *, ours: bool, force: bool = False) -> None:
    """Check that a one-file export may be written to ``path``: not a folder or a link, and not
    a file some other tool wrote (``ours`` says whether the existing file is an export)."""
    if path.is_symlink():
        raise OutputError(f"{path} is a symbolic link; exports never write through one")
    if path.exists() and not path.is_file():
        raise OutputError(f"{path} exists and is not a file; give a file name")
    if path.exists() and not ours and not force:
        raise OutputError(
            f"{path} exists and was not written by an export; give a new name (or --force)"
        )
    if path.parent.exists() and not path.parent.is_dir():
        raise OutputError(f"{path.parent} is not a folder")


def folder_target(path: Path) -> None:
    """Check that ``path`` can be (or already is) a folder to write into."""
    for here in [path, *path.parents]:
        if here.exists() and not here.is_dir():
            raise OutputError(f"{here} exists and is not a folder")


def _open_in_site(site_dir: Path, name: str) -> int:
    """A file descriptor for writing ``site_dir/name``, replacing a link there by a file and
    never writing outside ``site_dir`` (a kept ``site/`` with ``--dirty`` may hold links from
    an earlier build)."""
    root = Path(os.path.realpath(site_dir))
    path = site_dir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if not Path(os.path.realpath(path.parent)).is_relative_to(root):
        raise OutputError(f"{path.parent} leads outside {site_dir}; not writing {name}")
    if path.is_symlink():
        path.unlink()
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)


def write_in_site(site_dir: Path, name: str, text: str | Iterable[str]) -> None:
    """Write ``site_dir/name``: ``text`` whole, or its pieces in turn (see :func:`_open_in_site`
    for what is refused)."""
    with os.fdopen(_open_in_site(site_dir, name), "w", encoding="utf-8") as out:
        if isinstance(text, str):
            out.write(text)
        else:
            out.writelines(text)


def copy_in_site(site_dir: Path, name: str, source: Path) -> None:
    """Copy the file ``source`` to ``site_dir/name``, byte for byte and a block at a time."""
    with source.open("rb") as src, os.fdopen(_open_in_site(site_dir, name), "wb") as out:
        shutil.copyfileobj(src, out, 1 << 20)


def is_json_export(path: Path) -> bool:
    """Whether ``path`` is a ``scenarios.json`` an export wrote (its generator says so)."""
    try:
        with path.open("rb") as src:
            head = src.read(1024)
    except OSError:
        return False
    return f'"generator": "{GENERATOR} '.encode() in head
