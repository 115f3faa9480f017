"""Rules on the text of a file: no contact details or images, Markdown within its limits."""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from .markdown_limits import MAX_FILE_BRACKET_WORK, bracket_work, markdown_limits
from .model import Markdown
from .problems import Problem
from .source import Document, KeyPath
from .validate import model_inside

# Every repetition is bounded, so that each regex runs in linear time on any text: an unbounded
# '[...]+@' or '!\[[^\]]*\]' rescans the rest of the text from every start position (measured:
# minutes on a 256 KiB field of letters or of '!['); the bounds are those of real addresses.
_EMAIL = re.compile(
    r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}"
)
# A phone number: 9 to 15 digits with short separators, not inside a word or a path. The check
# that no word or '/' comes before looks back from its first character rather than ahead of it,
# so the pattern starts with '+' or a digit and the regex engine skips every other character
# in C (half the time of the usual form on the repo's texts; same matches).
_PHONE = re.compile(r"(?:\+(?<![\w/]\+)\d|\d(?<![\w/]\d))(?:[\s().-]{0,2}\d){8,14}(?!\w)")
_IMAGE = re.compile(r"!\[[^\]]{0,200}\]\s{0,20}[(\[]|<img\b", re.IGNORECASE)


def strings(data: Any, loc: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """Every text value in parsed data, with its path."""
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, (*loc, index))


def _texts(data: Any, out: list[str]) -> list[str]:
    """Every text value in parsed data, without paths (the quick look before the careful one)."""
    if isinstance(data, str):
        out.append(data)
    elif isinstance(data, dict):
        for value in data.values():
            _texts(value, out)
    elif isinstance(data, list):
        for value in data:
            _texts(value, out)
    return out


def _digits(text: str) -> int:
    """How many digits a text holds: a phone number needs nine, and counting is cheap."""
    return sum(text.count(d) for d in "0123456789")


def all_text(data: Any) -> str:
    """Every text of parsed data joined by newlines: one string for a quick look."""
    return "\n".join(_texts(data, []))


def check_text(doc: Document, whole: str | None = None) -> list[Problem]:
    """No personal contact details and no images in any text of a file (``whole``: its
    :func:`all_text`, when the caller has it already)."""
    whole = all_text(doc.data) if whole is None else whole
    if not (
        ("@" in whole and _EMAIL.search(whole))
        or (_digits(whole) >= 9 and _PHONE.search(whole))
        or (("![" in whole or "<" in whole) and _IMAGE.search(whole))
    ):
        return []  # the usual case: one scan of the whole file's text, nothing to locate
    out = []
    for loc, text in strings(doc.data):
        if _EMAIL.search(text):
            out.append(
                doc.problem(
                    loc,
                    "contact-details",
                    "looks like an e-mail address; remove personal contact "
                    "details (say 'their e-mail' instead)",
                )
            )
        if _PHONE.search(text):
            out.append(
                doc.problem(
                    loc,
                    "contact-details",
                    "looks like a phone number; remove personal contact "
                    "details (say 'a direct line' instead)",
                )
            )
        if _IMAGE.search(text):
            out.append(
                doc.problem(
                    loc,
                    "image",
                    "images are not allowed in scenario text; describe it in words or link to it",
                )
            )
    return out


def _holds_markdown(info: Any) -> bool:
    """Whether a model field is typed ``Markdown`` (alone, in a list or optional)."""
    marker = typing.get_args(Markdown)[1]  # its StringConstraints
    return marker in info.metadata or any(
        arg == Markdown for arg in typing.get_args(info.annotation)
    )


@functools.cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """A model's fields that can hold Markdown or other models: (name, holds Markdown)."""
    out = []
    for name, info in model.model_fields.items():
        nested = model_inside(info.annotation) is not None
        if nested or _holds_markdown(info):
            out.append((name, _holds_markdown(info)))
    return tuple(out)


def markdown_texts(model: BaseModel, loc: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """Every Markdown text in a validated model, with its path in the file."""
    for name, holds_markdown in _fields(type(model)):
        value = getattr(model, name)
        items = enumerate(value) if isinstance(value, list) else ((None, value),)
        for index, item in items:
            if isinstance(item, BaseModel):
                here: KeyPath = (*loc, name) if index is None else (*loc, name, index)
                yield from markdown_texts(item, here)
            elif holds_markdown and isinstance(item, str):
                yield ((*loc, name) if index is None else (*loc, name, index)), item


def check_markdown(doc: Document, model: BaseModel, whole: str | None = None) -> list[Problem]:
    """Markdown that would take the renderer quadratic time or deep recursion is refused.

    ``whole``, all of the file's text joined, settles the usual case at once: no single text
    can have more lines, link targets or nesting than all of them together, and the file's
    summed bracket work is at most that of its joined text. The bracket work of all Markdown
    texts of a file is bounded too (:data:`MAX_FILE_BRACKET_WORK`), reported once, at the text
    that passes the bound.
    """
    if whole is not None and markdown_limits(whole) is None:
        return []
    out = []
    total = 0
    for loc, text in markdown_texts(model):
        reason = markdown_limits(text)
        if reason:
            out.append(doc.problem(loc, "markdown-limit", f"{reason}; simplify this text"))
            continue  # shown as plain text, never handed to Python-Markdown
        before, total = total, total + bracket_work(text)
        if before <= MAX_FILE_BRACKET_WORK < total:
            out.append(
                doc.problem(
                    loc,
                    "markdown-budget",
                    f"the file's Markdown reaches {total:,} bracket steps here ('[' x "
                    f"characters, summed over its texts); at most {MAX_FILE_BRACKET_WORK:,} "
                    "in one file; use fewer '[' brackets",
                )
            )
    return out
