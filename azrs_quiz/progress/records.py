"""What the store keeps: one card per question (its schedule) and one row per answer.

The card states are fsrs's own :class:`fsrs.State`; the fields of an answer are
written once, in :class:`ReviewRecord`, and the store and the progress file both
go through :meth:`ReviewRecord.to_plain` and :meth:`ReviewRecord.from_plain`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from fsrs import State

#: The values of fsrs's :class:`fsrs.State` (Learning, Review, Relearning), kept in step by a test:
#: checking a stored card's state needs no fsrs, so a quiz opens the store without it.
CARD_STATES: tuple[int, ...] = (1, 2, 3)

#: Where an answer was given: a ``review`` session or a one-off ``quiz``.
Mode = Literal["review", "quiz"]
MODES: tuple[Mode, ...] = ("review", "quiz")

#: How a question was answered: by picking one of its options, or by typing the answer.
AnswerForm = Literal["choice", "typed"]
FORMS: tuple[AnswerForm, ...] = ("choice", "typed")


class QuestionLike(Protocol):
    """The part of a question the store needs: its stable id and the options it offers."""

    @property
    def id(self) -> str: ...

    @property
    def options(self) -> Sequence[str]: ...


class AnswerLike(Protocol):
    """The part of a quiz answer the store needs (``azrs_quiz.session.Answer`` fits)."""

    @property
    def question(self) -> QuestionLike: ...

    @property
    def choice(self) -> int | None: ...

    @property
    def elapsed(self) -> float: ...

    @property
    def answered_at(self) -> datetime: ...

    @property
    def correct(self) -> bool: ...


@dataclass(frozen=True)
class CardRecord:
    """A question's FSRS schedule: when it is next due and how well it is known."""

    question_id: str
    state: State
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    introduced_at: datetime

    @property
    def learned(self) -> bool:
        """True once the question has left the first learning steps."""
        from fsrs import State  # imported on use: opening the store for a quiz needs no fsrs

        return self.state != State.Learning


@dataclass(frozen=True)
class ReviewRecord:
    """One answer, as history: what was chosen, whether it was right, how long it took, what it did.

    The last fields say what the rating rule and the calibration in ``stats`` need:
    the answer's form and the options shown (None when typed), whether the learner
    said they guessed, and the card as it was just before the answer: its state
    (None at a first sighting), its stability in days and FSRS's predicted recall.
    ``due`` is when the answer made the question due next (None if it moved no schedule).
    """

    question_id: str
    answered_at: datetime
    correct: bool
    choice: int | None
    elapsed: float
    rating: int
    mode: Mode
    scheduled: bool
    form: AnswerForm = "choice"
    options: int | None = None
    guessed: bool = False
    state: State | None = None
    stability: float | None = None
    recall: float | None = None
    due: datetime | None = None

    def to_plain(self) -> dict[str, Any]:
        """The record as plain values (times as ISO text, booleans and states as they are), in field order."""
        plain = asdict(self)
        for name in _TIME_FIELDS:
            if plain[name] is not None:
                plain[name] = format_time(plain[name])
        if self.state is not None:
            plain["state"] = int(self.state)
        return plain

    @classmethod
    def from_plain(cls, plain: Mapping[str, Any]) -> ReviewRecord:
        """The inverse of :meth:`to_plain`; fields missing from ``plain`` (older rows and files) take their defaults.

        Values are taken as given: check them first when they come from outside.
        """
        values = {name: plain[name] for name in REVIEW_FIELDS if name in plain}
        for name in _TIME_FIELDS:
            if values.get(name) is not None:
                values[name] = parse_time(str(values[name]))
        for name in ("correct", "scheduled", "guessed"):
            if name in values:
                values[name] = bool(values[name])
        if values.get("state") is not None:
            from fsrs import State

            values["state"] = State(int(values["state"]))
        if values.get("mode") is not None and values["mode"] not in MODES:
            values["mode"] = "review"
        return cls(**values)


#: The fields of an answer, in order: the store's columns and the progress file's keys.
REVIEW_FIELDS: tuple[str, ...] = tuple(field.name for field in fields(ReviewRecord))
#: The fields every answer has, even from the first azrs-quiz (the rest have defaults).
REQUIRED_REVIEW_FIELDS: tuple[str, ...] = REVIEW_FIELDS[:8]
_TIME_FIELDS = ("answered_at", "due")


def to_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive datetime is refused, since its zone would be a guess."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"datetime must be timezone-aware, got {moment!r}")
    return moment.astimezone(timezone.utc)


def format_time(moment: datetime) -> str:
    """The stored form of a moment: ISO 8601 in UTC with microseconds, so text order is time order."""
    return to_utc(moment).isoformat(timespec="microseconds")


def parse_time(text: str) -> datetime:
    """The inverse of :func:`format_time` (any ISO 8601 with an offset is accepted)."""
    return to_utc(datetime.fromisoformat(text))
