"""The one-file edition: the whole playbook as one self-contained HTML file.

Pages are the same Markdown the plugin hands to MkDocs (hand-written pages in the order of the
navigation, then every family with its scenarios, then the principles), converted with the
site's own Markdown extensions. Links between pages become links to sections of the file, and
every ``id`` is prefixed by its section's, so anchors stay unique. Styles are inline; there is
no script and nothing is loaded from anywhere.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

import markdown
from markupsafe import Markup
from mkdocs.utils.meta import get_data

from ..adapter.project import Project
from ..render import pages, site, urls
from ..search.index import one_line
from .hostscan import is_remote

TEMPLATE = "onefile.html.j2"
ATTR = re.compile(r'(\s)(href|id)="([^"]*)"')
#: A start tag: attributes are rewritten only inside one.
TAG = re.compile(r"<[a-zA-Z][^<>]*>")
TAGS_MARKER = "<!-- material/tags -->"


@dataclass
class Section:
    """A section of the one file: a page, its title, HTML and child pages."""

    src: str
    title: str
    html: Markup = field(default_factory=Markup)
    children: list[Section] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.src.removesuffix(".md").lower()).strip("-")


def _nav_files(nav: Any) -> Iterator[str]:
    """Every page file the navigation names, in order."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_files(value)
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_files(item)


def rewrite_links(html: str, src: str, anchors: dict[str, str], use_directory_urls: bool) -> str:
    """Point links at sections of the one file and make ids unique to their section."""
    here = urls.page_url(src, use_directory_urls)
    by_url = {urls.page_url(s, use_directory_urls): a for s, a in anchors.items()}
    prefix = anchors[src]

    def replace(match: re.Match[str]) -> str:
        space, name, value = match.groups()
        if name == "id":
            return f'{space}id="{prefix}--{value}"'
        if value.startswith("#"):
            return f'{space}href="#{prefix}--{value[1:]}"'
        if is_remote(value) or ":" in value.split("/")[0]:
            return match.group(0)
        path, _, fragment = value.partition("#")
        if path.endswith(".md"):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(src), path))
            anchor = anchors.get(target)
        else:
            resolved = posixpath.normpath(posixpath.join("/" + urls.folder_of(here), path))
            resolved = resolved.lstrip("/")
            anchor = by_url.get(resolved) or by_url.get(resolved + "/")
        if anchor is None:
            return f'{space}href="#contents"'
        return f'{space}href="#{anchor}--{fragment}"' if fragment else f'{space}href="#{anchor}"'

    # only attributes of tags: text that merely reads 'href="..."' (in a code span, where
    # quotes stay as they are) is left alone
    return TAG.sub(lambda tag: ATTR.sub(replace, tag.group(0)), html)


def sections(project: Project) -> list[Section]:
    """The file's sections, as a two-level outline (families hold their scenarios)."""
    config, playbook = project.config, project.playbook
    assert playbook.taxonomy is not None
    docs = Path(config.docs_dir)
    pages = site.generated_pages(
        playbook.scenarios, playbook.taxonomy, project.templates, config.use_directory_urls
    )
    for src in _nav_files(config.nav or []):
        path = docs / src
        if src not in pages and path.is_file():
            text = path.read_text(encoding="utf-8")
            if TAGS_MARKER not in text:
                pages[src] = text
    hand = [
        s
        for s in _nav_files(config.nav or [])
        if s in pages and s.split("/")[0] not in (urls.SCENARIOS, urls.FAMILIES, urls.PRINCIPLES)
    ]
    outline = [Section(s, "") for s in dict.fromkeys(hand)]
    for family in playbook.taxonomy.families:
        members = sorted(
            (s for s in playbook.scenarios.values() if s.family == family.id),
            key=lambda s: s.title.casefold(),
        )
        children = [Section(urls.scenario_src(s.id), "") for s in members]
        outline.append(Section(urls.family_src(family.id), "", children=children))
    outline += [Section(urls.principle_src(p.id), "") for p in playbook.taxonomy.principles]

    every = [s for top in outline for s in (top, *top.children)]
    anchors = {s.src: s.anchor for s in every}
    md = markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )
    for section in every:
        body, meta = get_data(pages[section.src])
        md.reset()
        html = md.convert(body)
        heading = re.match(r"\s*<h1[^>]*>(.*?)</h1>", html, re.S)
        if heading:
            html = html[heading.end() :]
            section.title = Markup(heading.group(1)).striptags().replace("¶", "").strip()
        else:
            section.title = str(Markup(meta.get("title", section.src)).unescape())
        html = rewrite_links(html, section.src, anchors, config.use_directory_urls)
        section.html = Markup(html)
    return outline


def render_onefile(project: Project) -> str:
    """The one-file edition's whole HTML."""
    env = pages.environment([project.templates] if project.templates else [])
    css = "\n".join(
        data.decode("utf-8") for path, data in site.asset_files().items() if path.endswith(".css")
    )
    outline = sections(project)
    anchors = {c.src: c.anchor for top in outline for c in top.children}
    situations = [
        (anchors[urls.scenario_src(s.id)], s.title, one_line(s.summary), ", ".join(s.keywords))
        for s in sorted(project.playbook.scenarios.values(), key=lambda s: s.title.casefold())
        if urls.scenario_src(s.id) in anchors
    ]
    return env.get_template(TEMPLATE).render(
        config=project.config,
        sections=outline,
        situations=situations,
        css=Markup(css),
        release=version("scenario-playbook"),
    )
