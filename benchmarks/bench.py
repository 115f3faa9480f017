"""Benchmark: the playbook plugin's cost against plain MkDocs, at N = 100, 1,000 and 5,000.

For each N it generates N realistic scenarios (benchmarks/generate.py), exports the same pages
with ``playbook export --format markdown`` and then, alternating in one run:

  (a) ``mkdocs build`` of the project, with the plugin;
  (b) ``mkdocs build`` of the exported Markdown, without the plugin.

Every build is its own process, so peak memory (``ru_maxrss``) is that build's alone. It also
times ``playbook check`` over the N files and, at one N, how long ``mkdocs serve`` takes to show
an edited scenario and which files the plugin read again. Figures are medians; ratios compare
runs of the same run. Nothing here asserts a time: it reports.

    python benchmarks/bench.py [--sizes 100,1000,5000] [--rounds 3] [--serve-at 1000]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}


@dataclass
class Run:
    seconds: float
    #: user + system CPU time of the build and every process it waited for (its worker).
    cpu_seconds: float
    #: The larger of the build process's own peak RSS and the sampled peak of all its
    #: processes together (see :class:`TreeMemory`).
    peak_bytes: int


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run a command; return its wall time, CPU time and peak memory."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        args, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    with TreeMemory(proc.pid) as tree:
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{err.decode(errors='replace')[-3000:]}")
    peak = max(usage.ru_maxrss * 1024, tree.peak)
    return Run(elapsed, usage.ru_utime + usage.ru_stime, peak)


class TreeMemory(threading.Thread):
    """Samples, every 0.1 s, the memory of a process and all its descendants together: the
    sum of their proportional set sizes (PSS: pages shared after a fork count once in all).
    A build with a worker process has two processes; ``ru_maxrss`` sees only the larger."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self._done = pid, 0, threading.Event()

    def __enter__(self) -> TreeMemory:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self.join()

    def run(self) -> None:
        while not self._done.wait(0.1):
            self.peak = max(self.peak, sum(map(_pss, _tree(self.pid))))


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        here = todo.pop()
        found.append(here)
        with contextlib.suppress(OSError):  # it ended meanwhile
            todo += map(int, Path(f"/proc/{here}/task/{here}/children").read_text().split())
    return found


def _pss(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    found = re.search(r"^Pss:\s+(\d+) kB", text, re.M)
    return int(found.group(1)) * 1024 if found else 0


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def mkdocs_build(config: Path, site: Path) -> list[str]:
    return [str(BIN / "mkdocs"), "build", "-q", "-f", str(config), "-d", str(site)]


def measure(n: int, rounds: int, work: Path) -> dict[str, Any]:
    project, plain = work / "project", work / "plain"
    generate(n, project)
    run([str(BIN / "playbook"), "export", "--format", "markdown", str(plain)], project)
    site_a, site_b = work / "site-a", work / "site-b"
    commands = {
        # (a) with the plugin, its build cache emptied first: what a fresh clone (CI) builds
        "cold": mkdocs_build(project / "mkdocs.yml", site_a),
        # (a) with the plugin right after another build: unchanged work comes from the cache
        "warm": mkdocs_build(project / "mkdocs.yml", site_a),
        # (a) cold, all in MkDocs' process (PLAYBOOK_PARALLEL=false): the plugin's CPU on one core
        "one": mkdocs_build(project / "mkdocs.yml", site_a),
        # (b) the same pages, exported, built by MkDocs and Material without the plugin
        "b": mkdocs_build(plain / "mkdocs.yml", site_b),
    }
    one_process = {**ENV, "PLAYBOOK_PARALLEL": "false"}
    builds: dict[str, list[float]] = {kind: [] for kind in commands}
    cpu: dict[str, list[float]] = {kind: [] for kind in commands}
    memory: dict[str, list[int]] = {kind: [] for kind in commands}
    for r in range(rounds):
        # alternate the order, so that drift on the machine hits every kind alike
        for kind in ("cold", "warm", "one", "b") if r % 2 == 0 else ("b", "one", "cold", "warm"):
            if kind in ("cold", "one"):
                shutil.rmtree(project / ".cache", ignore_errors=True)
            done = run(commands[kind], project, one_process if kind == "one" else None)
            builds[kind].append(done.seconds)
            cpu[kind].append(done.cpu_seconds)
            memory[kind].append(done.peak_bytes)
    check = [run([str(BIN / "playbook"), "check", "scenarios"], project) for _ in range(rounds)]
    checks = [c.seconds for c in check]
    cold, warm, b = (statistics.median(builds[kind]) for kind in ("cold", "warm", "b"))
    cpu_cold, cpu_one, cpu_b = (statistics.median(cpu[kind]) for kind in ("cold", "one", "b"))
    index = site_a / "search" / "search_index.json"
    return {
        "n": n,
        "build_with_plugin_s": cold,
        "build_warm_s": warm,
        "build_plain_s": b,
        "overhead": cold / b,
        "overhead_warm": warm / b,
        "cpu_with_plugin_s": cpu_cold,
        "cpu_plain_s": cpu_b,
        "cpu_overhead": cpu_cold / cpu_b,
        "build_one_process_s": statistics.median(builds["one"]),
        "cpu_one_process_s": cpu_one,
        "cpu_overhead_one_process": cpu_one / cpu_b,
        "worker_saves": 1 - cold / statistics.median(builds["one"]),
        "ms_per_scenario": cold / n * 1000,
        "peak_memory_mib": max(memory["cold"] + memory["warm"]) / 2**20,
        "peak_memory_plain_mib": max(memory["b"]) / 2**20,
        "site_mib": folder_size(site_a) / 2**20,
        "search_index_mib": index.stat().st_size / 2**20,
        "check_s": statistics.median(checks),
        "check_files_per_s": n / statistics.median(checks),
        "runs": {**builds, "check": checks, "cpu": cpu},
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def serve_rebuild(n: int, work: Path, edits: int = 3) -> dict[str, Any]:
    """Edit scenarios under ``mkdocs serve``, one after the other; time until each page shows
    its edit (the median counts) and read MkDocs' own build time for each from its log."""
    project = work / "serve"
    ids = generate(n, project)
    port = _free_port()
    log = (work / "serve.log").open("w+")
    proc = subprocess.Popen(
        [
            str(BIN / "mkdocs"),
            "serve",
            "--dirty",  # the plugin makes dirty rebuilds exact (adapter/incremental.py)
            "-f",
            str(project / "mkdocs.yml"),
            "-a",
            f"127.0.0.1:{port}",
        ],
        cwd=project,
        env=ENV,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    times: list[float] = []
    builds: list[float] = []
    reads: list[Any] = []
    wrote: list[Any] = []
    try:
        deadline = time.monotonic() + 900
        first = f"http://127.0.0.1:{port}/playbook/scenarios/{ids[0]}/"
        while "<h1" not in _get(first):
            if time.monotonic() > deadline or proc.poll() is not None:
                raise SystemExit("mkdocs serve did not come up; see " + log.name)
            time.sleep(0.5)
        for k in range(edits):
            target = ids[(k + 1) * len(ids) // (edits + 1)]
            url = f"http://127.0.0.1:{port}/playbook/scenarios/{target}/"
            path = project / "scenarios" / f"{target}.yml"
            marker = f"Edited {time.time_ns()}"
            log.seek(0, os.SEEK_END)
            before = log.tell()
            text = path.read_text(encoding="utf-8")
            path.write_text(
                re.sub(r"^title: (.*)$", rf"title: {marker} \1", text, count=1, flags=re.M),
                encoding="utf-8",
            )
            start = time.perf_counter()
            while marker not in _get(url):
                if time.monotonic() > deadline:
                    raise SystemExit("the edit never showed; see " + log.name)
                time.sleep(0.05)
            times.append(time.perf_counter() - start)
            time.sleep(1.0)  # let the build's log lines land
            log.seek(before)
            after = log.read()
            reads += re.findall(r"read (\d+) files?: (.*)", after)
            wrote += re.findall(r"wrote (\d+) of (\d+) pages", after)
            built = re.findall(r"Documentation built in ([\d.]+) seconds", after)
            builds += [float(b) for b in built]
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=30)
        log.close()
    return {
        "n": n,
        "rebuild_s": statistics.median(times),
        "rebuild_runs_s": times,
        "build_s": statistics.median(builds) if builds else None,
        "plugin_reads": reads,
        "pages_written": wrote,
    }


def bundle_search(n: int, work: Path, rounds: int) -> dict[str, Any]:
    """Build the offline bundle's site for ``n`` scenarios and time Material's search in it,
    opened from file:// in Chromium (benchmarks/bundle_search.py)."""
    from bundle_search import measure as measure_search

    project, site = work / "bundle", work / "bundle-site"
    generate(n, project)
    env = {**ENV, "PLAYBOOK_OFFLINE": "true"}
    subprocess.run(mkdocs_build(project / "mkdocs.yml", site), cwd=project, env=env, check=True)
    index = site / "search" / "search_index.json"
    found = measure_search(site, "referral", rounds)
    return {"n": n, "search_index_mib": index.stat().st_size / 2**20, **found}


def versions() -> dict[str, str]:
    from importlib.metadata import version

    names = ("mkdocs", "mkdocs-material", "markdown", "jinja2", "pydantic", "pyyaml")
    return {name: version(name) for name in names}


def machine() -> dict[str, Any]:
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.*)", cpuinfo.read_text())
        cpu = found.group(1) if found else ""
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "load_average": os.getloadavg(),
        "python": platform.python_version(),
        "system": platform.platform(),
        **versions(),
    }


def report(
    results: list[dict[str, Any]],
    serve: dict[str, Any] | None,
    search: dict[str, Any] | None = None,
) -> str:
    lines = [
        "| N | plugin, cold (s) | plugin, warm (s) | plain (s) | overhead cold | overhead warm "
        "| CPU overhead cold | one process (s) | CPU overhead one process | worker saves "
        "| ms/scenario (cold) | peak MiB (plain) | site MiB "
        "| search index MiB | check (s) | check files/s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['n']:,} | {r['build_with_plugin_s']:.2f} | {r['build_warm_s']:.2f} | "
            f"{r['build_plain_s']:.2f} | {r['overhead']:.3f} | {r['overhead_warm']:.3f} | "
            f"{r['cpu_overhead']:.3f} | {r['build_one_process_s']:.2f} | "
            f"{r['cpu_overhead_one_process']:.3f} | {r['worker_saves']:.1%} | "
            f"{r['ms_per_scenario']:.2f} | "
            f"{r['peak_memory_mib']:.0f} ({r['peak_memory_plain_mib']:.0f}) | "
            f"{r['site_mib']:.1f} | {r['search_index_mib']:.2f} | {r['check_s']:.2f} | "
            f"{r['check_files_per_s']:,.0f} |"
        )
    by_n = {r["n"]: r for r in results}
    if 1000 in by_n and 5000 in by_n:
        growth = by_n[5000]["build_with_plugin_s"] / by_n[1000]["build_with_plugin_s"]
        plain = by_n[5000]["build_plain_s"] / by_n[1000]["build_plain_s"]
        lines.append(
            f"\nGrowth N=1,000 -> 5,000: {growth:.2f}x with the plugin, "
            f"{plain:.2f}x plain (5.00x is linear)."
        )
    if serve:
        reads = "; ".join(f"{count}: {names}" for count, names in serve["plugin_reads"])
        wrote = "; ".join(f"{a} of {b}" for a, b in serve.get("pages_written", []))
        lines.append(
            f"\n`mkdocs serve --dirty` at N={serve['n']:,}: an edited scenario showed after "
            f"{serve['rebuild_s']:.2f} s (median of "
            f"{', '.join(f'{t:.2f}' for t in serve['rebuild_runs_s'])} s; MkDocs' own build "
            f"{serve['build_s'] or 0:.2f} s); the plugin read {reads or 'nothing'} and wrote "
            f"{wrote or '?'} pages."
        )
    if search:
        lines.append(
            f"\nOffline bundle at N={search['n']:,} (search index "
            f"{search['search_index_mib']:.2f} MiB), from file:// in Chromium: first search "
            f"result {search['first_result_ms']:.0f} ms after the first key press; longest "
            f"main-thread task {search['longest_task_ms']:.0f} ms."
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--serve-at", type=int, default=1000, help="0 to skip")
    parser.add_argument("--bundle-at", type=int, default=1000, help="0 to skip")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = []
    with tempfile.TemporaryDirectory(prefix="playbook-bench-") as tmp:
        for n in sizes:
            work = Path(tmp) / str(n)
            work.mkdir()
            results.append(measure(n, args.rounds, work))
            print(report(results[-1:], None).splitlines()[-1], flush=True)
            shutil.rmtree(work)
        serve = serve_rebuild(args.serve_at, Path(tmp)) if args.serve_at else None
        search = bundle_search(args.bundle_at, Path(tmp), args.rounds) if args.bundle_at else None
    print()
    print(f"Machine: {machine()}")
    print(report(results, serve, search))
    if args.json:
        figures = {"machine": machine(), "results": results, "serve": serve, "search": search}
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
