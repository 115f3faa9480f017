"""``playbook check`` in worker processes finds exactly what one process finds."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from helpers import ROOT
from scenario_playbook.core import batch
from scenario_playbook.core.files import scenario_files
from scenario_playbook.core.loader import Loader

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate


def corpus(tmp_path: Path) -> list[Path]:
    """Every bad golden file, the repo's scenarios and clones: good and bad, mixed."""
    generate(180, tmp_path / "gen")
    folder = tmp_path / "gen" / "scenarios"
    for case in (ROOT / "tests" / "bad").rglob("*.yml"):
        shutil.copy(case, folder / case.name)
    shutil.copy(ROOT / "tests" / "bad" / "duplicate-key.yml", folder / "Duplicate-Key.yml")
    return scenario_files([folder])


@pytest.mark.slow
def test_workers_find_exactly_what_one_process_finds(tmp_path: Path):
    files = corpus(tmp_path)
    assert len(files) >= batch.MIN_PARALLEL
    taxonomy = ROOT / "taxonomy.yml"
    context = {f.stem for f in files}
    serial = Loader(tmp_path).load(files, taxonomy, context=context).problems
    parallel = batch.check(files, taxonomy, context, base=tmp_path, jobs=2)
    assert len(serial) > 80
    assert parallel == serial


def test_small_checks_stay_in_process():
    assert batch.jobs_for(batch.MIN_PARALLEL - 1, 8) == 1
    assert batch.jobs_for(5000, 2) == 2
