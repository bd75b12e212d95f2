"""How answers and stems are worded: amounts, dates in a sentence, lists of names."""

from __future__ import annotations

from decimal import Decimal

from azrs_quiz.facts.dates import PartialDate, Precision

_CURRENCY_SYMBOLS = {"USD": "$", "EUR": "\u20ac", "GBP": "\u00a3"}
_SCALES = ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))

#: The question to ask for a date known to this precision.
WHEN_QUESTION: dict[Precision, str] = {
    "year": "In which year",
    "month": "In which month",
    "day": "On which date",
}


def normalise(text: str) -> str:
    """Text folded for comparison: case, spacing and a final full stop do not count."""
    return " ".join(text.casefold().split()).rstrip(".")


def clause(text: str) -> str:
    """A content clause as it appears inside a stem or an option: no final full stop."""
    return text.strip().rstrip(".").strip()


def capitalise(text: str) -> str:
    """The text with its first letter upper-cased (the rest untouched)."""
    return text[:1].upper() + text[1:]


def date_phrase(date: PartialDate) -> str:
    """The date after a preposition: "in 2011", "in February 2011", "on 21 August 1997"."""
    return f"{'on' if date.precision == 'day' else 'in'} {date}"


def join_names(names: list[str]) -> str:
    """Names sorted and joined as English: "A and B", "A, B and C"."""
    ordered = sorted(names, key=str.casefold)
    if len(ordered) <= 1:
        return "".join(ordered)
    return f"{', '.join(ordered[:-1])} and {ordered[-1]}"


def number_text(value: Decimal) -> str:
    """A number as a reader says it: "300 million", "1.5 billion", "12,500", "2.5"."""
    for scale, word in _SCALES:
        if value >= scale:
            scaled = value / scale
            if scaled == scaled.quantize(Decimal("0.01")):
                return f"{_plain(scaled)} {word}"
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return _plain(value)


def amount_text(value: Decimal, *, currency: str | None, unit: str | None, per: str | None, qualifier: str) -> str:
    """An amount as an answer option: "$100 million", "about €50 million", "400 million cubic metres per year"."""
    number = number_text(value)
    if currency is not None:
        symbol = _CURRENCY_SYMBOLS.get(currency)
        text = f"{symbol}{number}" if symbol else f"{number} {currency}"
    else:
        text = f"{number} {unit}"
    if per:
        text += f" per {per}"
    if qualifier in ("about", "over"):
        text = f"{qualifier} {text}"
    return text


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
