"""Typed answers, marked by meaning: what counts as right when the learner types the answer.

The rule is written once, here, for the terminal and for every export that marks typed
answers (the HTML export's ``--typed`` pages do it in the browser). It has three parts,
each of them reproducible from exported data alone:

1. :func:`normalize` folds a text: case, accents and punctuation do not count, ``$`` is
   ``usd``, ``€`` is ``eur``, ``£`` is ``gbp``, thousands separators vanish
   ("300,000,000" is "300000000") and a digit and a letter are kept apart ("$300m" is
   "usd 300 m").
2. :func:`answer_key` lists every normalized form that counts as right for a question
   (``accepted``), computed from the question and the content: the key itself; a
   person's surname alone where no other person the content knows has it; an amount in
   figures, in words or abbreviated ("300000000", "300 million", "300m", "300 mn"),
   with or without its currency, unit, period and qualifier; a date in the common orders
   (day-month-year and month-day-year with the month's name or abbreviation, day/month/year
   and year/month/day in figures, and month/day/year in figures where the day is past 12,
   so no date reads as another); the parties of an agreement in any order. ``refused``
   lists forms that are wrong however close they come: the other options and the names
   of other people, places and organisations one typo away from the key.
3. :func:`mark` compares a typed text with a key: right when its normalized form is
   accepted; right as a *near miss* (the right spelling is then shown) when it is one
   edit (:func:`edit_distance`: an insertion, deletion, substitution or swap of two
   neighbours) from an accepted form of at least :data:`NEAR_MISS_MIN_LENGTH` characters
   with no digit in it (a long name, never a number or a date), and not refused; wrong
   otherwise.

A browser reproduces the marking from a question's exported ``accepted`` and ``refused``
forms, the same :func:`normalize` and the same :func:`edit_distance` rule.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from azrs_quiz.facts.content import Content
from azrs_quiz.facts.dates import MONTH_NAMES, PartialDate
from azrs_quiz.facts.models import Agreement, Amount, Figure
from azrs_quiz.questions.model import Question
from azrs_quiz.questions.wording import number_text

#: An accepted form must be at least this long (and hold no digit) for one typo to pass.
NEAR_MISS_MIN_LENGTH = 8

#: What kind of thing a question's answer is, by the fact's kind and the angle asked.
AnswerKind = Literal["date", "amount", "person", "place", "parties", "text"]
ANSWER_KINDS: dict[tuple[str, str], AnswerKind] = {
    ("event", "when"): "date",
    ("event", "what"): "text",
    ("event", "who"): "person",
    ("event", "where"): "place",
    ("person", "role"): "text",
    ("person", "who"): "person",
    ("agreement", "what"): "text",
    ("agreement", "when"): "date",
    ("agreement", "parties"): "parties",
    ("agreement", "value"): "amount",
    ("figure", "amount"): "amount",
}

#: Answers short enough to type: a clause or a role is asked with choices only.
TYPABLE_KINDS: frozenset[AnswerKind] = frozenset({"date", "amount", "person", "place", "parties"})

# Letters that do not decompose into a base letter and an accent, and currency symbols.
_FOLDS = str.maketrans(
    {
        "đ": "d",
        "ø": "o",
        "ł": "l",
        "æ": "ae",
        "œ": "oe",
        "ı": "i",
        "þ": "th",
        "ə": "a",
        "ħ": "h",
        "$": " usd ",
        "€": " eur ",
        "£": " gbp ",
        "'": "",
        "\u2019": "",
        "\u02bc": "",
        "`": "",
    }
)
_THOUSANDS = re.compile(r"(\d)[,.\u2019 ](?=\d{3}(?!\d))")
_DIGIT_LETTER = re.compile(r"(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d)")
_NOT_WORD = re.compile(r"[\W_]+")

_CURRENCY_WORDS = {
    "USD": ("dollars", "us dollars", "dollar"),
    "EUR": ("euros", "euro"),
    "GBP": ("pounds", "pounds sterling"),
}
_QUALIFIER_WORDS = {
    "about": ("about", "around", "approximately", "roughly", "some"),
    "over": ("over", "more than"),
}
_SCALE_WORDS = (
    (Decimal(10) ** 9, ("billion", "bn", "bln", "b")),
    (Decimal(10) ** 6, ("million", "m", "mn", "mln")),
    (Decimal(10) ** 3, ("thousand", "k")),
)
_ORDINAL = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}


def normalize(text: str) -> str:
    """The text folded for comparison, as every form of the marking rule is compared.

    Steps, in order: Unicode NFKD with combining marks (accents) dropped; case folded;
    letters without a decomposition folded (đ→d, ə→a, ø→o, ł→l, æ→ae...); ``$ € £``
    read as ``usd eur gbp``; apostrophes dropped; a ``,`` ``.`` ``’`` or space between a
    digit and exactly three more digits dropped (a thousands separator); a space put
    between a digit and a letter; every other run of characters that are not letters
    or digits made one space; the ends trimmed; a thousands space dropped once more.

    >>> normalize("Aleksandar VUČIĆ")
    'aleksandar vucic'
    >>> normalize("$300,000,000")
    'usd 300000000'
    >>> normalize("Ljig–Preljina")
    'ljig preljina'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    folded = bare.casefold().translate(_FOLDS)
    folded = _THOUSANDS.sub(r"\1", folded)
    folded = _DIGIT_LETTER.sub(" ", folded)
    # Once more after the collapse: a separator that only became a space there ("¼00" is
    # "1⁄400") must read the same as that space typed, or normalising twice would differ.
    return _THOUSANDS.sub(r"\1", _NOT_WORD.sub(" ", folded).strip())


def edit_distance(first: str, second: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.

    >>> edit_distance("vucic", "vucci")
    1
    """
    if first == second:
        return 0
    previous_row: list[int] = []
    row = list(range(len(second) + 1))
    for i, char in enumerate(first, start=1):
        before, previous_row, row = previous_row, row, [i] + [0] * len(second)
        for j, other in enumerate(second, start=1):
            cost = 0 if char == other else 1
            row[j] = min(previous_row[j] + 1, row[j - 1] + 1, previous_row[j - 1] + cost)
            if i > 1 and j > 1 and char == second[j - 2] and first[i - 2] == other:
                row[j] = min(row[j], before[j - 2] + 1)
    return row[-1]


def typo_tolerant(form: str) -> bool:
    """True when one typo in this accepted form still counts: a long name, no digit in it."""
    return len(form) >= NEAR_MISS_MIN_LENGTH and not any(char.isdigit() for char in form)


@dataclass(frozen=True)
class AnswerKey:
    """What counts as right for one question when the answer is typed.

    ``accepted`` and ``refused`` are normalized forms (see :func:`normalize`), in a
    stable order, the key's own form first; ``shown`` is the answer as it is displayed.
    """

    shown: str
    accepted: tuple[str, ...]
    refused: tuple[str, ...]


@dataclass(frozen=True)
class TypedMark:
    """The verdict on one typed answer.

    ``near_miss`` is true when the answer passed with one typo: show ``shown``, the
    right spelling. ``typed`` is the text as the learner typed it.
    """

    correct: bool
    near_miss: bool
    typed: str
    shown: str


def answer_kind(question: Question) -> AnswerKind:
    """What the question's answer is: a date, an amount, a person, a place, parties or text."""
    return ANSWER_KINDS.get((question.kind, question.angle), "text")


def typable(question: Question) -> bool:
    """True when the answer is short enough to type (a date, an amount, a name, a place, parties)."""
    return answer_kind(question) in TYPABLE_KINDS


def accepted_answers(question: Question, content: Content | None = None) -> tuple[str, ...]:
    """The normalized forms that count as right for the question (see :func:`answer_key`)."""
    return answer_key(question, content).accepted


def answer_key(question: Question, content: Content | None = None) -> AnswerKey:
    """Every form that counts as right for the question, and those that never do.

    With ``content`` the forms come from the fact itself (its date, amount, people,
    places); without it, from the key's text alone (dates are still read from it).
    """
    kind = answer_kind(question)
    shown = question.correct_option
    raw = [shown, *_forms(question, kind, content)]
    accepted = tuple(dict.fromkeys(form for form in map(normalize, raw) if form))
    accepted_set = set(accepted)
    others = (normalize(option) for index, option in enumerate(question.options) if index != question.answer)
    near_names = _near_names(accepted, content) if kind in ("person", "place", "parties") else ()
    refused = tuple(dict.fromkeys(form for form in itertools.chain(others, near_names) if form not in accepted_set))
    return AnswerKey(shown=shown, accepted=accepted, refused=refused)


def mark(key: AnswerKey, typed: str) -> TypedMark:
    """Mark a typed answer against a key: exact, near miss (one typo in a long name) or wrong."""
    form = normalize(typed)
    if form in key.accepted:
        return TypedMark(correct=True, near_miss=False, typed=typed, shown=key.shown)
    near = (
        bool(form)
        and form not in key.refused
        and any(typo_tolerant(accepted) and edit_distance(form, accepted) == 1 for accepted in key.accepted)
    )
    return TypedMark(correct=near, near_miss=near, typed=typed, shown=key.shown)


def answer_keys(content: Content | None) -> Callable[[Question], AnswerKey]:
    """The typed-answer key of each question, computed once per question (a sitting asks many)."""
    keys: dict[str, AnswerKey] = {}

    def key_of(question: Question) -> AnswerKey:
        if question.id not in keys:
            keys[question.id] = answer_key(question, content)
        return keys[question.id]

    return key_of


def mark_typed(question: Question, typed: str, content: Content | None = None) -> TypedMark:
    """Mark what the learner typed for the question (see :func:`answer_key` and :func:`mark`)."""
    return mark(answer_key(question, content), typed)


# --- Forms per kind of answer -------------------------------------------------------------


def _forms(question: Question, kind: AnswerKind, content: Content | None) -> Iterator[str]:
    fact = _fact(question, content)
    if kind == "date":
        date = getattr(fact, "date", None) if fact is not None else None
        parsed = date if isinstance(date, PartialDate) else _parse_shown_date(question.correct_option)
        if parsed is not None:
            yield from date_forms(parsed)
    elif kind == "amount":
        amount = fact.amount if isinstance(fact, Figure) else fact.value if isinstance(fact, Agreement) else None
        if amount is not None:
            yield from amount_forms(amount)
    elif kind == "person" and content is not None:
        yield from _surname(question, content)
    elif kind == "parties" and isinstance(fact, Agreement) and content is not None:
        yield from party_forms([_party_name(content, party) for party in fact.parties])


def _fact(question: Question, content: Content | None) -> object | None:
    if content is None:
        return None
    try:
        return content.fact(question.fact_id)
    except KeyError:
        return None


def _surname(question: Question, content: Content) -> Iterator[str]:
    """The key's last name alone, when no other person the content knows has that last name."""
    surnames = Counter(_last_word(person.name) for person in content.people.values())
    name = question.correct_option
    if len(normalize(name).split()) > 1 and surnames[_last_word(name)] == 1:
        yield _last_word(name)


def _last_word(name: str) -> str:
    words = normalize(name).split()
    return words[-1] if words else ""


def _party_name(content: Content, party: str) -> str:
    place = content.places.get(party)
    if place is not None:
        return place.name
    organisation = content.organisations.get(party)
    return organisation.name if organisation is not None else party


def _near_names(accepted: tuple[str, ...], content: Content | None) -> Iterator[str]:
    """Names the content knows that are one typo from an accepted form: typing them is no near miss."""
    if content is None:
        return
    names: set[str] = set()
    for person in content.people.values():
        names.add(normalize(person.name))
        names.update(normalize(person.name).split())
    names.update(normalize(place.name) for place in content.places.values())
    names.update(normalize(organisation.name) for organisation in content.organisations.values())
    tolerant = [form for form in accepted if typo_tolerant(form)]
    for name in sorted(names):
        if name not in accepted and any(edit_distance(name, form) == 1 for form in tolerant):
            yield name


def party_forms(names: list[str]) -> Iterator[str]:
    """The parties in every order (up to four of them), joined by "and", "&" or commas."""
    if not 2 <= len(names) <= 4:
        return
    for order in itertools.permutations(names):
        yield f"{', '.join(order[:-1])} and {order[-1]}"
        yield " ".join(order)


def date_forms(date: PartialDate) -> Iterator[str]:
    """A date in the common orders, with "in" or "on" before it or not (before normalizing)."""
    year = str(date.year)
    if date.month is None:
        forms = [year]
    else:
        months = _month_words(date.month)
        numbers = list(dict.fromkeys((str(date.month), f"{date.month:02d}")))
        if date.day is None:
            forms = [f"{month} {year}" for month in months]
            forms += [f"{number} {year}" for number in numbers] + [f"{year} {number}" for number in numbers]
        else:
            forms = list(_day_forms(date.day, months, numbers, year))
    preposition = "on" if date.day is not None else "in"
    for form in forms:
        yield form
        yield f"{preposition} {form}"


def _day_forms(day: int, months: list[str], month_numbers: list[str], year: str) -> Iterator[str]:
    days = list(dict.fromkeys((str(day), f"{day:02d}")))
    ordinal = f"{day}{_ORDINAL.get(day, 'th')}"
    for month in months:
        for spoken in (str(day), ordinal):
            yield f"{spoken} {month} {year}"
            yield f"{month} {spoken} {year}"
            yield f"{month} {spoken}, {year}"
        yield f"the {ordinal} of {month} {year}"
        yield f"{ordinal} of {month} {year}"
    for number_day, number_month in itertools.product(days, month_numbers):
        yield f"{number_day}/{number_month}/{year}"
        yield f"{year}-{number_month}-{number_day}"
        if day > 12:
            yield f"{number_month}/{number_day}/{year}"


def _month_words(month: int) -> list[str]:
    name = MONTH_NAMES[month - 1]
    words = [name, name[:3]]
    if name == "September":
        words.append("Sept")
    return list(dict.fromkeys(words))


def _parse_shown_date(text: str) -> PartialDate | None:
    """A date read back from how it is shown: "1944", "February 2011", "21 August 1997"."""
    words = text.split()
    months = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
    try:
        if len(words) == 1 and words[0].isdigit():
            return PartialDate(year=int(words[0]))
        if len(words) == 2 and words[0] in months and words[1].isdigit():
            return PartialDate(year=int(words[1]), month=months[words[0]])
        if len(words) == 3 and words[0].isdigit() and words[1] in months and words[2].isdigit():
            return PartialDate(year=int(words[2]), month=months[words[1]], day=int(words[0]))
    except ValueError:
        return None
    return None


def amount_forms(amount: Amount) -> Iterator[str]:
    """An amount in figures, words or abbreviations, with or without what goes around the number."""
    numbers = list(number_forms(amount.value))
    qualifiers = ("", *_QUALIFIER_WORDS.get(amount.qualifier, ()))
    periods = ("",) if not amount.per else ("", f" per {amount.per}", f" a {amount.per}", f" {amount.per}")
    for number in numbers:
        for around in _around(number, amount):
            for period, qualifier in itertools.product(periods, qualifiers):
                yield f"{qualifier} {around}{period}".strip()


def _around(number: str, amount: Amount) -> Iterable[str]:
    if amount.currency is not None:
        code = amount.currency
        words = _CURRENCY_WORDS.get(code, ())
        return (number, f"{code} {number}", f"{number} {code}", *(f"{number} {word}" for word in words))
    return (number, f"{number} {amount.unit}")


def number_forms(value: Decimal) -> Iterator[str]:
    """A number as people write it: "300000000", "300 million", "300m", "0.3 billion" is not one of them.

    Every scale (billion, million, thousand) at which the number has at most three
    decimals gives its words and abbreviations.
    """
    yield number_text(value)
    yield format(value.normalize(), "f")
    for scale, words in _SCALE_WORDS:
        scaled = value / scale
        if scaled >= 1 and scaled == scaled.quantize(Decimal("0.001")):
            plain = format(scaled.normalize(), "f")
            for word in words:
                yield f"{plain} {word}"
