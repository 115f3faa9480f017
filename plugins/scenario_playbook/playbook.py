"""Load a folder of scenarios and a taxonomy into a :class:`Playbook`.

A :class:`Loader` keeps what it read keyed by file fingerprint, so a rebuild (``mkdocs serve``)
re-reads and re-validates only the files that changed; rules across files run every time.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import checks
from .model import Scenario, Taxonomy
from .placeholders import check_placeholders
from .problems import Problem
from .source import Document, read_bytes
from .validate import to_model

SUFFIXES = (".yml", ".yaml")


def display_path(path: Path, base: Path | None = None) -> str:
    """The path as people should see it in messages: relative to ``base`` (or cwd)."""
    base = base or Path.cwd()
    for resolve in (Path.absolute, Path.resolve):  # a link is shown where it is, not its target
        try:
            here = Path(os.path.normpath(resolve(path)))
            return here.relative_to(Path(os.path.normpath(resolve(base)))).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def scenario_files(paths: Iterable[Path]) -> list[Path]:
    """The scenario files named by ``paths``: files as given, folders searched (not hidden)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.suffix in SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


@dataclass
class Entry:
    """One file as last read: its document, its model, and the problems it has on its own."""

    fingerprint: tuple[int, int, int]
    doc: Document
    model: Scenario | Taxonomy | None
    #: Problems of this file alone, found against :attr:`taxonomy` (None: not checked yet).
    own: list[Problem] | None = None
    taxonomy: Taxonomy | None = None
    #: Whether ``doc`` still holds the data and positions (dropped once a file is clean).
    full: bool = True

    def slim(self) -> None:
        """Keep the model, drop the parsed data and positions: a clean file needs no
        locating unless a rule across files objects to it, and then it is read again."""
        self.doc.data = None
        self.doc.marks = {}
        self.full = False


@dataclass
class Playbook:
    """What the site is made of: valid scenarios, the taxonomy, and every problem found."""

    scenarios: dict[str, Scenario]
    taxonomy: Taxonomy | None
    problems: list[Problem]
    docs: dict[str, Document] = field(default_factory=dict)
    #: The files actually read (not served from the cache) by the load that made this.
    reads: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _fingerprint(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _linked(path: Path, base: Path | None) -> bool:
    """Whether ``path``, or a folder between it and ``base``, is a symbolic link: a link could
    make the build read (and show in its messages) any file on the machine."""
    here = path.absolute()
    stop = (base or Path.cwd()).absolute()
    if stop not in here.parents:
        return here.is_symlink()
    while here != stop:
        if here.is_symlink():
            return True
        here = here.parent
    return False


class Loader:
    """Reads files into documents and models, remembering them by fingerprint."""

    def __init__(self, base: Path | None = None) -> None:
        self.base = base
        self._cache: dict[Path, Entry] = {}

    def _read(self, path: Path, model: type[Scenario] | type[Taxonomy], reads: list[str]) -> Entry:
        shown = display_path(path, self.base)
        try:
            fingerprint = _fingerprint(path)
        except OSError as exc:
            doc = Document(
                shown,
                problems=[Problem(shown, 1, 1, "unreadable", f"cannot read file: {exc.strerror}")],
            )
            return Entry((0, 0, 0), doc, None)
        if _linked(path, self.base):
            msg = "is a symbolic link; a scenario must be a regular file, not a link to one"
            doc = Document(shown, problems=[Problem(shown, 1, 1, "symlink", msg)])
            return Entry(fingerprint, doc, None)
        cached = self._cache.get(path)
        if cached is not None and cached.fingerprint == fingerprint:
            return cached
        reads.append(shown)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            doc = Document(
                shown,
                problems=[Problem(shown, 1, 1, "unreadable", f"cannot read file: {exc.strerror}")],
            )
            return Entry(fingerprint, doc, None)
        doc = read_bytes(raw, shown)
        result = to_model(doc, model)
        entry = Entry(fingerprint, doc, result)
        self._cache[path] = entry
        return entry

    def load(
        self, files: Iterable[Path], taxonomy_path: Path | None, context: Iterable[str] = ()
    ) -> Playbook:
        """Load scenario ``files`` and the taxonomy; ``context`` names more known ids."""
        reads: list[str] = []
        problems: list[Problem] = []
        taxonomy: Taxonomy | None = None
        paused = gc.isenabled()
        gc.disable()  # thousands of long-lived models: collection passes only cost time
        try:
            if taxonomy_path is not None:
                entry = self._read(taxonomy_path, Taxonomy, reads)
                problems += entry.doc.problems
                problems += checks.check_text(entry.doc)
                taxonomy = entry.model if isinstance(entry.model, Taxonomy) else None
                if taxonomy is not None:
                    problems += checks.check_taxonomy(entry.doc, taxonomy)
            entries: dict[str, Entry] = {}
            docs: dict[str, Document] = {}
            paths: dict[str, Path] = {}
            for path in files:
                stem = path.name.rsplit(".", 1)[0]
                entry = self._checked(path, stem, taxonomy, reads)
                if stem in entries:
                    problems.append(
                        Problem(
                            entry.doc.path,
                            1,
                            1,
                            "duplicate-id",
                            f"id '{stem}' is also the name of {entries[stem].doc.path}",
                        )
                    )
                    continue
                entries[stem] = entry
                docs[stem] = entry.doc
                paths[stem] = path
            problems += checks.check_unique(docs)
            known = dict.fromkeys(set(entries) | set(context))
            scenarios: dict[str, Scenario] = {}
            for stem, entry in entries.items():
                found = list(entry.own or [])
                model = entry.model
                if isinstance(model, Scenario):
                    links = checks.check_links(entry.doc, model, known)
                    if links and not entry.full:  # locate them: read the file again
                        entry = self._checked(paths[stem], stem, taxonomy, reads, again=True)
                        docs[stem] = entry.doc
                        links = checks.check_links(entry.doc, model, known)
                    found += links
                    if not found:
                        scenarios[stem] = model
                problems += found
        finally:
            if paused:
                gc.enable()
        return Playbook(scenarios, taxonomy, sorted(set(problems)), docs, reads)

    def _checked(
        self,
        path: Path,
        stem: str,
        taxonomy: Taxonomy | None,
        reads: list[str],
        *,
        again: bool = False,
    ) -> Entry:
        """A scenario file read (or taken from the cache) with its own problems found."""
        if again:
            self._cache.pop(path, None)
        entry = self._read(path, Scenario, reads)
        if entry.own is not None and entry.taxonomy is taxonomy and (entry.full or not again):
            return entry
        if not entry.full:  # checked against another taxonomy: needs its data again
            self._cache.pop(path, None)
            entry = self._read(path, Scenario, reads)
        doc = entry.doc
        own = list(doc.problems)
        if doc.data is not None:
            own += checks.check_text(doc)
            own += check_placeholders(doc, taxonomy)
        if isinstance(entry.model, Scenario):
            own += checks.check_scenario(doc, entry.model, stem, taxonomy)
        entry.own, entry.taxonomy = own, taxonomy
        if not own and entry.model is not None and not again:
            entry.slim()
        return entry

    def forget_missing(self, files: Iterable[Path]) -> None:
        keep = set(files)
        for path in list(self._cache):
            if path not in keep and path.suffix in SUFFIXES:
                self._cache.pop(path, None)


def load_folder(folder: Path, taxonomy_path: Path | None, base: Path | None = None) -> Playbook:
    """Convenience for callers without a cache: load every scenario in ``folder``."""
    return Loader(base).load(scenario_files([folder]), taxonomy_path)
