"""Numbers about a learner's progress: answers, retention, streak, learned questions, forecast.

Everything is computed over the current question bank: answers to questions that
no longer exist are left out, and a question's topic is the one it has today.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, Protocol

from azrs_quiz.progress.days import local_day
from azrs_quiz.progress.records import CardRecord, ReviewRecord, format_time, to_utc

#: How many days (today included) the forecast covers.
FORECAST_DAYS = 14


class TopicalQuestion(Protocol):
    """What stats need of a question: its id and its topic."""

    @property
    def id(self) -> str: ...

    @property
    def topic(self) -> str: ...


@dataclass(frozen=True)
class Tally:
    """Answers, right answers and questions for one topic (or all of them)."""

    answers: int
    correct: int
    seen: int
    learned: int
    total: int

    @property
    def retention(self) -> float | None:
        """The share of answers that were right; None before the first answer."""
        return self.correct / self.answers if self.answers else None

    def to_dict(self) -> dict[str, Any]:
        """The tally as plain JSON values."""
        return {
            "answers": self.answers,
            "correct": self.correct,
            "retention": self.retention,
            "seen": self.seen,
            "learned": self.learned,
            "total": self.total,
        }


@dataclass(frozen=True)
class Stats:
    """A snapshot of progress at ``now``.

    ``reviews`` counts answers given in ``review`` sessions, ``quiz_answers`` those
    given in quizzes; retention counts both. ``streak`` is the number of local days
    in a row, ending today (or yesterday, if nothing was answered yet today), with at
    least one answer. ``forecast`` pairs each of the next days with the number of
    questions due on it (overdue ones count for today).
    """

    now: datetime
    reviews: int
    quiz_answers: int
    overall: Tally
    topics: Mapping[str, Tally]
    streak: int
    studied_today: bool
    due_now: int
    forecast: tuple[tuple[date, int], ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values, as ``azrs-quiz stats --json`` prints them."""
        return {
            "generated_at": format_time(self.now),
            "reviews": self.reviews,
            "quiz_answers": self.quiz_answers,
            **self.overall.to_dict(),
            "streak_days": self.streak,
            "studied_today": self.studied_today,
            "due_now": self.due_now,
            "topics": {topic: tally.to_dict() for topic, tally in self.topics.items()},
            "forecast": [{"date": day.isoformat(), "due": due} for day, due in self.forecast],
        }


def compute_stats(
    bank: Sequence[TopicalQuestion],
    cards: Mapping[str, CardRecord],
    reviews: Sequence[ReviewRecord],
    *,
    now: datetime,
    tz: tzinfo | None = None,
    forecast_days: int = FORECAST_DAYS,
) -> Stats:
    """Stats for the questions in ``bank`` from their ``cards`` and answer history, as at ``now``."""
    now = to_utc(now)
    topic_of = {question.id: question.topic for question in bank}
    known = [review for review in reviews if review.question_id in topic_of]
    bank_cards = {qid: card for qid, card in cards.items() if qid in topic_of}

    topics: dict[str, Tally] = {}
    for topic in dict.fromkeys(question.topic for question in bank):
        ids = {question.id for question in bank if question.topic == topic}
        topics[topic] = _tally(ids, bank_cards, [review for review in known if review.question_id in ids])

    today = local_day(now, tz)
    days = {local_day(review.answered_at, tz) for review in known}
    streak_end = today if today in days else today - timedelta(days=1)
    streak = 0
    while streak_end - timedelta(days=streak) in days:
        streak += 1

    counts = [0] * forecast_days
    for card in bank_cards.values():
        offset = (local_day(card.due, tz) - today).days
        if offset < forecast_days:
            counts[max(0, offset)] += 1
    return Stats(
        now=now,
        reviews=sum(1 for review in known if review.mode == "review"),
        quiz_answers=sum(1 for review in known if review.mode == "quiz"),
        overall=_tally(set(topic_of), bank_cards, known),
        topics=topics,
        streak=streak,
        studied_today=today in days,
        due_now=sum(1 for card in bank_cards.values() if card.due <= now),
        forecast=tuple((today + timedelta(days=offset), count) for offset, count in enumerate(counts)),
    )


def _tally(ids: set[str], cards: Mapping[str, CardRecord], reviews: Sequence[ReviewRecord]) -> Tally:
    answered = {review.question_id for review in reviews}
    return Tally(
        answers=len(reviews),
        correct=sum(1 for review in reviews if review.correct),
        seen=len(ids & (answered | set(cards))),
        learned=sum(1 for qid in ids if qid in cards and cards[qid].learned),
        total=len(ids),
    )
