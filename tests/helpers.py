"""Helpers the tests share (import them from here, never from conftest or a test module):
a valid scenario as data, real MkDocs builds in temporary folders, HTML parsing, free ports."""

from __future__ import annotations

import contextlib
import copy
import gzip
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent

VALID: dict[str, Any] = {
    "id": "sample-scenario",
    "title": "A customer calls back for the third time",
    "family": "service-recovery",
    "summary": "The customer has explained the problem twice already. Make this the last call.",
    "roles": ["service-rep"],
    "stages": ["complaint"],
    "principles": ["moments-of-truth"],
    "tags": ["phone", "repeat call"],
    "keywords": ["third call", "runaround"],
    "situation": "The customer has called **twice** about the same fault.",
    "people": [{"who": "The customer", "wants": "The fault fixed, today."}],
    "stakes": "Their trust, and every friend they tell.",
    "decisions": [
        {
            "id": "first-words",
            "prompt": "What do you say first?",
            "options": [
                {
                    "choice": "Ask for the account number.",
                    "verdict": "poor",
                    "feedback": "They hear: start again.",
                    "next": "ownership",
                },
                {
                    "choice": "Apologise for the repeat calls.",
                    "verdict": "best",
                    "feedback": "They hear that you know.",
                    "next": "ownership",
                },
            ],
        },
        {
            "id": "ownership",
            "prompt": "Who fixes it?",
            "options": [
                {"choice": "You do, now.", "verdict": "best", "feedback": "It ends here."},
                {"choice": "Transfer them.", "verdict": "poor", "feedback": "Loop four."},
            ],
        },
    ],
    "approach": [
        {"step": "Apologise first.", "why": "They need to be heard.", "say": '"I\'m sorry."'},
        {"step": "Own the fix.", "why": "No more transfers.", "say": '"I\'ll fix it."'},
        {"step": "Check for more.", "why": "Find the next problem.", "say": '"Anything else?"'},
    ],
    "checklist": [
        {"id": "apologise", "text": "Apologise for the repeat calls."},
        {"text": "Read back the problem in their words."},
        {"text": "Fix it while they are on the line."},
        {"text": "Give them a direct line."},
        {"text": "Thank them for the chance to fix it."},
    ],
    "pitfalls": ["Asking them to explain it all again."],
    "outcome": "The customer stays, and tells a friend.",
    "related": [],
    "sources": [
        {
            "title": "Original scenario",
            "site": "Sales & Service Playbook",
            "note": "Written for the tests.",
            "kind": "invented",
        }
    ],
}


def scenario(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(VALID)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


#: What a site is built from: configuration first, then content.
SITE_CONFIG = ("mkdocs.yml", "taxonomy.yml", "overrides")
SITE_CONTENT = ("playbook", "scenarios")


def copy_project(dest: Path, *, content: bool = True) -> Path:
    """Copy the repo's site sources to ``dest``: its configuration, and its content too."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in SITE_CONFIG + (SITE_CONTENT if content else ()):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, dest / name)
    return dest


def build(project_dir: Path, *, strict: bool = True, **overrides: Any) -> Path:
    """Build a real site with MkDocs from ``project_dir``; return the site folder."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    site_dir = project_dir / "site"
    config = load_config(
        str(project_dir / "mkdocs.yml"), site_dir=str(site_dir), strict=strict, **overrides
    )
    mkdocs_build(config)
    return site_dir


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free now (for a site whose site_url must name it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def files_of(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path in it; gzip files by what they hold (gzip
    records the time it ran)."""
    out = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            out[path.relative_to(site).as_posix()] = (
                gzip.decompress(data) if path.suffix == ".gz" else data
            )
    return out


#: How long a test waits for a server it started (`mkdocs serve`) to do something.
SERVE_TIMEOUT = 60.0


def wait_for(what: str, condition: Callable[[], object], log: Path) -> object:
    """Poll ``condition`` until it is true; on a timeout, fail with the server's log."""
    deadline = time.monotonic() + SERVE_TIMEOUT
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}; serve's log:\n{log.read_text()}")


def status(url: str) -> int:
    """The HTTP status of ``url`` (0 when nothing answers)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except OSError:
        return 0


@contextlib.contextmanager
def serving(
    command: Sequence[str | Path],
    cwd: Path,
    log: Path,
    ready: str,
    env: dict[str, str] | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """A server (``mkdocs serve`` and the like) running in its own process group, its output in
    ``log``, once ``ready`` (a URL) answers 200; stopped, with all its children, afterwards."""
    base = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    with log.open("w") as out:
        proc = subprocess.Popen(
            [str(part) for part in command],
            cwd=cwd,
            env=env or base,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for("the server", lambda: proc.poll() is None and status(ready) == 200, log)
        yield proc
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
