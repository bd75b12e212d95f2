"""Ratings from answers and FSRS due dates, with a fixed clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fsrs import Rating, State
from helpers.progress import T0, answer, days, question

from azrs_quiz.progress import ProgressStore
from azrs_quiz.progress.scheduling import replay, schedule


@pytest.mark.parametrize(
    ("rating", "state", "wait"),
    [
        (Rating.Again, State.Learning, timedelta(minutes=10)),
        (Rating.Hard, State.Learning, timedelta(minutes=15)),
        (Rating.Good, State.Review, days(2)),
        (Rating.Easy, State.Review, days(8)),
    ],
)
def test_a_new_question_is_due_after_one_ten_minute_step_or_in_days(
    rating: Rating, state: int, wait: timedelta
) -> None:
    card = schedule("f:when", None, rating, T0, 5.0)
    assert (card.state, card.due, card.last_review, card.introduced_at) == (state, T0 + wait, T0, T0)


def test_intervals_grow_with_right_answers_and_shrink_after_a_wrong_one() -> None:
    first = schedule("f:when", None, Rating.Good, T0, 12.0)
    second = schedule("f:when", first, Rating.Good, first.due, 12.0)
    third = schedule("f:when", second, Rating.Good, second.due, 12.0)
    lapse = schedule("f:when", third, Rating.Again, third.due, 12.0)
    assert first.state == second.state == State.Review and first.due - T0 == days(2)
    assert (second.due - first.due, third.due - second.due) == (days(11), days(46))
    assert lapse.state == State.Relearning and lapse.due - third.due == timedelta(minutes=10)
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
        first = store.record(answer(item, elapsed=3.0, at=T0), mode="review", schedule=True)
        later = store.record(answer(item, elapsed=3.0, at=T0 + days(2)), mode="review", schedule=True)
        wrong = store.record(answer(item, correct=False, elapsed=3.0, at=T0 + days(20)), mode="review", schedule=True)
    # A quick right answer is Good, never Easy: 2 days, not 8.
    assert first.review.rating == Rating.Good and first.card is not None
    assert (first.card.state, first.card.due) == (State.Review, T0 + days(2))
    assert later.review.rating == Rating.Good and later.card is not None
    assert later.card.due == T0 + days(2) + days(11)
    assert wrong.review.rating == Rating.Again and wrong.card is not None
    assert wrong.card.state == State.Relearning
    assert wrong.card.due == T0 + days(20) + timedelta(minutes=10)


def test_a_skipped_question_counts_as_wrong() -> None:
    from azrs_quiz.session import Answer

    item = question("f:when")
    with ProgressStore.open() as store:
        recorded = store.record(Answer(item, None, 2.0, T0), mode="review", schedule=True)
    assert (recorded.review.correct, recorded.review.rating, recorded.review.choice) == (False, Rating.Again, None)


def test_naive_times_are_refused() -> None:
    item = question("f:when")
    with ProgressStore.open() as store, pytest.raises(ValueError, match="timezone-aware"):
        store.record(answer(item, at=T0.replace(tzinfo=None)), mode="review", schedule=True)


def test_untimed_answers_are_rated_on_right_or_wrong_only() -> None:
    quick, wrong = question("a:when"), question("b:when")
    with ProgressStore.open() as store:
        right = store.record(answer(quick, elapsed=0.01), mode="review", schedule=True, timed=False)
        missed = store.record(answer(wrong, correct=False, elapsed=0.01), mode="review", schedule=True, timed=False)
    assert (right.review.rating, missed.review.rating) == (Rating.Good, Rating.Again)
