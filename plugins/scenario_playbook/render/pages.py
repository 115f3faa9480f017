"""Scenarios and taxonomy to page Markdown, through Jinja2 templates.

Python builds the data; templates build the text. The template environment's ``finalize``
escapes every value that has not been through :mod:`.text`, so no contributor text can reach a
page as live HTML, Markdown or template syntax, whatever a template does.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..core.kinds import BY_PLURAL, FAMILY, PRINCIPLE, TermKind
from ..core.model import Scenario, Taxonomy, Term
from ..core.slugs import checklist_ids, text_hash
from . import callsheet, finder, urls
from .text import markdown_html, markdown_inline, plain_html

TEMPLATES = Path(__file__).parent.parent / "templates"

CHANNELS = {"email": "e-mail", "letter": "letter", "chat": "chat message", "voicemail": "voicemail"}

VERDICTS = {
    "best": "Best choice",
    "good": "Good choice",
    "risky": "Risky choice",
    "poor": "Poor choice",
}


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup) or value is None or isinstance(value, bool | int | float):
        return value
    return plain_html(value)


#: How every template of the package treats undefined names and whitespace.
TEMPLATE_OPTIONS: dict[str, Any] = {
    "undefined": jinja2.StrictUndefined,
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
}


def environment(extra_dirs: Iterable[Path] = ()) -> jinja2.Environment:
    """The template environment; folders in ``extra_dirs`` override the built-in templates."""
    loader = jinja2.FileSystemLoader([*map(str, extra_dirs), str(TEMPLATES)])
    env = jinja2.Environment(loader=loader, autoescape=True, finalize=_finalize, **TEMPLATE_OPTIONS)
    env.filters["md"] = markdown_html
    env.filters["md_inline"] = markdown_inline
    env.filters["plain"] = plain_html
    return env


def front_matter(**meta: Any) -> Markup:
    """YAML front matter written as JSON (a YAML subset): exact, and never interpreted."""
    text = json.dumps(meta, ensure_ascii=False, sort_keys=True)
    # ASCII only, each character escaped whole: JSON's surrogate pairs (\\ud83d\\ude00) would
    # read back in YAML as two lone surrogates, and MkDocs would drop the front matter.
    return Markup("---\n" + _NON_ASCII.sub(_yaml_escape, text) + "\n---\n")


_NON_ASCII = re.compile("[^\x00-\x7f]")


def _yaml_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


@dataclass
class Site:
    """Everything the templates may look up, for one build."""

    scenarios: dict[str, Scenario]
    taxonomy: Taxonomy
    use_directory_urls: bool

    def term(self, kind: str, ident: str) -> Term | None:
        """The term ``ident`` of ``kind`` (plural, as templates name it: ``"families"``)."""
        for term in BY_PLURAL[kind].terms(self.taxonomy):
            if term.id == ident:
                return term
        return None

    def sorted_scenarios(self, ids: Iterable[str] | None = None) -> list[Scenario]:
        chosen = self.scenarios.values() if ids is None else (self.scenarios[i] for i in ids)
        return sorted(chosen, key=lambda s: s.title.casefold())

    def in_family(self, family: str) -> list[Scenario]:
        return [s for s in self.sorted_scenarios() if s.family == family]

    def applying(self, principle: str) -> list[Scenario]:
        return [s for s in self.sorted_scenarios() if principle in s.principles]

    def linker(self, from_src: str) -> Callable[[str], str]:
        def link(target_src: str) -> str:
            return urls.relative(target_src, from_src, self.use_directory_urls)

        return link


def _title(term: Term | None, ident: str) -> str:
    return term.title if term else ident


_HEADING_ID = re.compile(r'(<h[3-6] id=")(pb-md-[^"]*)(")')


def unique_heading_ids(page: str) -> str:
    """Headings in contributor text get ids from their words (``pb-md-...``), field by field;
    two fields with the same heading would give one page two equal ids. A repeat gets the first
    free ``-2``, ``-3``... (never an id another heading has; contributor text cannot write
    ``id="`` itself: it reaches the page escaped)."""
    taken = {m.group(2) for m in _HEADING_ID.finditer(page)}
    used: set[str] = set()

    def renumber(match: re.Match[str]) -> str:
        ident = match.group(2)
        if ident not in used:
            used.add(ident)
            return match.group(0)
        n = 2
        while f"{ident}-{n}" in taken or f"{ident}-{n}" in used:
            n += 1
        used.add(f"{ident}-{n}")
        return f"{match.group(1)}{ident}-{n}{match.group(3)}"

    return _HEADING_ID.sub(renumber, page)


def render_scenario(env: jinja2.Environment, site: Site, scenario: Scenario) -> str:
    """One scenario's page Markdown, front matter included."""
    src = urls.scenario_src(scenario.id)
    items = [
        {"id": ident, "hash": text_hash(item.text), "text": item.text}
        for ident, item in zip(checklist_ids(scenario), scenario.checklist, strict=True)
    ]
    meta = front_matter(
        title=str(plain_html(scenario.title)),
        description=str(plain_html(scenario.summary)),
        tags=[str(plain_html(t)) for t in scenario.tags],
        hide=["tags"],  # shown under "About this scenario", below what a caller needs first
        search={"boost": 2},
        playbook={"kind": "scenario", "id": scenario.id},
    )
    page = env.get_template("scenario.md.j2").render(
        meta=meta,
        s=scenario,
        site=site,
        link=site.linker(src),
        urls=urls,
        checklist=items,
        verdicts=VERDICTS,
        channels=CHANNELS,
        sheet=callsheet,
        title=_title,
    )
    return unique_heading_ids(page)


def render_index(env: jinja2.Environment, site: Site) -> str:
    """The scenario index page with the finder's facets."""
    src = urls.index_src(urls.SCENARIOS)
    meta = front_matter(
        title="All scenarios",
        description="Every worked scenario in the playbook, with filters.",
        playbook={"kind": "index"},
        # Left out of the site's search: it repeats every scenario's title and summary, which
        # each scenario's own page holds (search would answer with both).
        search={"exclude": True},
    )
    return env.get_template("index.md.j2").render(
        meta=meta,
        site=site,
        link=site.linker(src),
        urls=urls,
        title=_title,
        facets=finder.facets(site.scenarios.values(), site.taxonomy),
        text_param=finder.TEXT_PARAM,
    )


#: The kinds of term that have pages of their own, with their section of the site.
PAGE_KINDS = ((FAMILY, urls.FAMILIES), (PRINCIPLE, urls.PRINCIPLES))


def render_term(env: jinja2.Environment, site: Site, kind: TermKind, term: Term) -> str:
    """A family's or a principle's page, listing its scenarios."""
    src = urls.family_src(term.id) if kind is FAMILY else urls.principle_src(term.id)
    scenarios = site.in_family(term.id) if kind is FAMILY else site.applying(term.id)
    meta = front_matter(
        title=str(plain_html(term.title)),
        description=str(plain_html(term.summary)),
        playbook={"kind": kind.singular, "id": term.id},
    )
    return env.get_template("term.md.j2").render(
        meta=meta,
        term=term,
        kind=kind.plural,
        scenarios=scenarios,
        site=site,
        link=site.linker(src),
        urls=urls,
        title=_title,
    )


def render_term_index(env: jinja2.Environment, site: Site, kind: TermKind) -> str:
    """The page listing every family, or every principle."""
    section = urls.FAMILIES if kind is FAMILY else urls.PRINCIPLES
    src = urls.index_src(section)
    heading = "Scenario families" if kind is FAMILY else "Principles"
    meta = front_matter(title=heading, playbook={"kind": f"{kind.plural}-index"})
    return env.get_template("term_index.md.j2").render(
        meta=meta,
        kind=kind.plural,
        heading=heading,
        terms=kind.terms(site.taxonomy),
        site=site,
        link=site.linker(src),
        urls=urls,
        title=_title,
    )


#: ``memo(src_uri, ids, produce)``: the page's Markdown, from ``produce()`` or remembered; ``ids``
#: are the scenarios whose content the page shows (with the taxonomy and templates, its inputs).
Memo = Callable[[str, Iterable[str], Callable[[], str]], str]


def no_memo(src_uri: str, ids: Iterable[str], produce: Callable[[], str]) -> str:
    """A memo that remembers nothing: the page is always produced."""
    return produce()


def scenario_page(
    env: jinja2.Environment, site: Site, scenario: Scenario, memo: Memo = no_memo
) -> tuple[str, str]:
    """One scenario's page, ``(src_uri, markdown)``; the scenarios it links to must be in
    ``site.scenarios``."""
    src = urls.scenario_src(scenario.id)
    shown = [scenario.id, *(r for r in scenario.related if r in site.scenarios)]
    return src, memo(src, shown, functools.partial(render_scenario, env, site, scenario))


def summary_sources(taxonomy: Taxonomy) -> list[tuple[str, TermKind | None, Term | None]]:
    """The pages about all the scenarios, in build order: ``(src_uri, kind, term)``; the
    scenario index has no kind, a kind's index page no term."""
    out: list[tuple[str, TermKind | None, Term | None]] = [
        (urls.index_src(urls.SCENARIOS), None, None)
    ]
    for kind, section in PAGE_KINDS:
        src_of = urls.family_src if kind is FAMILY else urls.principle_src
        out.append((urls.index_src(section), kind, None))
        out += [(src_of(term.id), kind, term) for term in kind.terms(taxonomy)]
    return out


def summary_pages(
    env: jinja2.Environment, site: Site, memo: Memo = no_memo
) -> Iterator[tuple[str, str]]:
    """The index and the family and principle pages, ``(src_uri, markdown)``; they show every
    scenario, so ``site.scenarios`` must be complete."""
    every = sorted(site.scenarios)
    own_only = built_in(env, "term.md.j2")
    for src, kind, term in summary_sources(site.taxonomy):
        produce: Callable[[], str]
        shown = every
        if kind is None:
            produce = functools.partial(render_index, env, site)
        elif term is None:
            produce = functools.partial(render_term_index, env, site, kind)
        else:
            produce = functools.partial(render_term, env, site, kind, term)
            if own_only:  # the built-in page shows its own scenarios and nothing of the others
                listed = site.in_family(term.id) if kind is FAMILY else site.applying(term.id)
                shown = [s.id for s in listed]
        yield src, memo(src, shown, produce)


def built_in(env: jinja2.Environment, name: str) -> bool:
    """Whether the template ``name`` is the playbook's own (not one a project overrides, which
    may show anything of the site)."""
    filename = env.get_template(name).filename
    return filename is not None and Path(filename).parent == TEMPLATES


def render_pages(
    scenarios: dict[str, Scenario],
    taxonomy: Taxonomy,
    *,
    use_directory_urls: bool = True,
    env: jinja2.Environment | None = None,
    memo: Memo = no_memo,
) -> dict[str, str]:
    """Every generated page, ``{src_uri: markdown}``, in build order: the scenarios' pages
    first, then the pages about all of them."""
    env = env or environment()
    site = Site(scenarios, taxonomy, use_directory_urls)
    pages = dict(scenario_page(env, site, scenario, memo) for scenario in scenarios.values())
    pages.update(summary_pages(env, site, memo))
    return pages
