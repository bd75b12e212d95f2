"""One answer in, its history record and its question's next schedule out: the path every answer takes.

:meth:`azrs_quiz.progress.store.ProgressStore.record` saves what :func:`take_answer`
returns, and ``benchmarks/bench_srs.py`` drives the same function with simulated
learners, so the rule measured is the rule used.
"""

from __future__ import annotations

from dataclasses import replace

from fsrs import Rating

from azrs_quiz.progress import scheduling
from azrs_quiz.progress.rating import POLICY, AnswerFacts, RatingPolicy, rate
from azrs_quiz.progress.records import AnswerForm, AnswerLike, CardRecord, Mode, ReviewRecord, to_utc


def take_answer(
    answer: AnswerLike,
    before: CardRecord | None,
    *,
    mode: Mode,
    schedule: bool,
    timed: bool = True,
    form: AnswerForm = "choice",
    guessed: bool = False,
    policy: RatingPolicy = POLICY,
) -> tuple[ReviewRecord, CardRecord | None]:
    """The record of ``answer`` to a question whose card was ``before``, and the card after it.

    The card after is None unless ``schedule``. ``timed=False`` means the time
    taken says nothing (a pipe); ``form`` is how it was asked; ``guessed`` that the
    learner pressed "I guessed".
    """
    at = to_utc(answer.answered_at)
    options = len(answer.question.options) if form == "choice" else None
    facts = AnswerFacts(
        correct=bool(answer.correct),
        elapsed=float(answer.elapsed) if timed else None,
        form=form,
        options=options if options is not None else 0,
        state=before.state if before is not None else None,
        guessed=guessed,
    )
    rating = rate(facts, policy)
    elapsed = max(0.0, float(answer.elapsed))
    after = scheduling.schedule(answer.question.id, before, rating, at, elapsed, policy) if schedule else None
    review = ReviewRecord(
        question_id=answer.question.id,
        answered_at=at,
        correct=facts.correct,
        choice=answer.choice,
        elapsed=elapsed,
        rating=int(rating),
        mode=mode,
        scheduled=schedule,
        form=form,
        options=options,
        guessed=guessed,
        state=facts.state,
        stability=before.stability if before is not None else None,
        recall=scheduling.predicted_recall(before, at) if before is not None else None,
        due=after.due if after is not None else None,
    )
    return review, after


def facts_of(review: ReviewRecord) -> AnswerFacts:
    """What the rating rule saw in a recorded answer (its time counted)."""
    return AnswerFacts(
        correct=review.correct,
        elapsed=review.elapsed,
        form=review.form,
        options=review.options or 0,
        state=review.state,
        guessed=review.guessed,
    )


def as_guessed(review: ReviewRecord, policy: RatingPolicy = POLICY) -> ReviewRecord:
    """``review`` after the learner said "I guessed": marked so, and rated again (Again)."""
    rating: Rating = rate(replace(facts_of(review), guessed=True), policy)
    return replace(review, guessed=True, rating=int(rating))
