"""The strict reader: positions kept, YAML surprises refused, never an exception."""

from __future__ import annotations

import pytest

from scenario_playbook.core.source import (
    FORBIDDEN_CHARACTERS,
    MAX_BYTES,
    MAX_DEPTH,
    read_bytes,
    resolve_plain,
)


def texts(doc):
    return [p.text() for p in doc.problems]


def test_values_and_keys_keep_line_and_column():
    doc = read_bytes(b"a:\n  b: [1, two]\n  c: x\n", "f.yml")
    assert doc.data == {"a": {"b": [1, "two"], "c": "x"}}
    assert doc.where(("a", "c"), key=True) == (3, 3)
    assert doc.where(("a", "c")) == (3, 6)
    assert doc.where(("a", "b", 1)) == (2, 10)
    assert doc.where(("a", "b", 7)) == (2, 6)  # no such item: its list
    assert doc.where(("a", "nope", 0)) == (2, 3)  # no such key: the nearest known parent


@pytest.mark.parametrize(
    ("plain", "value"),
    [
        ("true", True),
        ("false", False),
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("True", "True"),
        ("y", "y"),
        ("017", "017"),
        ("0o17", "0o17"),
        ("0x1F", "0x1F"),
        ("1:30", "1:30"),
        ("12", 12),
        ("-3", -3),
        ("1.5", 1.5),
        ("2024-02-30", "2024-02-30"),
        ("~", None),
        ("null", None),
        ("", None),
        ("1_000", "1_000"),
        (".inf", ".inf"),
    ],
)
def test_plain_scalars_resolve_the_yaml_1_2_way(plain, value):
    assert resolve_plain(plain) == value
    assert type(resolve_plain(plain)) is type(value)


def test_quoted_scalars_are_always_text():
    doc = read_bytes(b"a: 'true'\nb: \"12\"\n", "f.yml")
    assert doc.data == {"a": "true", "b": "12"}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "a: 1\nb: 2\na: 3\n",
            ["f.yml:3:1: duplicate key 'a' (first defined at line 1); keep only one"],
        ),
        (
            "a:\n  x: 1\n  x: 2\n",
            ["f.yml:3:3: duplicate key 'x' (first defined at line 2); keep only one"],
        ),
        (
            "a: &k v\nb: *k\n",
            [
                "f.yml:1:4: anchor '&k' is not allowed; write each value out in full",
                "f.yml:2:4: alias '*k' is not allowed; write the value out in full",
            ],
        ),
        ("a: !!str 1\n", ["f.yml:1:4: explicit tag '!!str' is not allowed; remove it"]),
        ("a: !custom x\n", ["f.yml:1:4: explicit tag '!custom' is not allowed; remove it"]),
        ("1: x\n", ["f.yml:1:1: key 1 is a number; keys must be text (field names)"]),
        ("? [a, b]\n: x\nc: d\n", ["f.yml:1:3: a key must be plain text, not a list or mapping"]),
        (
            "a: 1\n---\nb: 2\n",
            [
                "f.yml:2:1: several YAML documents in one file; keep one scenario per file and "
                "remove the '---' line"
            ],
        ),
        (
            "a:\n\tb: 1\n",
            [
                "f.yml:2:1: YAML syntax: a tab cannot start a value here; "
                "indent with spaces, not tabs"
            ],
        ),
        (
            "a: b: c\n",
            [
                "f.yml:1:5: YAML syntax: mapping values are not allowed in this context; "
                "put text that contains ': ' in quotes"
            ],
        ),
        (
            'a: "open\nb: 2\n',
            [
                "f.yml:1:4: YAML syntax: found unexpected end of stream at line 3; "
                "this quote is probably never closed"
            ],
        ),
    ],
)
def test_problems_are_reported_at_their_place(source, expected):
    assert texts(read_bytes(source.encode(), "f.yml")) == expected


def test_duplicate_key_keeps_first_value():
    doc = read_bytes(b"a: 1\na: 2\n", "f.yml")
    assert doc.data == {"a": 1}


def test_encoding_problems():
    assert texts(read_bytes(b"a: caf\xe9\n", "f.yml")) == [
        "f.yml:1:7: not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    ]
    assert texts(read_bytes("a: b\n".encode("utf-16"), "f.yml")) == [
        "f.yml:1:1: file is UTF-16; save it as UTF-8"
    ]
    assert read_bytes(b"\xef\xbb\xbfa: b\n", "f.yml").data == {"a": "b"}


def test_control_and_bidi_characters():
    assert texts(read_bytes(b"a: b\x00c\n", "f.yml")) == [
        "f.yml:1:5: control character NUL is not allowed; delete it"
    ]
    assert texts(read_bytes("a: x\u202ey\n".encode(), "f.yml")) == [
        "f.yml:1:5: invisible direction control U+202E (RIGHT-TO-LEFT OVERRIDE) can disguise "
        "text; delete it"
    ]


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 500, 50_000])
def test_deep_nesting_is_a_problem_not_a_crash(depth):
    doc = read_bytes(("a: " + "[" * depth + "]" * depth + "\n").encode(), "f.yml")
    assert [p.code for p in doc.problems] == ["too-deep"]
    assert doc.data is None


def test_oversized_file_is_refused_before_parsing():
    doc = read_bytes(b"a: " + b"x" * MAX_BYTES, "f.yml")
    assert [p.code for p in doc.problems] == ["file-too-large"]


def test_empty_file_has_no_data():
    doc = read_bytes(b"", "f.yml")
    assert doc.data is None and doc.problems == []


def test_every_forbidden_character_is_unprintable():
    """The reader skips its character scan for a text that is printable but for line breaks
    and tabs: that holds only if no forbidden character is printable."""
    forbidden = [c for c in map(chr, range(0x110000)) if FORBIDDEN_CHARACTERS.match(c)]
    assert len(forbidden) > 2000
    assert not [c for c in forbidden if c.isprintable()]
