"""Glue between a loaded playbook and a site: the pages and assets to generate, and the
problems that only a site can have (a generated page hiding a hand-written one)."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import jinja2

from ..core import build_cache as cache_keys
from ..core.build_cache import BuildCache
from ..core.model import Scenario, Taxonomy
from ..core.problems import Problem
from . import pages

ASSETS = Path(__file__).parent.parent / "assets"
ASSET_PREFIX = "assets/playbook/"


def asset_files() -> dict[str, bytes]:
    """The plugin's own CSS and JavaScript, by their path in the site."""
    return {
        ASSET_PREFIX + p.name: p.read_bytes()
        for p in sorted(ASSETS.iterdir())
        if p.suffix in {".css", ".js"}
    }


def generated_pages(
    scenarios: dict[str, Scenario],
    taxonomy: Taxonomy,
    templates: str | Path | None,
    use_directory_urls: bool,
    *,
    build_cache: BuildCache | None = None,
    digests: Mapping[str, str] | None = None,
    taxonomy_digest: str = "",
    recent: RecentPages | None = None,
) -> dict[str, str]:
    """The generated pages, ``{src_uri: markdown}``, exactly as the plugin hands them to MkDocs.

    With a ``build_cache`` (and the ``digests`` of the scenario files), pages whose every input
    is unchanged come from the build cache instead of being rendered again; with ``recent``
    (serve), from the last build's pages in memory first.
    """
    env, memo = page_tools(
        templates, use_directory_urls, build_cache, digests, taxonomy_digest, recent
    )
    return pages.render_pages(
        scenarios, taxonomy, use_directory_urls=use_directory_urls, env=env, memo=memo
    )


def page_tools(
    templates: str | Path | None,
    use_directory_urls: bool,
    build_cache: BuildCache | None = None,
    digests: Mapping[str, str] | None = None,
    taxonomy_digest: str = "",
    recent: RecentPages | None = None,
) -> tuple[jinja2.Environment, pages.Memo]:
    """The template environment (``templates`` overriding the built-in ones) and the page
    memo: the build cache's and ``recent``, when there are any, else none. ``digests`` may grow
    afterwards."""
    folder = Path(templates) if templates else None
    env = shared_environment(folder)
    memo: pages.Memo = pages.no_memo
    if (build_cache is not None or recent is not None) and digests is not None and taxonomy_digest:
        memo = page_memo(build_cache, digests, taxonomy_digest, folder, use_directory_urls, recent)
    return env, memo


@functools.cache
def shared_environment(folder: Path | None) -> jinja2.Environment:
    """One template environment per templates folder for the life of the process (each
    ``mkdocs serve`` rebuild would otherwise compile every template again); Jinja2 reloads a
    template whose file changed."""
    env = pages.environment([folder] if folder else [])
    assert env.auto_reload
    return env


class RecentPages:
    """The pages a ``mkdocs serve`` rebuild rendered or read, in memory by their memo key: the
    next rebuild takes them from here before asking the build cache on disk (which reads,
    checks and decodes each)."""

    def __init__(self) -> None:
        self.last: dict[str, str] = {}
        self.now: dict[str, str] = {}

    def begin(self) -> None:
        """A new build: what the last one used is what there is to reuse."""
        if self.now:
            self.last, self.now = self.now, {}

    def get(self, key: str) -> str | None:
        page = self.last.get(key)
        if page is not None:
            self.now[key] = page
        return page

    def put(self, key: str, page: str) -> None:
        self.now[key] = page


def page_memo(
    build_cache: BuildCache | None,
    digests: Mapping[str, str],
    taxonomy_digest: str,
    templates: Path | None,
    use_directory_urls: bool,
    recent: RecentPages | None = None,
) -> pages.Memo:
    """Remember pages by a key over all their inputs (see :mod:`..core.build_cache`), in the
    build cache and, in serve, in ``recent``."""
    base = cache_keys.key(
        taxonomy_digest,
        cache_keys.folder_fingerprint(templates),
        str(use_directory_urls),
        cache_keys.code_fingerprint(),
    )

    def memo(src_uri: str, ids: Iterable[str], produce: Callable[[], str]) -> str:
        shown = list(ids)
        if any(i not in digests for i in shown):
            return produce()  # an input not read in this build (serve's last good version)
        entry = cache_keys.key(base, src_uri, *(f"{i}={digests[i]}" for i in shown))
        if recent is not None:
            kept = recent.get(entry)
            if kept is not None:
                if build_cache is not None:
                    build_cache.touch("page", entry)  # used: kept on disk too
                return kept
        found = build_cache.get("page", entry) if build_cache is not None else None
        if found is not None:
            page = found.decode("utf-8")
        else:
            page = produce()
            if build_cache is not None:
                build_cache.put("page", entry, page.encode("utf-8"))
        if recent is not None:
            recent.put(entry, page)
        return page

    if recent is not None:
        recent.begin()
    return memo


def collisions(
    generated: Iterable[str], existing: Iterable[str], docs_dir: str, origin: dict[str, str]
) -> list[Problem]:
    """A generated page must not silently replace a hand-written one."""
    taken = set(existing)
    out = []
    for src in generated:
        if src in taken:
            shown = origin.get(src, "the playbook")
            out.append(
                Problem(
                    shown,
                    1,
                    1,
                    "page-collision",
                    f"would generate '{src}', but {docs_dir}/{src} already exists; "
                    "rename one of them",
                )
            )
    return out


def outside(dest_paths: Iterable[str], site_dir: str) -> list[str]:
    """The output paths that would land outside ``site_dir`` (none should, whatever an id is),
    following symbolic links on the way as the system would when writing there."""
    root = Path(os.path.realpath(site_dir))

    @functools.cache
    def real(path: str) -> str:  # os.path.realpath, sharing the work on common folders
        parent = os.path.dirname(path)
        if parent == path:
            return path
        here = os.path.join(real(parent), os.path.basename(path))
        return os.path.realpath(here) if os.path.islink(here) else here

    return [p for p in dest_paths if not Path(real(os.path.abspath(p))).is_relative_to(root)]
