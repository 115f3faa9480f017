"""Data with positions to models: pydantic errors become positioned, actionable problems."""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .helpers import closest, did_you_mean, shorten
from .problems import Problem
from .source import Document, KeyPath

M = TypeVar("M", bound=BaseModel)


def dotted(loc: KeyPath) -> str:
    """``('decisions', 0, 'options')`` -> ``decisions[0].options``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def model_inside(annotation: Any) -> type[BaseModel] | None:
    """The model class inside ``list[X]``, ``X | None`` and the like, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Annotated,):
        return model_inside(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = model_inside(arg)
            if found is not None:
                return found
    return None


def model_at(root: type[BaseModel], loc: KeyPath) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``loc``."""
    model: type[BaseModel] | None = root
    for part in loc:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        model = model_inside(info.annotation) if info else None
    return model


def describe(value: Any) -> str:
    """A value described for a message: its kind and a short quote."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"the text {shorten(value, 40)!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_EXPECTED = {
    "string_type": "text",
    "list_type": "a list ('- item' lines)",
    "model_type": "a mapping of fields ('name: value' lines)",
    "dict_type": "a mapping of fields ('name: value' lines)",
    "model_attributes_type": "a mapping of fields ('name: value' lines)",
    "bool_type": "true or false",
    "int_type": "a whole number",
}


def _message(root: type[BaseModel], err: Any, loc: KeyPath) -> tuple[str, str, bool]:
    """(code, message, at_key) for one pydantic error."""
    kind = err["type"]
    where = dotted(loc)
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        where = f"{dotted(loc[:-1])}: " if loc[:-1] else ""
        return "missing-field", f"{where}missing required field '{loc[-1]}'", False
    if kind == "extra_forbidden":
        parent = model_at(root, loc[:-1])
        known = list(parent.model_fields) if parent else []
        name = str(loc[-1])
        hint = did_you_mean(name, known) or f"; allowed: {', '.join(known)}"
        return "unknown-field", f"unknown field '{name}'{hint}", True
    if kind in _EXPECTED:
        extra = ""
        if kind == "string_type" and isinstance(value, bool | int | float):
            extra = "; put it in quotes"
        if kind == "string_type" and value is None:
            extra = "; write the text after the colon"
        if kind == "list_type" and value is None:
            extra = "; write '[]' for an empty list, or remove the field if it is optional"
        got = describe(value)
        return "wrong-type", f"{where}: expected {_EXPECTED[kind]}, got {got}{extra}", False
    if kind == "string_too_short":
        return "empty", f"{where}: must not be empty", False
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return "too-long", f"{where}: {len(value):,} characters; at most {limit:,}", False
    if kind == "too_short":
        n = ctx.get("min_length")
        have = ctx.get("actual_length", len(value) if isinstance(value, list) else 0)
        return "too-few", f"{where}: needs at least {n} item(s), has {have}", False
    if kind == "too_long":
        n = ctx.get("max_length")
        have = ctx.get("actual_length", len(value) if isinstance(value, list) else 0)
        return "too-many", f"{where}: at most {n} item(s), has {have}", False
    if kind == "literal_error":
        allowed = ctx.get("expected", "")
        options = [o.strip(" '") for o in allowed.replace(" or ", ", ").split(",")]
        hint = did_you_mean(str(value), options, cutoff=0.5)
        return "not-allowed", f"{where}: {describe(value)} is not one of {allowed}{hint}", False
    if kind == "string_pattern_mismatch":
        if (
            (loc and loc[-1] == "id")
            or (len(loc) >= 2 and isinstance(loc[-1], int))
            or (loc and loc[-1] in ("family", "next"))
        ):
            if len(loc) >= 1 and loc[0] == "tags":
                msg = f"{where}: tag {value!r} must be lowercase words joined by spaces or '-'"
                return "bad-tag", msg, False
            msg = (
                f"{where}: {value!r} is not a valid id: use lowercase ASCII letters and "
                "digits in words joined by '-', e.g. 'phone-loop-recovery'"
            )
            return "bad-id", msg, False
        return "bad-format", f"{where}: {describe(value)} has the wrong form", False
    return kind, f"{where}: {err['msg']}", False


def to_model(doc: Document, model: type[M]) -> M | None:
    """Validate a document's data; on failure add one problem per error and return None."""
    if doc.data is None and not doc.problems:
        doc.problems.append(
            Problem(
                doc.path, 1, 1, "empty-file", "the file is empty; it should be a mapping of fields"
            )
        )
        return None
    if doc.data is None:
        return None
    if not isinstance(doc.data, dict):
        doc.problems.append(
            doc.problem(
                (),
                "wrong-root",
                f"the top level must be a mapping of fields "
                f"('name: value' lines), found {describe(doc.data)}",
            )
        )
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        errors = [
            e
            for e in exc.errors(include_url=False)
            if not any(tuple(e["loc"])[: len(a)] == a for a in doc.aliases)
        ]
        guessed = _guessed_fields(model, errors)
        for err in errors:
            loc = tuple(err["loc"])
            if err["type"] == "missing" and loc in guessed:
                continue  # the misspelled field's problem already says it
            code, message, at_key = _message(model, err, loc)
            if code == "missing-field":
                problem = doc.problem(loc[:-1], code, message, key=True)
            else:
                problem = doc.problem(loc, code, message, key=at_key or code in _AT_KEY)
            doc.problems.append(problem)
        return None


_AT_KEY = {"too-few", "too-many"}


def _guessed_fields(model: type[BaseModel], errors: list[Any]) -> set[KeyPath]:
    """Missing fields that an unknown field's did-you-mean names."""
    out = set()
    for err in errors:
        if err["type"] != "extra_forbidden":
            continue
        loc = tuple(err["loc"])
        parent = model_at(model, loc[:-1])
        known = list(parent.model_fields) if parent else []
        guess = closest(str(loc[-1]), known)
        if guess is not None:
            out.add((*loc[:-1], guess))
    return out
