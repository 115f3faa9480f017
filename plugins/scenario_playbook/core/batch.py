"""``playbook check`` over many files: the same :class:`.Loader`, on both cores.

Names are checked across all files here (:func:`.files.distinct`); each worker process then
loads a slice of the files with every id known, so that links across slices resolve exactly as
in one process. Problems come back as plain tuples and are merged, de-duplicated (each worker
reports the taxonomy's own problems) and sorted: the output equals a single process's.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .files import display_path, distinct
from .loader import Loader
from .problems import Problem

#: Below this many files, starting workers costs more than it saves.
MIN_PARALLEL = 200


def _check_slice(args: tuple[list[Path], Path | None, Path | None, set[str]]) -> list[Problem]:
    files, taxonomy, base, known = args
    try:
        return Loader(base).load(files, taxonomy, context=known).problems
    except Exception:  # one file's failure must not hide the others' problems
        return _one_by_one(files, taxonomy, base, known)


def _one_by_one(
    files: list[Path], taxonomy: Path | None, base: Path | None, known: set[str]
) -> list[Problem]:
    """Each file checked alone, so that a failure is located at the file that caused it."""
    found: list[Problem] = []
    for path in files:
        try:
            found += Loader(base).load([path], taxonomy, context=known).problems
        except Exception as exc:  # reported as a problem of that file
            shown = display_path(path, base)
            message = f"could not be checked ({type(exc).__name__}); please report this file"
            found.append(Problem(shown, 1, 1, "internal-error", message))
    return found


def jobs_for(count: int, jobs: int | None) -> int:
    """How many worker processes a check of ``count`` files should use."""
    if jobs is None:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return 1 if count < MIN_PARALLEL else max(1, min(jobs or 1, 8))


def check(
    files: list[Path],
    taxonomy: Path | None,
    context: set[str],
    base: Path | None = None,
    jobs: int | None = None,
) -> list[Problem]:
    """Every problem in ``files`` (and the taxonomy), as one :class:`.Loader` would find them."""
    workers = jobs_for(len(files), jobs)
    if workers == 1:
        return Loader(base).load(files, taxonomy, context=context).problems
    paths, problems = distinct(files, base)
    known = set(context) | set(paths)
    ordered = list(paths.values())
    size = -(-len(ordered) // workers)  # one slice each: the taxonomy is read once per worker
    slices = [(ordered[i : i + size], taxonomy, base, known) for i in range(0, len(ordered), size)]
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        found = set(problems)
        futures = [(pool.submit(_check_slice, item), item) for item in slices]
        for future, item in futures:
            try:
                found.update(future.result())
            except Exception:  # a worker died: check its slice here
                found.update(_one_by_one(*item))
    return sorted(found)
