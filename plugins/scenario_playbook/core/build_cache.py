"""A build cache on disk, so that a rebuild skips the work whose inputs did not change.

Two kinds of entry, both keyed by a hash of *every* input that shapes them:

- ``model``: a clean scenario file's validated model, as JSON. Key: the file's bytes, the
  taxonomy's bytes and :func:`code_fingerprint`. Files with problems are never stored, so every
  problem is always found by the reader itself, with its exact position.
- ``page``: a generated page's Markdown. Key: the bytes of every file the page shows (the
  scenario and the scenarios it links to, or all of them for indexes), the taxonomy, the
  templates, the URL style and the code.

:func:`code_fingerprint` hashes this package's own source and templates, so a changed reader,
model or template can never be served stale results. Entries a build did not use are deleted
when it ends, so the cache holds one site's worth at most. It lives in one SQLite file (Python's
standard library), by default ``.cache/playbook/`` next to ``mkdocs.yml``.
"""

from __future__ import annotations

import functools
import hashlib
import sqlite3
from pathlib import Path

PACKAGE = Path(__file__).parent.parent
FILE_NAME = "cache.sqlite3"


@functools.cache
def code_fingerprint() -> str:
    """A hash of the package's Python source and templates: any change gives a new one."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in {".py", ".j2"} and path.is_file():
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def folder_fingerprint(folder: Path | None) -> str:
    """A hash of a folder's files (user template overrides), or of nothing."""
    digest = hashlib.sha256()
    if folder is not None:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def key(*parts: str | bytes) -> str:
    """One key for several inputs (each part length-prefixed, so no two lists collide)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


class BuildCache:
    """Entries by kind and key; :meth:`close` keeps only those this build used."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n", encoding="utf-8")
        self._db = sqlite3.connect(folder / FILE_NAME, timeout=30, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS entries (kind TEXT, key TEXT, value BLOB, "
            "PRIMARY KEY (kind, key)) WITHOUT ROWID"
        )
        self._used: set[tuple[str, str]] = set()
        self._db.execute("BEGIN")  # one transaction per build: new entries go to disk as made

    def get(self, kind: str, entry: str) -> bytes | None:
        row = self._db.execute(
            "SELECT value FROM entries WHERE kind = ? AND key = ?", (kind, entry)
        ).fetchone()
        if row is not None:
            self._used.add((kind, entry))
        return None if row is None else bytes(row[0])

    def touch(self, kind: str, entry: str) -> None:
        """Keep an entry this build used without reading it (it was in memory)."""
        self._used.add((kind, entry))

    def put(self, kind: str, entry: str, value: bytes) -> None:
        """Store an entry (written to the database now, so a large build holds none in memory)."""
        self._used.add((kind, entry))
        self._db.execute("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", (kind, entry, value))

    def close(self, *, prune: bool = True) -> None:
        """Commit new entries; with ``prune``, forget every entry this build did not use."""
        try:
            if prune:
                self._db.execute("CREATE TEMP TABLE used (kind TEXT, key TEXT)")
                self._db.executemany("INSERT INTO used VALUES (?, ?)", self._used)
                self._db.execute(
                    "DELETE FROM entries WHERE (kind, key) NOT IN (SELECT kind, key FROM used)"
                )
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        finally:
            self._db.close()
