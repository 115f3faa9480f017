"""Real headless Chromium for browser tests: Debian's ``chromium`` driven by Playwright, and a
static server on 127.0.0.1 for built sites. Playwright's own browser download is not used."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--mute-audio",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """A Playwright ``Browser`` running Debian's Chromium headless."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        raise RuntimeError("chromium not found: run 'make test', which installs it")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path, port: int = 0) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port unless given); yield the base URL ending
    in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def settled(page, locator, attribute: str = "href", reads: int = 60) -> list[str]:
    """``attribute`` of every element ``locator`` finds, read whole once two reads 200 ms
    apart agree: a search answers after each key and may redraw its list meanwhile."""
    seen: list[str] = []
    for _ in range(reads):
        page.wait_for_timeout(200)
        now = [
            str(v)
            for v in locator.evaluate_all(f"es => es.map(e => e.getAttribute('{attribute}'))")
        ]
        if now and now == seen:
            return now
        seen = now
    return seen
