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
    it away only when no other order can avoid it. Only questions that share a fact or
    a word of an answer are compared, so a whole bank of a big pack orders in near
    linear time.
    """
    rivals = _Rivals(questions)
    remaining = list(range(len(questions)))
    ordered: list[Question] = []
    while remaining:
        kept: set[int] = set()
        left: list[int] = []
        for position in remaining:
            question = questions[position]
            if any(other in kept and gives_away(question, questions[other]) for other in rivals.of(position)):
                left.append(position)
            else:
                kept.add(position)
                ordered.append(question)
        remaining = left
    return ordered


class _Rivals:
    """For each question, the others that may give it away: those on its fact, or whose stem
    holds the first word of its answer (or holds its stem a first word of theirs).

    A superset of the pairs :func:`gives_away` accepts: a mark found in a stem at word
    boundaries has its first run of word characters as a whole word of that stem.
    """

    def __init__(self, questions: Sequence[Question]) -> None:
        self._fact = [question.fact_id for question in questions]
        self._by_fact: dict[str, list[int]] = {}
        self._by_stem_word: dict[str, list[int]] = {}
        self._by_mark_word: dict[str, list[int]] = {}
        self._stem_words: list[set[str]] = []
        self._mark_words: list[set[str]] = []
        self._everyone: set[int] = set()  # questions with a mark that has no word at all
        for position, question in enumerate(questions):
            self._by_fact.setdefault(question.fact_id, []).append(position)
            stem_words = set(_WORD.findall(_folded(question.prompt)))
            self._stem_words.append(stem_words)
            for word in stem_words:
                self._by_stem_word.setdefault(word, []).append(position)
            firsts = [_WORD.findall(mark) for mark in answer_marks(question)]
            if any(not words for words in firsts):
                self._everyone.add(position)
            mark_words = {words[0] for words in firsts if words}
            self._mark_words.append(mark_words)
            for word in mark_words:
                self._by_mark_word.setdefault(word, []).append(position)
        self._count = len(questions)

    def of(self, position: int) -> set[int]:
        """The questions that :func:`gives_away` may pair with the one at ``position``."""
        if position in self._everyone:
            return set(range(self._count))
        found = set(self._by_fact[self._fact[position]]) | set(self._everyone)
        for word in self._mark_words[position]:
            found.update(self._by_stem_word.get(word, ()))
        for word in self._stem_words[position]:
            found.update(self._by_mark_word.get(word, ()))
        found.discard(position)
        return found


_WORD = re.compile(r"\w+")


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
