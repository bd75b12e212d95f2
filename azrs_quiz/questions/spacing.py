"""No give-aways within a sitting: questions that answer each other are never asked together.

Two questions give each other away when they ask about one fact, or when the stem of
one prints the answer of the other ("Which Azerbaijani politician...?" answered "Ilham
Aliyev" beside "President Ilham Aliyev reviewed..."). :func:`space_out` keeps a sitting
free of such pairs; :func:`spaced_order` orders a whole bank in rounds that are each
free of them (for exports and decks).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from azrs_quiz.questions.model import Question

#: Surnames shorter than this are not looked for on their own (too likely to be a word).
_MIN_SURNAME = 4

#: How a compound answer joins its parts: "The Bajrakli Mosque and the Church of St. Petka".
_PART_JOINS = re.compile(r";\s+|\s+and\s+")

#: Parts shorter than this many words are not looked for on their own ("oil", "gas").
_MIN_PART_WORDS = 2


def gives_away(first: Question, second: Question) -> bool:
    """True when the two questions may not share a sitting: one fact, or one stem holding the other's answer."""
    if first.fact_id == second.fact_id:
        return True
    return _prints_answer(first.prompt, second) or _prints_answer(second.prompt, first)


def space_out(questions: Iterable[Question], *, limit: int | None = None) -> list[Question]:
    """The questions, in their order, without any that another one kept before it gives away.

    Use it for a quiz, a review session or a retry round: the result never holds two
    questions on one fact, nor a question whose stem contains another's answer. Stops
    after ``limit`` questions when given.
    """
    kept: list[Question] = []
    for question in questions:
        if limit is not None and len(kept) >= limit:
            break
        if not any(gives_away(question, other) for other in kept):
            kept.append(question)
    return kept


def spaced_order(questions: Sequence[Question]) -> list[Question]:
    """Every question, ordered in rounds that are each free of give-aways.

    The first round is :func:`space_out` of all the questions, the next of those left,
    and so on; within a round the input order is kept. For a bank shown whole (an
    export, a deck), read front to back, a question comes before any that would give
    it away only when no other order can avoid it.
    """
    remaining = list(questions)
    ordered: list[Question] = []
    while remaining:
        round_ = space_out(remaining)
        taken = {question.id for question in round_}
        ordered.extend(round_)
        remaining = [question for question in remaining if question.id not in taken]
    return ordered


def _prints_answer(prompt: str, question: Question) -> bool:
    text = _folded(prompt)
    return any(_pattern(mark).search(text) for mark in answer_marks(question))


def answer_marks(question: Question) -> tuple[str, ...]:
    """The forms of a question's answer that would give it away if another stem printed them.

    The answer itself, folded; a person's surname ("Aliyev" for "Ilham Aliyev"); an
    office also as "Serbia's president" for "President of Serbia"; each named part of a
    compound answer ("Bajrakli Mosque" for "The Bajrakli Mosque and the Church of St.
    Petka"), as a stem printing one half gives away the whole.
    """
    answer = question.correct_option
    marks = [_folded(answer), *_parts(answer)]
    if question.answer_kind == "person":
        surname = _folded(answer).split()[-1] if answer.split() else ""
        if len(surname) >= _MIN_SURNAME:
            marks.append(surname)
    elif question.answer_kind == "office":
        office, of, country = answer.rpartition(" of ")
        if of and office:
            marks.append(_folded(f"{country}'s {office}"))
    return tuple(dict.fromkeys(mark for mark in marks if mark))


def _parts(answer: str) -> list[str]:
    """The parts of a compound answer worth looking for, folded and without a leading article."""
    pieces = _PART_JOINS.split(_folded(answer))
    if len(pieces) < 2:
        return []
    parts = []
    for piece in pieces:
        words = piece.split()
        if words and words[0] in {"the", "a", "an"}:
            words = words[1:]
        if len(words) >= _MIN_PART_WORDS:
            parts.append(" ".join(words))
    return parts


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    """Text compared without case, accents or extra spaces: "Vučić" matches "Vucic"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.replace("\u2019", "'").split()).rstrip(".")


@lru_cache(maxsize=4096)
def _pattern(mark: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(mark)}(?!\w)")
