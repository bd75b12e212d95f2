"""Choosing what a review session asks: due questions first, then a few new ones a day."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Generic, Protocol, TypeVar

from azrs_quiz.arguments import aware_datetime, optional_whole_number, whole_number
from azrs_quiz.progress.days import local_day
from azrs_quiz.progress.records import CardRecord, to_utc

#: New questions introduced per day unless ``--new`` says otherwise.
DEFAULT_NEW_PER_DAY = 10


class ReviewableQuestion(Protocol):
    """What the queue needs of a question: its stable id and the fact it is about."""

    @property
    def id(self) -> str: ...

    @property
    def fact_id(self) -> str: ...

    @property
    def topic(self) -> str: ...


Q = TypeVar("Q", bound=ReviewableQuestion)


@dataclass(frozen=True)
class ReviewPlan(Generic[Q]):
    """The questions of one review session, and what to tell the learner when it is empty."""

    questions: tuple[Q, ...]
    due: int
    new: int
    new_left_today: int
    unseen: int
    next_due: datetime | None


def plan_review(
    bank: Sequence[Q],
    cards: Mapping[str, CardRecord],
    *,
    now: datetime,
    new_per_day: int = DEFAULT_NEW_PER_DAY,
    max_questions: int | None = None,
    tz: tzinfo | None = None,
) -> ReviewPlan[Q]:
    """Due questions (most overdue first), then new ones up to today's allowance, capped at ``max_questions``.

    Only questions in ``bank`` count: cards of removed questions are ignored, and
    questions never seen are new. New questions come in bank order, topics taking
    turns, and a fact asked about today gets no new question until tomorrow (a
    fact's questions would give each other away).
    ``new_per_day`` counts local days across sessions: questions first scheduled
    today use it up.
    """
    now = to_utc(aware_datetime(now, "now"))
    whole_number(new_per_day, "new_per_day")
    optional_whole_number(max_questions, "max_questions")
    today = local_day(now, tz)
    introduced_today = sum(1 for card in cards.values() if local_day(card.introduced_at, tz) == today)
    new_left = max(0, new_per_day - introduced_today)
    cap = max_questions if max_questions is not None else len(bank)

    due = sorted(
        (question for question in bank if question.id in cards and cards[question.id].due <= now),
        key=lambda question: (cards[question.id].due, question.id),
    )
    chosen: list[Q] = due[:cap]
    # A fact asked about today (or now) gets no new question until tomorrow.
    facts = {question.fact_id for question in chosen} | {
        question.fact_id
        for question in bank
        if question.id in cards
        and (last := cards[question.id].last_review) is not None
        and local_day(last, tz) == today
    }
    unseen = [question for question in bank if question.id not in cards]
    new: list[Q] = []
    for question in _topics_in_turn(unseen):
        if len(new) >= new_left or len(chosen) + len(new) >= cap:
            break
        if question.fact_id not in facts:
            new.append(question)
            facts.add(question.fact_id)
    chosen.extend(new)

    later = [cards[q.id].due for q in bank if q.id in cards and cards[q.id].due > now]
    return ReviewPlan(
        questions=tuple(chosen),
        due=len(due),
        new=len(new),
        new_left_today=new_left,
        unseen=len(unseen),
        next_due=min(later) if later else None,
    )


def _topics_in_turn(questions: Sequence[Q]) -> list[Q]:
    """``questions`` reordered so topics take turns, each keeping its own order."""
    by_topic: dict[str, list[Q]] = {}
    for question in questions:
        by_topic.setdefault(question.topic, []).append(question)
    queues = list(by_topic.values())
    ordered: list[Q] = []
    for depth in range(max((len(queue) for queue in queues), default=0)):
        ordered.extend(queue[depth] for queue in queues if depth < len(queue))
    return ordered
