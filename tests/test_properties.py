"""Property tests: any bytes or YAML give a model or problems; sanitized HTML never runs;
a valid scenario dumped to YAML reads back equal.

The reader runs in a child process (``reader_worker.py``), so that a crash of the C parser is
a failing example, not a dead test run.
"""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import VALID, dump
from hostile import executable_constructs
from scenario_playbook.core import text_checks
from scenario_playbook.core.model import Scenario
from scenario_playbook.core.source import FORBIDDEN_CHARACTERS, read_bytes
from scenario_playbook.core.validate import to_model
from scenario_playbook.render.text import markdown_html, plain_html

WORKER = Path(__file__).parent / "reader_worker.py"
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class Reader:
    """A reader child process; restarted after a crash, which is reported with its input."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None

    def _start(self) -> subprocess.Popen[bytes]:
        if self.proc is None or self.proc.poll() is not None:
            self.close()
            self.proc = subprocess.Popen(
                [sys.executable, str(WORKER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
            )
        return self.proc

    def read(self, raw: bytes) -> dict[str, Any]:
        proc = self._start()
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write(len(raw).to_bytes(4, "big") + raw)
            proc.stdin.flush()
            line = proc.stdout.readline()
        except BrokenPipeError:
            line = b""
        if not line:
            code = proc.wait(timeout=10)
            raise AssertionError(f"the reader process died (exit {code}) on {raw[:200]!r}")
        return json.loads(line)

    def close(self) -> None:
        if self.proc is None:
            return
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                with contextlib.suppress(BrokenPipeError):
                    pipe.close()
        self.proc.wait(timeout=10)
        self.proc = None


@pytest.fixture(scope="module")
def reader():
    worker = Reader()
    yield worker
    worker.close()


def check_reply(reply: dict[str, Any]) -> None:
    assert "error" not in reply, reply.get("error")
    assert reply["model"] or reply["problems"]
    for problem in reply["problems"]:
        assert problem.startswith("f.yml:")
        line, col, message = problem[len("f.yml:") :].split(":", 2)
        assert int(line) >= 1 and int(col) >= 1 and message.strip()
        assert len(problem) < 1000


# Grammar-generated YAML: scalars in every style, flow and block collections, and the tokens
# that make YAML surprising (anchors, aliases, tags, document markers, tabs, odd keys).
_WORDS = st.sampled_from(
    [
        "id",
        "title",
        "a",
        "yes",
        "no",
        "on",
        "~",
        "null",
        "true",
        "1:30",
        "017",
        "0o17",
        "0x1F",
        "1e5",
        ".inf",
        "2024-02-30",
        "-",
        "?",
        ":",
        "#",
        "&a",
        "*a",
        "!!str",
        "!x",
        "|",
        ">",
        "'",
        '"',
        "\\",
        "---",
        "...",
        "%YAML 1.1",
        "[",
        "]",
        "{",
        "}",
        ",",
        "\t",
        "\u202e",
        "\\u202e",
        "\\0",
        "\\ud800",
        "\x85",
        "\u2028",
        "é",
        "ﬁ",
    ]
)
_PLAIN = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)


def _scalar() -> st.SearchStrategy[str]:
    return st.one_of(
        _WORDS,
        _PLAIN.map(lambda s: s.replace("\n", " ")),
        _PLAIN.map(lambda s: "'" + s.replace("'", "''") + "'"),
        _PLAIN.map(lambda s: json.dumps(s)),
        st.tuples(_WORDS, _WORDS).map(" ".join),
    )


def _node(children: st.SearchStrategy[tuple[str, str]]) -> st.SearchStrategy[tuple[str, str]]:
    """A node as (flow text, block text)."""
    pairs = st.lists(st.tuples(_scalar(), children), max_size=4)
    items = st.lists(children, max_size=4)
    return st.one_of(
        pairs.map(
            lambda kv: (
                "{" + ", ".join(f"{k}: {v[0]}" for k, v in kv) + "}",
                "\n".join(f"{k}:\n" + _indent(v[1]) for k, v in kv) or "{}",
            )
        ),
        items.map(
            lambda vs: (
                "[" + ", ".join(v[0] for v in vs) + "]",
                "\n".join("-\n" + _indent(v[1]) for v in vs) or "[]",
            )
        ),
    )


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.split("\n"))


YAML = st.recursive(_scalar().map(lambda s: (s, s)), _node, max_leaves=20).flatmap(
    lambda node: st.sampled_from([node[0], node[1], "---\n" + node[1], node[1] + "\n...\n"])
)


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_model_or_problems(reader, raw: bytes):
    check_reply(reader.read(raw))


@SETTINGS
@given(YAML)
def test_grammar_generated_yaml_gives_a_model_or_problems(reader, text: str):
    check_reply(reader.read(text.encode("utf-8", "surrogatepass")))


def test_a_crash_of_the_reader_process_is_a_failure():
    """The harness itself: a worker that dies is reported, not mistaken for a pass."""
    broken = Reader()
    broken.proc = subprocess.Popen(
        [sys.executable, "-c", "import os, sys; sys.stdin.buffer.read(4); os.abort()"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        with pytest.raises(AssertionError, match="reader process died"):
            broken.read(b"a: 1\n")
    finally:
        broken.close()


# Sanitizer: text built from the pieces of every known injection.
_HOSTILE = st.sampled_from(
    [
        "<script>",
        "</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=",
        "javascript:",
        "JaVaScRiPt:",
        "&#106;avascript:",
        "java\tscript:",
        "data:text/html,",
        "vbscript:",
        "<iframe",
        "<svg onload=",
        "<style>",
        "style=",
        "onclick=",
        '"',
        "'",
        "<",
        ">",
        "/",
        "=",
        "[x](",
        "](",
        ")",
        "[",
        "]",
        "![",
        "*",
        "_",
        "`",
        "```",
        "\n",
        "\n\n",
        "    ",
        "> ",
        "- ",
        "1. ",
        "# ",
        "|",
        "-|-",
        "{",
        "}",
        "{{",
        "{%",
        "--8<--",
        "<!--",
        "-->",
        "&",
        "&#",
        ";",
        "\\",
        "%",
        "x",
        " ",
        "<div markdown>",
        "{: #__config }",
        "[TOC]",
        "<http://a>",
        "\u202e",
    ]
)
MARKDOWN = st.lists(st.one_of(_HOSTILE, st.text(max_size=4)), max_size=40).map("".join)


@SETTINGS
@given(MARKDOWN)
def test_sanitized_markdown_never_holds_executable_constructs(source: str):
    html = str(markdown_html(source))
    assert executable_constructs(html) == []
    assert "\n" not in html and "{" not in html and "}" not in html


@SETTINGS
@given(MARKDOWN)
def test_plain_text_never_holds_any_tag(source: str):
    html = str(plain_html(source))
    assert "<" not in html and "\n" not in html and "{" not in html


# A valid scenario with generated text: what the reader accepts as characters (the reader's own
# list of forbidden characters decides, so the two never drift apart).
_TEXT_CHARS = st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]).filter(
    lambda c: not FORBIDDEN_CHARACTERS.match(c)
)


def _text(max_size: int) -> st.SearchStrategy[str]:
    return st.text(_TEXT_CHARS, min_size=1, max_size=max_size)


def _line(max_size: int) -> st.SearchStrategy[str]:
    """A plain one-line field: surrounding whitespace is dropped, so it must not be blank."""
    return _text(max_size).filter(str.strip)


SCENARIOS = st.fixed_dictionaries(
    {
        "title": _line(200),
        "summary": _line(600),
        "situation": _text(300),
        "stakes": _text(300),
        "outcome": _text(300),
        "keywords": st.lists(_text(80), max_size=5),
        "pitfalls": st.lists(_text(200), min_size=1, max_size=3),
        "who": _line(200),
    }
).map(
    lambda d: {
        **VALID,
        **{k: v for k, v in d.items() if k != "who"},
        "people": [{"who": d["who"], "wants": "Their fault fixed."}],
    }
)


@SETTINGS
@given(SCENARIOS)
def test_a_valid_scenario_dumped_to_yaml_reads_back_equal(data: dict[str, Any]):
    expected = Scenario.model_validate(data)
    doc = read_bytes(dump(data).encode("utf-8"), "f.yml")
    assert doc.problems == []
    assert to_model(doc, Scenario) == expected


#: The phone-number pattern in its plain form; text_checks._PHONE is the same pattern rearranged to
#: start with its first character, which the regex engine finds faster.
PLAIN_PHONE = re.compile(r"(?<![\w/])\+?\d(?:[\s().-]{0,2}\d){8,14}(?!\w)")


@SETTINGS
@given(st.text(alphabet="0123456789+/ ().-a_\n\té", max_size=60))
def test_the_fast_phone_pattern_matches_exactly_what_the_plain_one_does(text: str):
    spans = [m.span() for m in text_checks._PHONE.finditer(text)]
    assert spans == [m.span() for m in PLAIN_PHONE.finditer(text)]


# The build cache is untrusted input: any bytes in its file give a cache or one warning, and
# never a value that this machine did not seal.


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    junk=st.binary(max_size=5000),
    keep=st.integers(min_value=0, max_value=20000),
)
def test_any_cache_bytes_give_a_cache_or_one_warning(tmp_path_factory, junk: bytes, keep: int):
    import sqlite3

    from scenario_playbook.core import build_cache as cache

    root = tmp_path_factory.mktemp("proj")
    folder = root / ".cache" / "playbook"
    store, said = cache.open_cache(folder, root)
    assert store is not None and said == []
    store.put("page", "k", b"# sealed")
    store.close(prune=False)
    db = folder / cache.FILE_NAME
    with sqlite3.connect(db) as raw:  # a forged row beside the sealed one
        raw.execute("INSERT INTO entries VALUES ('page', 'forged', ?)", (b"x" * 40,))
    raw.close()
    data = db.read_bytes()
    db.write_bytes(data[:keep] + junk)
    store, said = cache.open_cache(folder, root)
    assert len(said) <= 1
    if store is not None:
        assert store.get("page", "forged") is None
        assert store.get("page", "k") in (None, b"# sealed")
        store.put("page", "k2", b"more")
        store.close(prune=True)
        assert len(store.warnings) <= 2


@pytest.mark.parametrize(
    "href",
    [
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        " \x01javascript:alert(1)",
        "JaVa\rScript:1",
    ],
)
def test_a_url_the_browser_reads_as_javascript_loses_its_href(href):
    """Browsers drop tabs and newlines from a URL before reading its scheme; nh3 alone would
    take 'java<TAB>script:' for a harmless relative link."""
    from scenario_playbook.render.text import sanitize

    html = sanitize(f'<a href="{href}">x</a>')
    assert "href" not in html, html
