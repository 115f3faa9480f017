"""The playbook's pages, made in a second process while MkDocs builds the site.

MkDocs builds on one core, and reading, checking and rendering scenarios needs nothing from it.
So ``mkdocs build`` on a machine with two cores or more forks a worker at ``on_config``
(:func:`start`). The worker sends the list of pages it will make (the :class:`Plan`), then each
page's Markdown in that order, then the :class:`Outcome`: every problem, the files it read and
what the site publishes beside its pages. MkDocs reads each page when it gets to it
(:class:`~.pending_file.PendingFile`); by then the worker, which works about four times faster
than MkDocs renders, has usually made it. The plugin reports the problems at ``on_env``,
before MkDocs writes any page.

The worker runs the same code as a build in one process (:class:`~..core.loader.LoadRun`,
:mod:`..render.pages`, the build cache), so both make the same site; the tests hold them to it.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import shutil
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from ..core.build_cache import BuildCache, open_cache
from ..core.files import display_path
from ..core.loader import Loader, LoadRun, Playbook
from ..core.problems import Problem
from ..publish import exports
from ..render import pages, site, urls


@dataclass(frozen=True)
class Job:
    """What the worker needs: everything is a plain value, decided before the fork."""

    root: Path
    files: list[Path]
    taxonomy: Path
    templates: str | None
    use_directory_urls: bool
    #: The build cache's folder, or None for no cache.
    cache_dir: Path | None
    #: An empty folder outside the site for what the site publishes beside its pages: the
    #: worker writes the files there, and MkDocs' process copies them into the site at the end.
    exports_dir: Path


@dataclass
class Plan:
    """The pages the worker will make, in the order it makes them."""

    pages: list[str]
    #: For each scenario page, the file it comes from (as shown in messages).
    origin: dict[str, str] = field(default_factory=dict)


@dataclass
class Outcome:
    """What the worker reports at the end: problems, files read, exports, warnings."""

    problems: list[Problem]
    #: The files read (not taken from the build cache).
    reads: list[str]
    #: The files written in ``Job.exports_dir``: what the site publishes beside its pages (see
    #: :func:`..publish.exports.site_exports`); none when there are problems. Written there,
    #: not sent: at thousands of scenarios ``scenarios.json`` alone is tens of megabytes, which
    #: both processes would hold at once, at the build's peak of memory.
    exports: list[str]
    #: Why the build cache was not used, or not all of it (one line each).
    warnings: list[str] = field(default_factory=list)


Send = Callable[[tuple[Any, ...]], None]


def available() -> bool:
    """Whether a worker can run here: Linux, where ``fork`` is safe and cheap, and no other
    thread in this process (forking a threaded process is unsafe)."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def has_spare_core() -> bool:
    """Whether a worker would speed the build up: a second core for this process."""
    return len(os.sched_getaffinity(0)) >= 2


def produce(job: Job, send: Send) -> None:
    """Make every page of ``job``; send the plan, each page in plan order, and the outcome.

    Scenario pages come first, each as soon as its file (and those it links to) is read and
    clean, so the first is ready in milliseconds; the pages about all the scenarios follow once
    every file is checked. After the first problem, pages are sent empty: the build will fail.
    """
    build_cache, warnings = open_cache(job.cache_dir, job.root) if job.cache_dir else (None, [])
    loader = Loader(job.root)
    loader.build_cache = build_cache
    load = loader.start(job.files, job.taxonomy)
    plan = _plan(load, job.root)
    send(("plan", plan))  # MkDocs waits for it: sent before anything else is made ready
    maker = PageMaker(job, load, build_cache) if load.taxonomy is not None else None
    if maker:
        maker.scenario_pages(send)
    playbook = load.finish()
    written: list[str] = []
    if maker and playbook.ok:
        maker.summary_pages(playbook, send)
        parts = exports.export_parts(playbook.scenarios, maker.taxonomy, job.use_directory_urls)
        written = exports.write_site_exports(job.exports_dir, parts)
    else:
        for src in plan.pages[len(load.paths) :]:
            send(("page", src, None))
    if build_cache is not None:
        build_cache.close(prune=playbook.ok)
        warnings += build_cache.warnings
    send(("done", Outcome(playbook.problems, playbook.reads, written, warnings)))


def _plan(load: LoadRun, root: Path) -> Plan:
    """The pages of ``load``, in the order :func:`produce` makes them (none without a taxonomy)."""
    if load.taxonomy is None:
        return Plan([])
    scenarios = [urls.scenario_src(i) for i in load.paths]
    summaries = [src for src, _, _ in pages.summary_sources(load.taxonomy)]
    origin = {urls.scenario_src(i): display_path(p, root) for i, p in load.paths.items()}
    return Plan(scenarios + summaries, origin)


class PageMaker:
    """Renders the pages of one load, with the build cache if there is one."""

    def __init__(self, job: Job, load: LoadRun, build_cache: BuildCache | None) -> None:
        assert load.taxonomy is not None
        self.job, self.load, self.taxonomy = job, load, load.taxonomy
        #: The file digests of the scenarios read so far: the page cache's inputs.
        self.digests: dict[str, str] = {}
        self.env, self.memo = site.page_tools(
            job.templates, job.use_directory_urls, build_cache, self.digests, load.taxonomy_digest
        )
        #: The scenarios pages are rendered with: those read and clean so far.
        self.site = pages.Site({}, self.taxonomy, job.use_directory_urls)

    def scenario_pages(self, send: Send) -> None:
        clean = not self.load.problems
        for stem in self.load.paths:
            page = self._scenario_page(stem) if clean else None
            clean = page is not None
            send(("page", urls.scenario_src(stem), page))

    def _scenario_page(self, stem: str) -> str | None:
        """The page of scenario ``stem``; None if it, or one it links to, has a problem."""
        load = self.load
        scenario = load.clean(stem)
        if scenario is None:
            return None
        for other in [stem, *scenario.related]:
            model = load.clean(other) if other in load.paths else None
            if model is None:
                return None
            self.site.scenarios[other] = model
            self.digests[other] = load.entry(other).digest
        return pages.scenario_page(self.env, self.site, scenario, self.memo)[1]

    def summary_pages(self, playbook: Playbook, send: Send) -> None:
        whole = pages.Site(playbook.scenarios, self.taxonomy, self.job.use_directory_urls)
        self.digests.update(playbook.digests)
        for src, text in pages.summary_pages(self.env, whole, self.memo):
            send(("page", src, text))


def _work(job: Job, conn: Connection) -> None:
    """The worker process: :func:`produce`, its messages down ``conn``."""
    # What the fork copied lives as long as the worker: collections skip it (and the pages
    # it shares with MkDocs' process stay shared); what the worker makes is collected.
    gc.freeze()
    try:
        produce(job, conn.send)
    except BaseException:  # the main process reports it; a worker never dies silently
        conn.send(("crash", traceback.format_exc()))
    finally:
        conn.close()


def _widen(conn: Connection) -> None:
    """Let the worker run up to a megabyte of pages ahead of MkDocs (a pipe holds 64 KiB)."""
    import fcntl  # only where there is a worker: not on Windows

    with contextlib.suppress(OSError, AttributeError):  # a lower limit, or an older system
        fcntl.fcntl(conn.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)


def start(job: Job) -> WorkerHandle:
    """Fork a worker for ``job`` (see :func:`available`)."""
    return WorkerHandle(job)


class WorkerHandle:
    """The main process's end of a worker: what it planned, its pages, its outcome."""

    def __init__(self, job: Job) -> None:
        self.job = job
        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe(duplex=False)
        _widen(child)
        sys.stdout.flush()  # or the fork would copy, and print twice, what is buffered
        sys.stderr.flush()
        self._process = context.Process(target=_work, args=(job, child), daemon=True)
        self._process.start()
        child.close()
        self._plan: Plan | None = None
        self._pages: dict[str, str | None] = {}
        self._outcome: Outcome | None = None

    def _receive(self) -> None:
        try:
            message = self._conn.recv()
        except EOFError:
            self._process.join()
            raise PluginError(
                f"the playbook's worker process stopped (exit code {self._process.exitcode})"
            ) from None
        kind = message[0]
        if kind == "plan":
            self._plan = message[1]
        elif kind == "page":
            self._pages[message[1]] = message[2]
        elif kind == "done":
            self._outcome = message[1]
            self._process.join()
        else:
            raise PluginError(f"the playbook's worker process failed:\n{message[1]}")

    def plan(self) -> Plan:
        while self._plan is None:
            self._receive()
        return self._plan

    def page(self, src_uri: str) -> str:
        """A page's Markdown; empty if the worker found problems before making it."""
        while src_uri not in self._pages and self._outcome is None:
            self._receive()
        return self._pages.pop(src_uri, None) or ""

    def outcome(self) -> Outcome:
        while self._outcome is None:
            self._receive()
        return self._outcome

    def stop(self) -> None:
        """End the worker early (the build failed elsewhere)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._conn.close()
        shutil.rmtree(self.job.exports_dir, ignore_errors=True)
