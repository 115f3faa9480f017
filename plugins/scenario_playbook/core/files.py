"""Which files make a playbook: discovery, names as shown in messages, links, unique ids."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from . import checks
from .problems import Problem

SUFFIXES = (".yml", ".yaml")


def display_path(path: Path, base: Path | None = None) -> str:
    """The path as people should see it in messages: relative to ``base`` (or cwd)."""
    here = os.path.abspath(path)
    root = os.path.join(os.path.abspath(base or "."), "")
    if here.startswith(root):
        shown = here[len(root) :]
        shown = shown.replace(os.sep, "/") if os.sep != "/" else shown
    else:
        shown = path.as_posix()
    # bytes that are not UTF-8 in a file name, shown as \xNN (never a lone surrogate)
    return shown if shown.isascii() else os.fsencode(shown).decode("utf-8", "backslashreplace")


class OutsideProject(ValueError):
    """A path from the configuration leads outside the project."""


def project_path(root: Path, key: str, value: str) -> Path:
    """``root / value`` for the option ``key``, refused when it is outside the project, also
    when a symbolic link on the way leads out of it."""
    path = Path(os.path.normpath(root / value))
    real_root = root.resolve()
    if not path.is_relative_to(root) or not path.resolve().is_relative_to(real_root):
        raise OutsideProject(
            f"{key} '{value}' is outside the project {root}; "
            f"the playbook reads its {key} only from inside it"
        )
    return path


def scenario_files(paths: Iterable[Path]) -> list[Path]:
    """The scenario files named by ``paths``: files as given, folders searched (not hidden,
    not through links to other folders)."""
    found: list[Path] = []
    for path in paths:
        found += _walk(path) if path.is_dir() else [path]
    return list(dict.fromkeys(found))


def _walk(folder: Path) -> list[Path]:
    """Scenario files below ``folder``, sorted; one ``scandir`` per folder, no ``stat`` per file
    (links are listed, so that the loader reports them, dangling ones included)."""
    out = []
    todo = [folder]
    while todo:
        with os.scandir(todo.pop()) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    todo.append(Path(entry.path))
                elif entry.name.endswith(SUFFIXES) and (entry.is_file() or entry.is_symlink()):
                    out.append(Path(entry.path))
    return sorted(out)


def is_linked(path: Path, base: Path | None) -> bool:
    """Whether ``path``, or a folder between it and ``base``, is a symbolic link: a link could
    make the build read (and show in its messages) any file on the machine."""
    here = os.path.abspath(path)
    stop = os.path.abspath(base or ".")
    if not here.startswith(os.path.join(stop, "")):
        return os.path.islink(here)
    while here != stop:
        if os.path.islink(here):
            return True
        here = os.path.dirname(here)
    return False


def _utf8(name: str) -> bool:
    """Whether a name read from the file system was valid UTF-8 (no escaped bytes)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def stem_of(path: Path) -> str:
    """A file's id: its name without the suffix."""
    return path.name.rsplit(".", 1)[0]


def distinct(files: Iterable[Path], base: Path | None) -> tuple[dict[str, Path], list[Problem]]:
    """The files by id (their name), and the problems of names: an id given twice (the later
    file is left out) or two ids that differ only in case or Unicode form."""
    paths: dict[str, Path] = {}
    problems = []
    for path in files:
        stem = stem_of(path)
        if not _utf8(stem):
            problems.append(
                Problem(
                    display_path(path, base),
                    1,
                    1,
                    "file-name",
                    "file name is not valid UTF-8; rename the file (its name is the id)",
                )
            )
            continue
        if stem in paths:
            first = display_path(paths[stem], base)
            problems.append(
                Problem(
                    display_path(path, base),
                    1,
                    1,
                    "duplicate-id",
                    f"id '{stem}' is also the name of {first}",
                )
            )
            continue
        paths[stem] = path
    shown = {stem: display_path(path, base) for stem, path in paths.items()}
    return paths, problems + checks.check_unique(shown)
