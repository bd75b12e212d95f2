"""Ratings from answers and FSRS due dates, with a fixed clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpers.progress import T0, answer, days, question

from azrs_quiz.progress import EASY_UNDER, HARD_OVER, ProgressStore, Rating, rate_answer
from azrs_quiz.progress.records import LEARNING, RELEARNING, REVIEW
from azrs_quiz.progress.scheduling import replay, schedule


@pytest.mark.parametrize(
    ("correct", "elapsed", "expected"),
    [
        (False, 1.0, Rating.AGAIN),
        (False, 60.0, Rating.AGAIN),
        (True, 0.5, Rating.EASY),
        (True, 7.99, Rating.EASY),
        (True, 8.0, Rating.GOOD),
        (True, 25.0, Rating.GOOD),
        (True, 25.01, Rating.HARD),
        (True, 300.0, Rating.HARD),
    ],
)
def test_rating_comes_from_right_or_wrong_and_time_taken(correct: bool, elapsed: float, expected: Rating) -> None:
    assert rate_answer(correct, elapsed) is expected


def test_documented_thresholds() -> None:
    assert (EASY_UNDER, HARD_OVER) == (8.0, 25.0)


@pytest.mark.parametrize(
    ("rating", "state", "wait"),
    [
        (Rating.AGAIN, LEARNING, timedelta(minutes=1)),
        (Rating.HARD, LEARNING, timedelta(minutes=5, seconds=30)),
        (Rating.GOOD, LEARNING, timedelta(minutes=10)),
        (Rating.EASY, REVIEW, days(8)),
    ],
)
def test_a_new_question_is_due_after_fsrs_first_steps(rating: Rating, state: int, wait: timedelta) -> None:
    card = schedule("f:when", None, rating, T0, 5.0)
    assert (card.state, card.due, card.last_review, card.introduced_at) == (state, T0 + wait, T0, T0)


def test_intervals_grow_with_right_answers_and_shrink_after_a_wrong_one() -> None:
    first = schedule("f:when", None, Rating.GOOD, T0, 12.0)
    second = schedule("f:when", first, Rating.GOOD, first.due, 12.0)
    third = schedule("f:when", second, Rating.GOOD, second.due, 12.0)
    lapse = schedule("f:when", third, Rating.AGAIN, third.due, 12.0)
    assert second.state == REVIEW and second.due - first.due == days(2)
    assert third.due - second.due == days(11)
    assert lapse.state == RELEARNING and lapse.due - third.due == timedelta(minutes=10)
    assert lapse.introduced_at == T0


def test_schedules_are_deterministic_so_history_can_be_replayed() -> None:
    # fsrs fuzzes intervals with the global random module unless told not to.
    item = question("f:when")
    moments = [T0, T0 + days(1), T0 + days(5), T0 + days(30), T0 + days(90)]
    with ProgressStore.open() as store:
        for moment in moments:
            store.record(answer(item, elapsed=10.0, at=moment), mode="review", schedule=True)
        assert replay(item.id, store.reviews()) == store.card(item.id)


def test_store_schedules_each_answer_with_the_rating_it_earned() -> None:
    item = question("f:when")
    with ProgressStore.open() as store:
        quick = store.record(answer(item, elapsed=3.0, at=T0), mode="review", schedule=True)
        wrong = store.record(answer(item, correct=False, elapsed=3.0, at=T0 + days(8)), mode="review", schedule=True)
    assert quick.review.rating == Rating.EASY and quick.card is not None
    assert quick.card.due == T0 + days(8)
    assert wrong.review.rating == Rating.AGAIN and wrong.card is not None
    assert wrong.card.state == RELEARNING
    assert wrong.card.due == T0 + days(8) + timedelta(minutes=10)


def test_a_skipped_question_counts_as_wrong() -> None:
    from azrs_quiz.session import Answer

    item = question("f:when")
    with ProgressStore.open() as store:
        recorded = store.record(Answer(item, None, 2.0, T0), mode="review", schedule=True)
    assert (recorded.review.correct, recorded.review.rating, recorded.review.choice) == (False, Rating.AGAIN, None)


def test_naive_times_are_refused() -> None:
    item = question("f:when")
    with ProgressStore.open() as store, pytest.raises(ValueError, match="timezone-aware"):
        store.record(answer(item, at=T0.replace(tzinfo=None)), mode="review", schedule=True)


def test_untimed_answers_are_rated_on_right_or_wrong_only() -> None:
    quick, wrong = question("a:when"), question("b:when")
    with ProgressStore.open() as store:
        right = store.record(answer(quick, elapsed=0.01), mode="review", schedule=True, timed=False)
        missed = store.record(answer(wrong, correct=False, elapsed=0.01), mode="review", schedule=True, timed=False)
    assert (right.review.rating, missed.review.rating) == (Rating.GOOD, Rating.AGAIN)
