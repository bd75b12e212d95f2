"""What the store keeps: one card per question (its schedule) and one row per answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Literal, Protocol

#: Where an answer was given: a ``review`` session or a one-off ``quiz``.
Mode = Literal["review", "quiz"]
MODES: tuple[Mode, ...] = ("review", "quiz")

#: FSRS card states (the values of ``fsrs.State``).
LEARNING, REVIEW, RELEARNING = 1, 2, 3


class QuestionLike(Protocol):
    """The part of a question the store needs: its stable id."""

    @property
    def id(self) -> str: ...


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
    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    introduced_at: datetime

    @property
    def learned(self) -> bool:
        """True once the question has left the first learning steps."""
        return self.state != LEARNING


@dataclass(frozen=True)
class ReviewRecord:
    """One answer, as history: what was chosen, whether it was right, how long it took."""

    question_id: str
    answered_at: datetime
    correct: bool
    choice: int | None
    elapsed: float
    rating: int
    mode: Mode
    scheduled: bool


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
