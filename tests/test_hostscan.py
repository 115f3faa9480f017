"""The rule for 'loads from another host', on small planted files."""

from __future__ import annotations

from pathlib import Path

import pytest

from scenario_playbook.publish.hostscan import scan_text, scan_tree

LOADS = [
    ('<script src="https://cdn.example.com/x.js"></script>', ".html"),
    ('<link rel="stylesheet" href="//fonts.example.com/css">', ".html"),
    ('<link rel="preconnect" href="https://fonts.gstatic.com">', ".html"),
    ('<link rel="icon" href="http://example.com/favicon.ico">', ".html"),
    ('<img alt="" srcset="a.png 1x, https://example.com/b.png 2x">', ".html"),
    ('<video poster="https://example.com/p.jpg"></video>', ".html"),
    ('<object data="https://example.com/a.svg"></object>', ".html"),
    ('<svg><image href="https://example.com/a.png"/></svg>', ".html"),
    ('<meta http-equiv="refresh" content="0; url=https://example.com/">', ".html"),
    ('<p style="background: url(https://example.com/bg.png)">x</p>', ".html"),
    ("<style>@import 'https://example.com/a.css';</style>", ".html"),
    ('<script>fetch("https://api.example.com/track")</script>', ".html"),
    ("body { background: url('//cdn.example.com/a.png') }", ".css"),
    ('@import "https://fonts.googleapis.com/css?family=Roboto";', ".css"),
    ('fetch("https://api.example.com/x")', ".js"),
    ("const s = document.createElement('script'); s.src = 'https://x.example.org/a.js'", ".js"),
    ("import('//cdn.example.net/m.js')", ".js"),
    ("new WebSocket(`wss://live.example.com/socket`)", ".js"),
]

STAYS = [
    ('<a href="https://example.com/">a link to follow</a>', ".html"),
    ('<link rel="canonical" href="https://example.org/playbook/">', ".html"),
    ('<link rel="stylesheet" href="../assets/main.css">', ".html"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><use href="#icon"/></svg>', ".html"),
    ('<img alt="" src="data:image/png;base64,AAAA">', ".html"),
    (
        'a { background: url("data:image/svg+xml;charset=utf-8,'
        "<svg xmlns='http://www.w3.org/2000/svg'/>\") }",
        ".css",
    ),
    ('document.createElementNS("http://www.w3.org/2000/svg", "svg")', ".js"),
    ('if (ch == "\\u00A0" || ch=="\\u2003"//nbsp and emsp\n) {}', ".js"),
    ('fetch("search/search_index.json")', ".js"),
]


@pytest.mark.parametrize(("text", "suffix"), LOADS)
def test_loads_from_other_hosts_are_found(text: str, suffix: str):
    assert len(scan_text(text, suffix)) == 1, text


@pytest.mark.parametrize(("text", "suffix"), STAYS)
def test_links_namespaces_and_local_files_are_not_loads(text: str, suffix: str):
    assert scan_text(text, suffix) == []


def test_dormant_urls_are_allowed_only_in_materials_own_scripts(tmp_path: Path):
    code = 'typeof ResizeObserver=="undefined"?load("https://unpkg.com/resize-observer-polyfill"):0'
    material = tmp_path / "assets" / "javascripts" / "bundle.min.js"
    ours = tmp_path / "assets" / "playbook" / "playbook.js"
    for path in (material, ours):
        path.parent.mkdir(parents=True)
        path.write_text(code, encoding="utf-8")
    problems = [p.text() for p in scan_tree(tmp_path)]
    assert problems == [
        "assets/playbook/playbook.js:1:42: loads from another host: "
        "https://unpkg.com/resize-observer-polyfill"
    ]


def test_problems_name_file_line_and_column(tmp_path: Path):
    (tmp_path / "page.html").write_text(
        "<!doctype html>\n<head>\n  <script src='https://cdn.example.com/x.js'></script>\n",
        encoding="utf-8",
    )
    assert [p.text() for p in scan_tree(tmp_path)] == [
        "page.html:3:3: loads from another host: https://cdn.example.com/x.js"
    ]
