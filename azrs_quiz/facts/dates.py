"""Dates that know their own precision: a year, a month, or a day."""

from __future__ import annotations

import calendar
import datetime
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from azrs_quiz.facts.yamlfile import kind_of
from azrs_quiz.text import shorten

Precision = Literal["year", "month", "day"]

# English month names, fixed: calendar.month_name follows the process locale.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

#: The forms a date may take in a content file, for the published JSON Schema.
DATE_JSON_SCHEMA: dict[str, Any] = {
    "description": "A date with its precision: 1944, '2011-02' or 2011-02-21.",
    "anyOf": [
        {"type": "integer", "minimum": 1, "maximum": 9999},
        {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
    ],
}


class PartialDate(BaseModel):
    """A calendar date known to a year, a month or a day.

    Content writes it as ``1944``, ``"2011-02"`` or ``1997-08-21``; ``str()`` renders it
    at exactly that precision ("1944", "February 2011", "21 August 1997").
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    year: int = Field(ge=1, le=9999)
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)

    @model_validator(mode="before")
    @classmethod
    def _from_content_form(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("a date must be a year, 'YYYY-MM' or YYYY-MM-DD, not true/false")
        if isinstance(value, float):
            raise ValueError(f"a date must be a year, 'YYYY-MM' or YYYY-MM-DD, not {value!r}")
        if isinstance(value, int):
            return {"year": value}
        if isinstance(value, datetime.datetime):
            raise ValueError("a date must not carry a time of day")
        if isinstance(value, datetime.date):
            return {"year": value.year, "month": value.month, "day": value.day}
        if isinstance(value, str):
            return _parse_iso_partial(value)
        if isinstance(value, (dict, PartialDate)):
            return value
        raise ValueError(f"a date must be a year, 'YYYY-MM' or YYYY-MM-DD, not {kind_of(value)}")

    @model_validator(mode="after")
    def _is_a_real_date(self) -> PartialDate:
        if self.day is not None:
            if self.month is None:
                raise ValueError("a date with a day needs a month")
            last_day = calendar.monthrange(self.year, self.month)[1]
            if self.day > last_day:
                month_name = MONTH_NAMES[self.month - 1]
                raise ValueError(f"{month_name} {self.year} has only {last_day} days")
        return self

    @property
    def precision(self) -> Precision:
        """How much of the date is known."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Orders dates chronologically; a bare year sorts before its months."""
        return (self.year, self.month or 0, self.day or 0)

    def iso(self) -> str:
        """The date in ISO 8601 form at its own precision: 1944, 2011-02, 1997-08-21."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def __str__(self) -> str:
        if self.month is None:
            return str(self.year)
        month_name = MONTH_NAMES[self.month - 1]
        if self.day is None:
            return f"{month_name} {self.year}"
        return f"{self.day} {month_name} {self.year}"


def _parse_iso_partial(text: str) -> dict[str, int | None]:
    match = _ISO_PARTIAL.match(text.strip())
    if match is None:
        raise ValueError(f"{shorten(repr(text))} is not a date: write 1944, '2011-02' or 2011-02-21")
    year_digits, month_digits, day_digits = match.groups()
    year = int(year_digits)
    month = int(month_digits) if month_digits else None
    day = int(day_digits) if day_digits else None
    if year == 0:
        raise ValueError(f"{shorten(repr(text))} is not a date: there is no year 0")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{shorten(repr(text))} is not a date: there is no month {month}")
    if day == 0:
        raise ValueError(f"{shorten(repr(text))} is not a date: there is no day 0")
    return {"year": year, "month": month, "day": day}
