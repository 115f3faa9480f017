"""One ``Problem`` type for everything wrong in a scenario file, and its output formats."""

from __future__ import annotations

import json
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
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


def format_text(problems: Iterable[Problem]) -> str:
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
    return json.dumps([asdict(p) for p in problems], indent=2, ensure_ascii=False)


FORMATS = {"text": format_text, "github": format_github, "json": format_json}
