"""Where generated pages live and how pages link to each other, as MkDocs lays them out."""

from __future__ import annotations

import posixpath

SCENARIOS = "scenarios"
FAMILIES = "families"
PRINCIPLES = "principles"


def scenario_src(ident: str) -> str:
    """The generated page's source path of a scenario."""
    return f"{SCENARIOS}/{ident}.md"


def family_src(ident: str) -> str:
    """The generated page's source path of a family."""
    return f"{FAMILIES}/{ident}.md"


def principle_src(ident: str) -> str:
    """The generated page's source path of a principle."""
    return f"{PRINCIPLES}/{ident}.md"


def index_src(section: str) -> str:
    """The source path of a section's index page."""
    return f"{section}/index.md"


def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """The URL MkDocs gives the page built from ``src_uri`` (relative to the site root)."""
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        folder = stem[: -len("index")]
        return folder if use_directory_urls else folder + "index.html"
    return stem + "/" if use_directory_urls else stem + ".html"


def folder_of(url: str) -> str:
    """The folder that relative links on the page at ``url`` start from."""
    return url if url.endswith("/") or not url else posixpath.dirname(url) + "/"


def relative(target_src: str, from_src: str, use_directory_urls: bool) -> str:
    """The link from the page built from ``from_src`` to the one built from ``target_src``."""
    target = page_url(target_src, use_directory_urls)
    here = page_url(from_src, use_directory_urls)
    rel = posixpath.relpath("/" + target, "/" + folder_of(here))
    if (not target or target.endswith("/")) and not rel.endswith("/"):
        rel += "/"
    if rel == "./" or rel == "":
        return "./"
    return rel
