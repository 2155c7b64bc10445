"""Turn model validation failures into problems a contributor can act on."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import Invalid, Problem, excerpt
from .yamldoc import Document

_KIND_WORDS = {
    "string_type": "expected text", "list_type": "expected a list (lines starting with `- `)",
    "model_type": "expected a mapping of `field: value` lines", "dict_type": "expected a mapping",
    "model_attributes_type": "expected a mapping of `field: value` lines",
}


def suggest(word: str, choices: Iterable[str]) -> str:
    """Return ``did you mean 'x'?`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def _join(*parts: str) -> str:
    """Hint sentences in order: ``did you mean 'x'? Use one of: …``."""
    present = [p for p in parts if p]
    return " ".join(p if i == 0 else p[0].upper() + p[1:] for i, p in enumerate(present))


def problems_from_error(doc: Document, error: ValidationError, model: type[BaseModel]) -> list[Problem]:
    """Translate each pydantic error into a located :class:`Problem` with a hint."""
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        kind = item["type"]
        value = item.get("input")
        if kind == "extra_forbidden":
            allowed = _fields_at(model, loc[:-1])
            problems.append(doc.problem(loc, f"unknown field {excerpt(loc[-1])}",
                                        _join(suggest(str(loc[-1])[:100], allowed),
                                              "allowed fields here: " + ", ".join(allowed))))
        elif kind == "missing":
            problems.append(doc.problem(loc, "required field is missing",
                                        f"add a line `{loc[-1]}: ...` to this entry"))
        elif kind == "literal_error":
            allowed = _literal_values(model, loc)
            what = "has no value" if value is None else f"{excerpt(value)} is not an allowed value"
            problems.append(doc.problem(loc, what,
                                        _join(suggest(str(value)[:100], allowed), "use one of: " + ", ".join(allowed))))
        elif kind == "too_short":
            problems.append(doc.problem(loc, "needs at least one item", "add an item as a line starting with `- `"))
        elif kind == "too_long":
            problems.append(doc.problem(loc, f"is too long (at most {item['ctx'].get('max_length')} characters)",
                                        "shorten it; put detail in `body`"))
        elif kind == "string_pattern_mismatch":
            problems.append(doc.problem(loc, f"{excerpt(value)} does not have the expected form",
                                        f"it must match {item['ctx'].get('pattern')}"))
        elif kind in _KIND_WORDS:
            if value is None:
                problems.append(doc.problem(loc, "has no value", f"write the value after `{loc[-1]}:`; "
                                                                 "see CONTRIBUTING.md for the field's form"))
                continue
            got = excerpt(value) if isinstance(value, str) else _shape(value)
            problems.append(doc.problem(loc, f"{_KIND_WORDS[kind]}, got {got}",
                                        "see CONTRIBUTING.md for the field's form"))
        elif kind in ("value_error", "assertion_error"):
            cause = item.get("ctx", {}).get("error")
            if isinstance(cause, Invalid):
                problems.append(doc.problem(loc, cause.message, cause.hint))
            else:
                problems.append(doc.problem(loc, str(cause) if cause else item["msg"],
                                            "see CONTRIBUTING.md for the field's form"))
        else:
            problems.append(doc.problem(loc, item["msg"], "see CONTRIBUTING.md for the field's form"))
    return problems


def _shape(value: Any) -> str:
    """Name what a contributor wrote where text was expected."""
    if isinstance(value, dict):
        return "a mapping"
    return "a list" if isinstance(value, list) else type(value).__name__


def _model_at(model: Any, loc: tuple) -> Any:
    """Follow ``loc`` through nested model annotations to the type found there."""
    annotation: Any = model
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(part, int):
            args = typing.get_args(annotation)
            annotation = args[0] if args else annotation
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel) and part in annotation.model_fields:
            annotation = annotation.model_fields[part].annotation
        else:
            return None
    return _unwrap(annotation)


def _unwrap(annotation: Any) -> Any:
    """Strip ``Optional`` and ``Annotated`` wrappers."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    found = _model_at(model, loc)
    if isinstance(found, type) and issubclass(found, BaseModel):
        return list(found.model_fields)
    return []


def _literal_values(model: type[BaseModel], loc: tuple) -> list[str]:
    found = _model_at(model, loc)
    if typing.get_origin(found) is typing.Literal:
        return [str(v) for v in typing.get_args(found)]
    return []
