"""What ``mkdocs serve`` shows while a contributor edits: each scenario's last good version,
a notice listing every problem on every page, and which files a rebuild re-read.

Pure functions of playbooks and problems; the plugin only calls them when serving.
"""

from __future__ import annotations

from ..core.loader import Playbook
from ..core.problems import Problem, count
from ..render.text import plain_html

#: At most this many problems are listed on a page; the log always has all of them.
SHOWN = 20


def shown_playbook(current: Playbook, last_good: Playbook | None) -> Playbook:
    """The playbook to render: valid scenarios as they are now, broken ones as they last
    were (if they ever were valid), deleted ones gone; the last good taxonomy if it broke."""
    old = last_good.scenarios if last_good else {}
    scenarios = {
        ident: current.scenarios.get(ident) or old[ident]
        for ident in current.docs
        if ident in current.scenarios or ident in old
    }
    return Playbook(
        scenarios=scenarios,
        taxonomy=current.taxonomy or (last_good.taxonomy if last_good else None),
        problems=[],
        docs=current.docs,
        reads=current.reads,
    )


def notice(problems: list[Problem]) -> str:
    """An HTML block for the top of every page: the problems, as ``path:line:col: message``.

    Every problem text goes through :func:`..render.text.plain_html`: messages quote
    contributor text.
    """
    items = "\n".join(f"<li><code>{plain_html(p.text())}</code></li>" for p in problems[:SHOWN])
    more = (
        f"\n<li>and {len(problems) - SHOWN} more: see the log</li>" if len(problems) > SHOWN else ""
    )
    return (
        f'<div class="admonition failure pb-problems" data-pb-problems="{len(problems)}">\n'
        f'<p class="admonition-title">{count(problems)} in the playbook: this preview shows '
        "the last good version of each broken scenario until you fix it</p>\n"
        f"<ul>\n{items}{more}\n</ul>\n</div>\n\n"
    )


def reads_message(reads: list[str]) -> str:
    """The log line saying which files a build read (the others came from the cache)."""
    if not reads:
        return "read no file: nothing changed in the scenarios or the taxonomy"
    listed = ", ".join(reads[:10]) + (", ..." if len(reads) > 10 else "")
    return f"read {len(reads)} file{'s' if len(reads) != 1 else ''}: {listed}"
