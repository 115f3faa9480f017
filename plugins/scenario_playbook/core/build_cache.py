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

The cache is *untrusted input*: a branch can commit a crafted database, and its keys are
computable from public inputs. So every entry is sealed with an HMAC under a per-machine
secret kept outside the project (:func:`secret_path`, created 0600); an entry whose seal does
not verify is a miss, never a page. A database that cannot be used (junk, truncated, a file
where the folder should be) is ignored with one warning and rebuilt; the cache's folder must
be inside the project, with no symbolic link on the way (:func:`location`).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
import sqlite3
from pathlib import Path

PACKAGE = Path(__file__).parent.parent
FILE_NAME = "cache.sqlite3"
SECRET_BYTES = 32
MAC_BYTES = 32


class CacheLocationError(ValueError):
    """The configured cache folder is outside the project or reached through a link."""


def location(root: Path, cache_dir: str) -> Path:
    """The cache folder ``cache_dir`` of the project at ``root``: inside ``root``, and no
    existing part of it a symbolic link (the build would write wherever the link points)."""
    folder = Path(os.path.normpath(root / cache_dir))
    if folder == root or not folder.is_relative_to(root):
        raise CacheLocationError(
            f"cache_dir '{cache_dir}' is outside the project {root}; "
            "the build cache must be a folder inside it"
        )
    here = root
    for part in folder.relative_to(root).parts:
        here = here / part
        if here.is_symlink():
            raise CacheLocationError(
                f"{here.relative_to(root).as_posix()} is a symbolic link; the build cache "
                "never writes through one (remove it, or set cache_dir elsewhere)"
            )
    return folder


def secret_path() -> Path:
    """Where this machine's cache key lives: outside every project, in the user's cache."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "scenario-playbook" / "secret"


def secret() -> bytes:
    """This machine's cache key, created (0600, random) on first use."""
    path = secret_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        data = path.read_bytes()
        if len(data) < SECRET_BYTES:
            raise OSError(f"{path} holds no cache key") from None
        return data
    with os.fdopen(fd, "wb") as out:
        data = secrets.token_bytes(SECRET_BYTES)
        out.write(data)
    return data


def seal(secret_key: bytes, kind: str, entry: str, value: bytes) -> bytes:
    """``value`` with its MAC in front, bound to its kind and key (no swapping entries)."""
    mac = hmac.new(secret_key, key(kind, entry, value).encode(), hashlib.sha256).digest()
    return mac + value


def unseal(secret_key: bytes, kind: str, entry: str, stored: bytes) -> bytes | None:
    """The value of a sealed entry, or None if its MAC does not verify."""
    value = stored[MAC_BYTES:]
    if len(stored) < MAC_BYTES or not hmac.compare_digest(
        seal(secret_key, kind, entry, value)[:MAC_BYTES], stored[:MAC_BYTES]
    ):
        return None
    return value


def open_cache(folder: Path, root: Path) -> tuple[BuildCache | None, list[str]]:
    """The build cache in ``folder`` (see :func:`location`), or None when it cannot be used,
    with the one warning that says why. A damaged database is removed and made again."""
    shown = folder.relative_to(root).as_posix() if folder.is_relative_to(root) else str(folder)
    try:
        key_path = secret_path().resolve()
        if key_path.is_relative_to(root):
            return None, [f"build cache off: its key {key_path} would be inside the project"]
        secret_key = secret()
    except OSError as exc:
        return None, [f"build cache off: cannot use its key {secret_path()}: {exc}"]
    try:
        return BuildCache(folder, secret_key), []
    except (OSError, sqlite3.Error) as exc:
        reason = f"{shown}/{FILE_NAME} is unusable ({exc}); ignored"
    database = folder / FILE_NAME
    try:
        if not database.is_symlink() and database.is_file():
            for path in (database, folder / f"{FILE_NAME}-wal", folder / f"{FILE_NAME}-shm"):
                path.unlink(missing_ok=True)
            return BuildCache(folder, secret_key), [f"{reason} and rebuilt"]
    except (OSError, sqlite3.Error):
        pass
    return None, [f"{reason}; building without a cache"]


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

    def __init__(self, folder: Path, secret_key: bytes | None = None) -> None:
        self._secret = secret() if secret_key is None else secret_key
        #: Why the cache stopped being used in this build (one line each), for the caller.
        self.warnings: list[str] = []
        self._forged = 0
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
        self._db.execute("SELECT count(*) FROM entries").fetchone()  # a damaged file fails here
        self._used: set[tuple[str, str]] = set()
        self._broken = False
        self._db.execute("BEGIN")  # one transaction per build: new entries go to disk as made

    def _fail(self, exc: sqlite3.Error) -> None:
        if not self._broken:
            self.warnings.append(f"build cache unusable ({exc}); ignored for this build")
        self._broken = True

    def get(self, kind: str, entry: str) -> bytes | None:
        """The verified value of an entry, or None (missing, forged, or a damaged cache)."""
        if self._broken:
            return None
        try:
            row = self._db.execute(
                "SELECT value FROM entries WHERE kind = ? AND key = ?", (kind, entry)
            ).fetchone()
        except sqlite3.Error as exc:
            self._fail(exc)
            return None
        if row is None or not isinstance(row[0], bytes):
            return None
        value = unseal(self._secret, kind, entry, row[0])
        if value is None:
            self._forged += 1
            return None
        self._used.add((kind, entry))
        return value

    def touch(self, kind: str, entry: str) -> None:
        """Keep an entry this build used without reading it (it was in memory)."""
        self._used.add((kind, entry))

    def put(self, kind: str, entry: str, value: bytes) -> None:
        """Store an entry (written to the database now, so a large build holds none in memory)."""
        self._used.add((kind, entry))
        if self._broken:
            return
        sealed = seal(self._secret, kind, entry, value)
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", (kind, entry, sealed)
            )
        except sqlite3.Error as exc:
            self._fail(exc)

    def close(self, *, prune: bool = True) -> None:
        """Commit new entries; with ``prune``, forget every entry this build did not use."""
        if self._forged:
            self.warnings.append(
                f"{self._forged} build cache entr{'y' if self._forged == 1 else 'ies'} failed "
                "verification (not made on this machine); ignored and made again"
            )
        if self._broken:
            self._db.close()
            return
        try:
            if prune:
                self._db.execute("CREATE TEMP TABLE used (kind TEXT, key TEXT)")
                self._db.executemany("INSERT INTO used VALUES (?, ?)", self._used)
                self._db.execute(
                    "DELETE FROM entries WHERE (kind, key) NOT IN (SELECT kind, key FROM used)"
                )
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._fail(exc)
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        finally:
            self._db.close()
