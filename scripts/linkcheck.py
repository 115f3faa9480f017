"""Check every internal link of a built site with LinkChecker (from PyPI).

Usage: python scripts/linkcheck.py [SITE_DIR]   (default: site)

The site is served on 127.0.0.1 (a free port) so that directory URLs (``scenarios/x/``) resolve
the way they do when hosted; LinkChecker then crawls it from the home page. Exits with
LinkChecker's status: 0 when every internal link resolves, 1 when one is broken.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "linkcheckerrc"


class _Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        # LinkChecker lifts its politeness throttle for servers that send this header.
        self.send_header("LinkChecker", "allow")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def check(site: Path) -> int:
    if not (site / "index.html").is_file():
        print(f"{site}/index.html not found: build the site first (make build)", file=sys.stderr)
        return 2
    handler = functools.partial(_Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    linkchecker = Path(sys.executable).parent / "linkchecker"
    try:
        return subprocess.run([str(linkchecker), "-f", str(CONFIG), url], check=False).returncode
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


if __name__ == "__main__":
    sys.exit(check(Path(sys.argv[1] if len(sys.argv) > 1 else "site")))
