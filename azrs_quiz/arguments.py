"""Checks of the public API's arguments, so a wrong one fails at once with a clear message.

Each raises :class:`~azrs_quiz.errors.InvalidArgumentType` (a ``TypeError``) or
:class:`~azrs_quiz.errors.InvalidArgumentValue` (a ``ValueError``), both also
:class:`~azrs_quiz.errors.AzrsQuizError`, instead of letting a foreign exception
escape from deep inside, or worse, going on with a string read letter by letter.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable
from datetime import datetime
from typing import Any

from azrs_quiz.errors import InvalidArgumentType, InvalidArgumentValue


def _type_name(value: object) -> str:
    return type(value).__name__


def topic_names(topics: str | Iterable[str] | None, name: str = "topics") -> list[str] | None:
    """``topics`` as a list of names, or None; one name alone is one topic (never read letter by letter)."""
    if topics is None:
        return None
    if isinstance(topics, str):
        return [topics]
    if isinstance(topics, bytes):
        raise InvalidArgumentType(f"{name} must be a list of topic names such as ['dates'], not bytes")
    try:
        names = list(topics)
    except TypeError as error:
        raise InvalidArgumentType(f"{name} must be a list of topic names, not {_type_name(topics)}") from error
    for topic in names:
        if not isinstance(topic, str):
            raise InvalidArgumentType(f"{name} must hold topic names (text), not {_type_name(topic)}")
    return names


def whole_number(value: Any, name: str) -> int:
    """``value`` if it is an int (not a bool)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidArgumentType(f"{name} must be a whole number (int), not {_type_name(value)}")
    return value


def optional_whole_number(value: Any, name: str) -> int | None:
    """``value`` if it is None or an int (not a bool)."""
    return None if value is None else whole_number(value, name)


def path_like(value: Any, name: str) -> None:
    """Refuse anything but text or an ``os.PathLike`` where a path is expected."""
    if not isinstance(value, (str, os.PathLike)):
        raise InvalidArgumentType(f"{name} must be a path (str or pathlib.Path), not {_type_name(value)}")


def aware_datetime(value: Any, name: str) -> datetime:
    """``value`` if it is a timezone-aware datetime: a naive one's zone would be a guess."""
    if not isinstance(value, datetime):
        raise InvalidArgumentType(f"{name} must be a datetime, not {_type_name(value)}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidArgumentValue(f"{name} must be timezone-aware (such as datetime.now(timezone.utc)), got {value!r}")
    return value


def one_of(value: Any, allowed: Collection[Any], name: str) -> Any:
    """``value`` if it is one of ``allowed``."""
    if value not in allowed:
        shown = ", ".join(repr(item) for item in allowed)
        raise InvalidArgumentValue(f"{name} must be one of {shown}, got {value!r}")
    return value


def instance_of(value: Any, kind: type, name: str) -> None:
    """Refuse a ``value`` that is not a ``kind`` (say, a Content)."""
    if not isinstance(value, kind):
        raise InvalidArgumentType(f"{name} must be a {kind.__name__}, not {_type_name(value)}")
