"""Build time of each engine at N scenarios (ENGINES.md): one cold build per engine.

Generates N scenarios (benchmarks/generate.py), then times ``python -m
scenario_playbook.publish.engines build ENGINE`` with each engine's own environment (``.venv`` for
mkdocs, ``.venv-properdocs``, ``.venv-zensical``; ``make build ENGINE=...`` installs them), the
playbook's build cache emptied first, not strict (the generated project's home page links
to the repo's own scenario ids), as ``make bench`` builds. Zensical's time includes the export.

    python benchmarks/engines.py [--size 1000] [--engines mkdocs,properdocs,zensical]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import ROOT, generate

VENVS = {"mkdocs": ".venv", "properdocs": ".venv-properdocs", "zensical": ".venv-zensical"}


def build_seconds(engine: str, project: Path) -> float:
    python = ROOT / VENVS[engine] / "bin" / "python"
    shutil.rmtree(project / ".cache", ignore_errors=True)
    shutil.rmtree(project / "build", ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run(
        [str(python), "-m", "scenario_playbook.publish.engines", "build", engine, "--no-strict"],
        cwd=project,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--engines", default=",".join(VENVS))
    args = parser.parse_args()
    print(f"{platform.platform()}, {os.cpu_count()} cores, N = {args.size}")
    with tempfile.TemporaryDirectory(prefix="bench-engines-") as tmp:
        project = Path(tmp) / "project"
        generate(args.size, project)
        for engine in args.engines.split(","):
            seconds = build_seconds(engine, project)
            pages = sum(1 for _ in (project / "site").rglob("*.html"))
            print(f"{engine}: {seconds:.1f} s, {pages} HTML files", flush=True)


if __name__ == "__main__":
    main()
