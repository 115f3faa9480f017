"""The situation finder at scale: index size for N generated scenarios (benchmarks/generate.py),
and in headless Chromium the time to load the index script and the time a keystroke takes.

    python benchmarks/search_bench.py [--sizes 22,1000,5000]

A keystroke is timed as the finder runs it: the whole query typed so far, searched again, for
every character of every query of tests/search/queries.yml.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]

from generate import generate  # noqa: E402

from browser import chromium  # noqa: E402
from scenario_playbook.core.loader import load_folder  # noqa: E402
from scenario_playbook.search import playbook_index  # noqa: E402
from scenario_playbook.search.evaluation import load_queries  # noqa: E402
from scenario_playbook.search.script import index_script, stemmer_script  # noqa: E402

ASSETS = ROOT / "plugins" / "scenario_playbook" / "assets"
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head>
<body><script src="snowball-english.js"></script>
<script>window.t0 = performance.now();</script>
<script src="situations-index.js"></script>
<script>window.t1 = performance.now();</script>
<script src="situation-finder.js"></script></body></html>"""
MEASURE = """queries => {
  const f = window.playbookFinder;
  let t = performance.now();
  f.search("a");  // decodes the index
  const decode = performance.now() - t;
  const times = [];
  for (const q of queries) {
    for (let i = 1; i <= q.length; i++) {
      t = performance.now();
      f.search(q.slice(0, i));
      times.push(performance.now() - t);
    }
  }
  return {parse: window.t1 - window.t0, decode, times};
}"""


def measure(n: int, work: Path, browser: object) -> dict[str, float]:
    if n:
        generate(n, work / "project")
        folder = work / "project"
    else:
        folder = ROOT
    playbook = load_folder(folder / "scenarios", folder / "taxonomy.yml", base=folder)
    index = playbook_index(playbook)
    script = index_script(index, False)
    site = work / "site"
    site.mkdir(exist_ok=True)
    (site / "situations-index.js").write_text(script, encoding="utf-8")
    (site / "snowball-english.js").write_text(stemmer_script(), encoding="utf-8")
    (site / "situation-finder.js").write_bytes((ASSETS / "situation-finder.js").read_bytes())
    (site / "index.html").write_text(PAGE, encoding="utf-8")
    queries = [q.text for q in load_queries(ROOT / "tests" / "search" / "queries.yml")]
    page = browser.new_page()  # type: ignore[attr-defined]
    loads, first, keystrokes = [], [], []
    for _ in range(3):
        page.goto((site / "index.html").as_uri())
        got = page.evaluate(MEASURE, queries)
        loads.append(got["parse"])
        first.append(got["decode"])
        keystrokes.extend(got["times"])
    page.close()
    size = len(script.encode("utf-8"))
    keystrokes.sort()
    return {
        "scenarios": len(index.docs),
        "terms": len(index.vocabulary),
        "bytes": size,
        "bytes_per_scenario": size / len(index.docs),
        "gzip_bytes": len(gzip.compress(script.encode("utf-8"))),
        "load_ms": statistics.median(loads),
        "decode_ms": statistics.median(first),
        "keystroke_median_ms": statistics.median(keystrokes),
        "keystroke_p95_ms": keystrokes[int(len(keystrokes) * 0.95)],
        "keystroke_max_ms": keystrokes[-1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="0,1000,5000", help="0: the repo's own scenarios")
    args = parser.parse_args()
    with chromium() as browser, tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            work = Path(tmp) / str(n)
            work.mkdir()
            print(json.dumps(measure(n, work, browser)), flush=True)


if __name__ == "__main__":
    main()
