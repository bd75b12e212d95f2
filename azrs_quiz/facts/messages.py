"""Validation errors said the way a content author thinks of them.

Pydantic reports a failed record as a list of error details in its own words
("Input should be a valid string") and locations that name its internals
("function-after[...]"). This module turns one detail into a field label and a
message that names the field as the author wrote it, says what is wrong and,
where it can, what to do instead.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple, get_args

from pydantic import BaseModel

from azrs_quiz.facts.models import PATTERN_HINTS
from azrs_quiz.facts.yamlfile import key_label
from azrs_quiz.text import shorten


class PlainError(NamedTuple):
    """One validation error in an author's words."""

    #: The field as the author wrote it, such as ``events[2].date``.
    field: str
    message: str
    #: Where the field is inside its record, to find its line in the file.
    location: tuple[str | int, ...]


def plain_error(detail: Any, model: type[BaseModel], entry: Any, prefix: str) -> PlainError:
    """One pydantic error ``detail`` on ``entry`` (validated as ``model``) in an author's words.

    ``prefix`` labels the record in its file (``events[2]``); empty for ``pack.yaml``.
    """
    location = _content_location(tuple(detail["loc"]), entry)
    error_type = detail["type"]
    message = str(detail["msg"])
    got = detail.get("input")
    if error_type == "invalid_key" and location:  # a key that is not text, such as 1 or true
        error_type, message = "extra_forbidden", ""
        location = (*location[:-1], str(location[-1]))
    dotted = _dotted(location)
    field = f"{prefix}.{dotted}" if prefix and dotted else (prefix or dotted or "record")
    if error_type == "extra_forbidden" and location:
        message = unknown_key_message(str(location[-1]), _fields_at(model, location[:-1]))
    elif error_type == "missing":
        message = "is required but missing"
    elif error_type == "string_too_short" and detail.get("ctx", {}).get("min_length") == 1:
        message = "must not be empty"
    elif error_type == "string_pattern_mismatch":
        message = PATTERN_HINTS.get(str(detail.get("ctx", {}).get("pattern")), message)
    elif error_type == "literal_error":
        message = f"must be {detail.get('ctx', {}).get('expected', 'one of the allowed values')}"
    elif error_type == "too_short" and detail.get("ctx", {}).get("min_length") == 1:
        message = "must list at least one id, such as [first-id]"
    elif error_type == "greater_than_equal":
        message = f"must be at least {detail.get('ctx', {}).get('ge')}"
    elif error_type == "less_than_equal":
        message = f"must be at most {detail.get('ctx', {}).get('le')}"
    elif error_type in _PLAIN_MESSAGES:
        message = _PLAIN_MESSAGES[error_type]
    elif message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    else:
        message = _in_our_words(message)
    if (error_type not in _SAYS_WHAT_IT_GOT and "input" in detail) or (
        error_type == "value_error" and not isinstance(got, (dict, list)) and describe_value(got) not in message
    ):
        message += f" (got {describe_value(got)})"
    if error_type == "string_type" and isinstance(got, (bool, int, float)):
        message += "; put it in quotes to make it text"
    return PlainError(field, message, location)


#: Errors whose message already says enough about the value (or is about a missing one).
_SAYS_WHAT_IT_GOT = ("missing", "extra_forbidden", "value_error", "string_too_short", "too_short")

#: The openings of pydantic's own sentences, and ours for them.
_OPENINGS = (
    ("Input should be ", "must be "),
    ("Input should ", "must "),
    ("Value should have ", "must have "),
    ("String should have ", "must have "),
    ("String should ", "must "),
    ("List should have ", "must have "),
)


def _in_our_words(message: str) -> str:
    """A pydantic message no rule above covers, at least opening the way ours do."""
    for theirs, ours in _OPENINGS:
        if message.startswith(theirs):
            return ours + message.removeprefix(theirs)
    return message


#: Pydantic's wording for common mistakes, said the way a content author thinks of them.
_PLAIN_MESSAGES: dict[str, str] = {
    "string_type": "must be text",
    "list_type": "must be a list, such as [first-id, second-id]",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "model_type": "must be a mapping of fields",
    "dict_type": "must be a mapping of fields",
    "decimal_type": "must be a number",
    "decimal_parsing": "must be a number, written without thousands separators",
    "finite_number": "must be a finite number",
}


def describe_value(value: object) -> str:
    """A short, safe rendering of a wrong value for an error message."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    try:
        text = repr(value)
    except ValueError:  # an integer too long for Python to print
        return "a number too long to print"
    return shorten(text, 80)


def _dotted(location: Sequence[str | int]) -> str:
    text = ""
    for step in location:
        if isinstance(step, int):
            text += f"[{step}]"
        else:
            text += f".{key_label(step)}" if text else key_label(step)
    return text


def _content_location(location: tuple[str | int, ...], entry: Any) -> tuple[str | int, ...]:
    """Keep the steps of a pydantic error location that exist in the content.

    Pydantic also names the member of a union it tried ("function-after[...]",
    "constrained-str"); those steps are not in the data, so following the data
    along the location tells them apart. The last step stays: a missing field.
    """
    kept: list[str | int] = []
    current = entry
    for position, step in enumerate(location):
        if isinstance(current, dict) and step in current:  # noqa: SIM114 (mypy narrows each branch apart)
            current = current[step]
        elif isinstance(current, (list, tuple)) and isinstance(step, int) and 0 <= step < len(current):
            current = current[step]
        elif position < len(location) - 1:
            continue
        kept.append(step)
    return tuple(kept)


def _fields_at(model: type[BaseModel], location: Sequence[str | int]) -> list[str]:
    """The field names of the (nested) model found at ``location`` within ``model``."""
    current: type[BaseModel] | None = model
    for step in location:
        if isinstance(step, int):
            continue
        field = current.model_fields.get(step) if current is not None else None
        current = _model_in(field.annotation) if field is not None else None
    return list(current.model_fields) if current is not None else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model class inside an annotation such as ``Amount | None`` or ``list[Annotated[X, ...]]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def unknown_key_message(key: str, allowed: Iterable[str]) -> str:
    """ "unknown key", the closest allowed key when one is close, and every allowed key."""
    allowed = list(allowed)
    close = difflib.get_close_matches(key, allowed, n=1) or difflib.get_close_matches(key.lower(), allowed, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"unknown key {shorten(repr(key))}; {hint}allowed: {', '.join(allowed)}"
