"""Browser benchmark: Material's search in the offline bundle, opened from ``file://``.

Opens a built offline site's home page in headless Chromium (tests/browser.py), types a query
into Material's search box as soon as the page has loaded, and reports:

- **first result**: milliseconds from the first key press to the first search result shown;
- **long tasks**: every main-thread task longer than 50 ms (PerformanceObserver 'longtask')
  from the start of navigation until two seconds after the first result; the longest counts.

    python benchmarks/bundle_search.py SITE_DIR [--query WORD] [--rounds 3]

The site is the folder ``playbook bundle`` zips (``mkdocs build`` with ``PLAYBOOK_OFFLINE=true``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import chromium

OBSERVE = """
window.__longtasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries())
    window.__longtasks.push({start: entry.startTime, ms: entry.duration});
}).observe({type: "longtask", buffered: true});
"""

RESULT = ".md-search-result__item"


def measure(site: Path, query: str, rounds: int) -> dict[str, Any]:
    """Open the site ``rounds`` times in a fresh page; medians and the worst long task."""
    url = (site / "index.html").resolve().as_uri()
    firsts: list[float] = []
    longest: list[float] = []
    with chromium() as browser:
        for _ in range(rounds):
            context = browser.new_context()
            page = context.new_page()
            page.add_init_script(OBSERVE)
            page.goto(url, wait_until="load")
            page.click("label.md-search__icon, .md-search__input", timeout=10_000)
            box = page.locator("input.md-search__input")
            start = page.evaluate("performance.now()")
            box.press_sequentially(query, delay=20)
            page.wait_for_selector(RESULT, timeout=60_000)
            shown = page.evaluate("performance.now()")
            page.wait_for_timeout(2000)
            tasks = page.evaluate("window.__longtasks")
            firsts.append(shown - start)
            longest.append(max((t["ms"] for t in tasks), default=0.0))
            context.close()
    return {
        "first_result_ms": statistics.median(firsts),
        "longest_task_ms": max(longest),
        "runs": {"first_result_ms": firsts, "longest_task_ms": longest},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", default="referral")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(measure(args.site, args.query, args.rounds), indent=2))


if __name__ == "__main__":
    main()
