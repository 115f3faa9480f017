"""LoadRun a folder of scenarios and a taxonomy into a :class:`Playbook`.

A :class:`Loader` keeps what it read keyed by file fingerprint, so a rebuild (``mkdocs serve``)
re-reads and re-validates only the files that changed; rules across files run every time.
"""

from __future__ import annotations

import gc
import hashlib
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import checks, text_checks
from .build_cache import BuildCache, code_fingerprint
from .build_cache import key as cache_key
from .files import SUFFIXES, display_path, distinct, is_linked, scenario_files
from .model import Scenario, Taxonomy
from .placeholders import check_placeholders
from .problems import Problem
from .source import MAX_BYTES, Document, read_bytes, too_large
from .validate import to_model


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
    #: SHA-256 of the file's bytes: what the build cache knows it by.
    digest: str = ""

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
    #: SHA-256 of each scenario file's bytes, and of the taxonomy's: a page's inputs.
    digests: dict[str, str] = field(default_factory=dict)
    taxonomy_digest: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


def _fingerprint(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _refused(path: Path, shown: str) -> Problem | None:
    """A file that must not be opened or read: not a regular file (a FIFO would block, a
    device never end), or larger than a scenario may be; decided from ``stat`` alone."""
    st = path.stat()
    if not stat.S_ISREG(st.st_mode):
        kind = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file"
        return Problem(shown, 1, 1, "not-a-file", f"is {kind}; a scenario must be a regular file")
    return too_large(st.st_size, shown)


class Loader:
    """Reads files into documents and models, remembering them by fingerprint."""

    def __init__(self, base: Path | None = None) -> None:
        self.base = base
        self._entries_by_path: dict[Path, Entry] = {}
        #: The build cache on disk, if the caller opened one for this load.
        self.build_cache: BuildCache | None = None
        self.current_taxonomy: tuple[Taxonomy, str] | None = None  # (model, digest) for this load

    def read_entry(
        self,
        path: Path,
        model: type[Scenario] | type[Taxonomy],
        reads: list[str],
        *,
        parse: bool = False,
    ) -> Entry:
        """One file as an :class:`Entry`; ``parse`` insists on data and positions (no model
        from the build cache), to locate a problem found later."""
        shown = display_path(path, self.base)
        if is_linked(path, self.base):  # before stat: a dangling link is reported, not skipped
            msg = "is a symbolic link; a scenario must be a regular file, not a link to one"
            doc = Document(shown, problems=[Problem(shown, 1, 1, "symlink", msg)])
            return Entry((0, 0, 0), doc, None)
        try:
            fingerprint = _fingerprint(path)
        except OSError as exc:
            doc = Document(
                shown,
                problems=[Problem(shown, 1, 1, "unreadable", f"cannot read file: {exc.strerror}")],
            )
            return Entry((0, 0, 0), doc, None)
        refused = _refused(path, shown)  # from stat, before reading a byte
        if refused is not None:
            return Entry(fingerprint, Document(shown, problems=[refused]), None)
        cached = self._entries_by_path.get(path)
        if cached is not None and cached.fingerprint == fingerprint:
            if self.build_cache is not None and cached.own == [] and model is Scenario:
                model_key = self._model_key(cached.digest)  # still in use: keep it on disk
                if model_key is not None:
                    self.build_cache.touch("model", model_key)
            return cached
        reads.append(shown)
        try:
            with path.open("rb") as src:
                raw = src.read(MAX_BYTES + 1)  # no more, even if the file grew since stat
        except OSError as exc:
            doc = Document(
                shown,
                problems=[Problem(shown, 1, 1, "unreadable", f"cannot read file: {exc.strerror}")],
            )
            return Entry(fingerprint, doc, None)
        # the build cache's name for these bytes (not needed without one)
        digest = hashlib.sha256(raw).hexdigest() if self.build_cache is not None else ""
        if model is Scenario and not parse and (remembered := self._cached_model(digest)):
            entry = Entry(
                fingerprint,
                Document(shown),
                remembered,
                [],
                self.current_taxonomy[0],  # type: ignore[index]
                full=False,
                digest=digest,
            )
        else:
            doc = read_bytes(raw, shown)
            entry = Entry(fingerprint, doc, to_model(doc, model), digest=digest)
        self._entries_by_path[path] = entry
        return entry

    def _model_key(self, digest: str) -> str | None:
        if self.build_cache is None or self.current_taxonomy is None:
            return None
        return cache_key(digest, self.current_taxonomy[1], code_fingerprint())

    def _cached_model(self, digest: str) -> Scenario | None:
        """A clean file's model from the build cache, if these exact bytes were seen before."""
        entry = self._model_key(digest)
        found = self.build_cache.get("model", entry) if self.build_cache and entry else None
        if found is None:
            return None
        try:  # sealed by this machine, so valid; checked again all the same
            return Scenario.model_validate_json(found)
        except ValueError:
            return None

    def load(
        self, files: Iterable[Path], taxonomy_path: Path | None, context: Iterable[str] = ()
    ) -> Playbook:
        """LoadRun scenario ``files`` and the taxonomy; ``context`` names more known ids."""
        paused = gc.isenabled()
        gc.disable()  # thousands of long-lived models: collection passes only cost time
        try:
            return self.start(files, taxonomy_path, context).finish()
        finally:
            if paused:
                gc.enable()

    def start(
        self, files: Iterable[Path], taxonomy_path: Path | None, context: Iterable[str] = ()
    ) -> LoadRun:
        """Begin a load: the taxonomy is read and the ids are known; scenario files are read
        when asked for (:meth:`LoadRun.clean`) or at :meth:`LoadRun.finish`."""
        return LoadRun(self, files, taxonomy_path, context)

    def checked_entry(
        self,
        path: Path,
        stem: str,
        taxonomy: Taxonomy | None,
        reads: list[str],
        *,
        again: bool = False,
    ) -> Entry:
        """A scenario file read (or taken from the cache) with its own problems found."""
        if again:  # to locate a problem found later: read it afresh, with positions
            self._entries_by_path.pop(path, None)
        entry = self.read_entry(path, Scenario, reads, parse=again)
        if entry.own is not None and entry.taxonomy is taxonomy:
            return entry
        if not entry.full:  # checked against another taxonomy: needs its data again
            self._entries_by_path.pop(path, None)
            entry = self.read_entry(path, Scenario, reads, parse=True)
        doc = entry.doc
        own = list(doc.problems)
        whole = None
        if doc.data is not None:
            whole = text_checks.all_text(doc.data)
            own += text_checks.check_text(doc, whole)
            own += check_placeholders(doc, taxonomy, whole)
        if isinstance(entry.model, Scenario):
            own += checks.check_scenario(doc, entry.model, stem, taxonomy, whole)
        entry.own, entry.taxonomy = own, taxonomy
        if not own and isinstance(entry.model, Scenario) and not again:
            model_key = self._model_key(entry.digest)
            if self.build_cache is not None and model_key is not None:
                self.build_cache.put("model", model_key, entry.model.model_dump_json().encode())
            entry.slim()
        return entry

    def remembered(self, path: Path) -> Entry | None:
        """The entry kept in memory for ``path``, if any (what the next load may reuse)."""
        return self._entries_by_path.get(path)

    def forget_missing(self, files: Iterable[Path]) -> None:
        """Forget the files not among ``files`` (deleted or renamed since the last load)."""
        keep = set(files)
        for path in list(self._entries_by_path):
            if path not in keep and path.suffix in SUFFIXES:
                self._entries_by_path.pop(path, None)


class LoadRun:
    """One load in progress. Files are read and checked on demand, in any order, each once:
    a caller can render a scenario's page while later files are still unread."""

    def __init__(
        self,
        loader: Loader,
        files: Iterable[Path],
        taxonomy_path: Path | None,
        context: Iterable[str] = (),
    ) -> None:
        self.loader = loader
        self.reads: list[str] = []
        self.problems: list[Problem] = []
        self.taxonomy: Taxonomy | None = None
        self.taxonomy_digest = ""
        loader.current_taxonomy = None
        if taxonomy_path is not None:
            entry = loader.read_entry(taxonomy_path, Taxonomy, self.reads)
            self.problems += entry.doc.problems
            self.problems += text_checks.check_text(entry.doc)
            self.taxonomy = entry.model if isinstance(entry.model, Taxonomy) else None
            self.taxonomy_digest = entry.digest
            if self.taxonomy is not None:
                loader.current_taxonomy = (self.taxonomy, entry.digest)
                self.problems += checks.check_taxonomy(entry.doc, self.taxonomy)
        #: Every scenario file by id (its name), in the order given.
        self.paths, named = distinct(files, loader.base)
        self.problems += named
        self._known = dict.fromkeys(set(self.paths) | set(context))
        self._entries: dict[str, Entry] = {}

    def entry(self, stem: str) -> Entry:
        """The file of id ``stem``, read and checked on its own (once per load)."""
        entry = self._entries.get(stem)
        if entry is None:
            entry = self.loader.checked_entry(self.paths[stem], stem, self.taxonomy, self.reads)
            self._entries[stem] = entry
        return entry

    def clean(self, stem: str) -> Scenario | None:
        """The scenario of id ``stem`` if its file has no problem, links included."""
        entry = self.entry(stem)
        model = entry.model
        if entry.own or not isinstance(model, Scenario):
            return None
        return None if checks.check_links(entry.doc, model, self._known) else model

    def finish(self) -> Playbook:
        """Every file read and checked, with the rules across files: the playbook."""
        problems = list(self.problems)
        docs: dict[str, Document] = {}
        scenarios: dict[str, Scenario] = {}
        for stem, path in self.paths.items():
            entry = self.entry(stem)
            found = list(entry.own or [])
            model = entry.model
            if isinstance(model, Scenario):
                links = checks.check_links(entry.doc, model, self._known)
                if links and not entry.full:  # locate them: read the file again
                    entry = self.loader.checked_entry(
                        path, stem, self.taxonomy, self.reads, again=True
                    )
                    links = checks.check_links(entry.doc, model, self._known)
                found += links
                if not found:
                    scenarios[stem] = model
            docs[stem] = entry.doc
            problems += found
        digests = {stem: self._entries[stem].digest for stem in self.paths}
        return Playbook(
            scenarios,
            self.taxonomy,
            sorted(set(problems)),
            docs,
            self.reads,
            digests,
            self.taxonomy_digest,
        )


def load_folder(folder: Path, taxonomy_path: Path | None, base: Path | None = None) -> Playbook:
    """Convenience for callers without a cache: load every scenario in ``folder``."""
    return Loader(base).load(scenario_files([folder]), taxonomy_path)
