"""FSRS scheduling through the ``fsrs`` package, made deterministic.

Fuzzing is turned off: ``fsrs`` draws its fuzz from the global random module, and
a schedule that is a pure function of the answers can be tested, replayed after an
import and merged across machines.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import cache

from fsrs import Card, Rating, Scheduler

from azrs_quiz.progress.rating import POLICY, RatingPolicy
from azrs_quiz.progress.records import CardRecord, ReviewRecord, to_utc

#: The retention FSRS aims for: a due question should be recalled nine times in ten.
DESIRED_RETENTION = 0.9


@cache
def _scheduler(learning_steps: tuple[timedelta, ...], relearning_steps: tuple[timedelta, ...]) -> Scheduler:
    return Scheduler(
        desired_retention=DESIRED_RETENTION,
        learning_steps=learning_steps,
        relearning_steps=relearning_steps,
        enable_fuzzing=False,
    )


def schedule(
    question_id: str,
    card: CardRecord | None,
    rating: Rating,
    at: datetime,
    elapsed: float,
    policy: RatingPolicy = POLICY,
) -> CardRecord:
    """The card after answering ``question_id`` at ``at`` with ``rating``; a new card if ``card`` is None.

    ``policy`` gives FSRS's same-day steps.
    """
    at = to_utc(at)
    before = _to_fsrs(card) if card is not None else Card(card_id=0, due=at)
    after, _ = _scheduler(policy.learning_steps, policy.relearning_steps).review_card(
        before, Rating(rating), review_datetime=at, review_duration=max(0, round(elapsed * 1000))
    )
    return CardRecord(
        question_id=question_id,
        state=after.state,
        step=after.step,
        stability=after.stability,
        difficulty=after.difficulty,
        due=to_utc(after.due),
        last_review=to_utc(after.last_review) if after.last_review is not None else None,
        introduced_at=card.introduced_at if card is not None else at,
    )


def predicted_recall(card: CardRecord, at: datetime) -> float | None:
    """FSRS's predicted probability that ``card``'s question is recalled at ``at`` (None before any answer)."""
    if card.last_review is None or card.stability is None:
        return None
    return float(
        _scheduler(POLICY.learning_steps, POLICY.relearning_steps).get_card_retrievability(_to_fsrs(card), to_utc(at))
    )


def replay(question_id: str, reviews: Iterable[ReviewRecord]) -> CardRecord | None:
    """The card that the scheduled answers in ``reviews`` lead to, in time order (None if none)."""
    card: CardRecord | None = None
    for review in sorted(reviews, key=lambda review: review.answered_at):
        if review.scheduled and review.question_id == question_id:
            card = schedule(question_id, card, Rating(review.rating), review.answered_at, review.elapsed)
    return card


def _to_fsrs(card: CardRecord) -> Card:
    return Card(
        card_id=0,
        state=card.state,
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )
