"""One ``Problem`` type for everything wrong in a scenario file, and its output formats."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sized
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """A mistake at a place in a file. Lines and columns count from 1."""

    path: str
    line: int
    col: int
    code: str
    message: str

    def text(self) -> str:
        """One line, always: a newline in a file name or a quoted key cannot forge another."""
        return f"{printable(self.path)}:{self.line}:{self.col}: {printable(self.message)}"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


#: Characters a terminal line must not carry raw: controls, line and paragraph separators,
#: lone surrogates, and the invisible and direction-changing format characters.
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\ud800-\udfff]"
)


def printable(value: str) -> str:
    """``value`` with every character that could break or disguise a line escaped."""
    return _UNPRINTABLE.sub(_escape, value)


def format_text(problems: Iterable[Problem]) -> str:
    """Problems as ``path:line:col: message`` lines."""
    return "\n".join(p.text() for p in problems)


def count(problems: Sized) -> str:
    """'1 problem', '3 problems'."""
    return f"{len(problems)} problem{'' if len(problems) == 1 else 's'}"


def report(problems: list[Problem]) -> str:
    """The message that stops a build: how many problems, then each as ``path:line:col``."""
    return f"{count(problems)} in the playbook:\n{format_text(problems)}"


def _escape_github(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(problems: Iterable[Problem]) -> str:
    """GitHub Actions workflow commands: one ``::error`` annotation per problem."""
    return "\n".join(
        f"::error file={_escape_github(p.path, prop=True)},line={p.line},col={p.col}"
        f"::{_escape_github(p.message)}"
        for p in problems
    )


def format_json(problems: Iterable[Problem]) -> str:
    """Problems as a JSON list of objects."""
    return json.dumps([asdict(p) for p in problems], indent=2, ensure_ascii=False)


FORMATS = {"text": format_text, "github": format_github, "json": format_json}
