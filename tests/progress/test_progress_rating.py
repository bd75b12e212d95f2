"""The rating rule and the answer's form: the answer decides the grade, the "g" key can only lower it."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from fsrs import Rating, State
from helpers.progress import T0, answer, days, question

from azrs_quiz.progress import (
    HARD_OVER,
    POLICY,
    TYPED_FROM_STABILITY,
    AnswerFacts,
    CardRecord,
    ProgressStore,
    answer_form,
    rate,
)
from azrs_quiz.progress.rating import TIMED_EASY

SEEN = State.Review


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (AnswerFacts(correct=False, elapsed=2.0, state=SEEN), Rating.Again),
        (AnswerFacts(correct=False, elapsed=None), Rating.Again),
        (AnswerFacts(correct=True, elapsed=2.0, state=SEEN), Rating.Good),
        (AnswerFacts(correct=True, elapsed=HARD_OVER, state=SEEN), Rating.Good),
        (AnswerFacts(correct=True, elapsed=HARD_OVER + 0.01, state=SEEN), Rating.Hard),
        (AnswerFacts(correct=True, elapsed=None, state=SEEN), Rating.Good),
        (AnswerFacts(correct=True, elapsed=1.0, form="typed", state=SEEN), Rating.Good),
        (AnswerFacts(correct=True, elapsed=60.0, form="typed", state=SEEN), Rating.Hard),
        (AnswerFacts(correct=True, elapsed=5.0, options=2, state=SEEN), Rating.Hard),
        (AnswerFacts(correct=True, elapsed=5.0, options=3, state=SEEN), Rating.Good),
        (AnswerFacts(correct=True, elapsed=5.0, options=2, form="typed", state=SEEN), Rating.Good),
        (AnswerFacts(correct=True, elapsed=5.0, state=State.Learning), Rating.Good),
        # Hard would repeat a same-day step: slow or between two options, a new question would never leave it.
        (AnswerFacts(correct=True, elapsed=60.0, state=None), Rating.Good),
        (AnswerFacts(correct=True, elapsed=60.0, state=State.Learning), Rating.Good),
        (AnswerFacts(correct=True, elapsed=5.0, options=2, state=None), Rating.Good),
        (AnswerFacts(correct=True, elapsed=5.0, options=2, state=State.Relearning), Rating.Good),
        (AnswerFacts(correct=True, elapsed=5.0, state=State.Relearning), Rating.Good),
    ],
)
def test_the_answer_decides_the_grade(facts: AnswerFacts, expected: Rating) -> None:
    assert rate(facts) is expected


def test_a_right_answer_is_never_easy() -> None:
    for form in ("choice", "typed"):
        for elapsed in (0.1, 1.0, 5.0, 20.0, None):
            for state in (None, *State):
                assert rate(AnswerFacts(correct=True, elapsed=elapsed, form=form, state=state)) is not Rating.Easy


def test_a_quick_lucky_first_pick_is_good_not_easy() -> None:
    first = AnswerFacts(correct=True, elapsed=1.5, state=None)
    assert rate(first) is Rating.Good
    # The rule used before sent it straight to 8 days.
    assert rate(first, TIMED_EASY) is Rating.Easy
    with ProgressStore.open() as store:
        recorded = store.record(answer(question("f:when"), elapsed=1.5), mode="review", schedule=True)
    assert recorded.card is not None and recorded.card.due == T0 + days(2)
    assert (recorded.review.state, recorded.review.recall, recorded.review.options) == (None, None, 4)


def test_a_first_sighting_missed_is_asked_again_ten_minutes_later() -> None:
    with ProgressStore.open() as store:
        recorded = store.record(answer(question("f:when"), correct=False), mode="review", schedule=True)
    assert recorded.card is not None and recorded.card.state == State.Learning
    assert recorded.card.due == T0 + timedelta(minutes=10)


def test_the_guess_key_only_ever_lowers_the_grade() -> None:
    for facts in (
        AnswerFacts(correct=True, elapsed=3.0, state=SEEN),
        AnswerFacts(correct=True, elapsed=40.0, form="typed", state=SEEN),
        AnswerFacts(correct=True, elapsed=None),
        AnswerFacts(correct=False, elapsed=3.0, state=SEEN),
    ):
        assert rate(replace(facts, guessed=True)) is Rating.Again
        assert rate(replace(facts, guessed=True)) <= rate(facts)


def test_pressing_g_after_a_right_answer_reschedules_it_as_again() -> None:
    item = question("f:when")
    with ProgressStore.open() as store:
        store.record(answer(item, at=T0), mode="review", schedule=True)
        right = store.record(answer(item, at=T0 + days(2)), mode="review", schedule=True)
        assert right.card is not None and right.card.due - (T0 + days(2)) > days(5)
        guessed = store.mark_guessed(right.review)
        assert guessed.review.guessed and guessed.review.rating == Rating.Again
        assert guessed.card is not None and guessed.card.state == State.Relearning
        assert guessed.card.due == T0 + days(2) + timedelta(minutes=10) == guessed.review.due
        saved = store.reviews()[-1]
        assert store.card(item.id) == guessed.card
    assert (saved.guessed, saved.rating, saved.due) == (True, Rating.Again, guessed.card.due)


def test_the_guess_key_can_be_given_with_the_answer_and_leaves_a_wrong_answer_alone() -> None:
    item, other = question("a:when"), question("b:when")
    with ProgressStore.open() as store:
        given = store.record(answer(item), mode="review", schedule=True, guessed=True)
        wrong = store.record(answer(other, correct=False), mode="review", schedule=True)
        again = store.mark_guessed(wrong.review)
    assert (given.review.guessed, given.review.rating) == (True, Rating.Again)
    assert again.review == wrong.review and again.card == wrong.card


def test_typed_answers_are_saved_with_their_form_and_no_option_count() -> None:
    with ProgressStore.open() as store:
        recorded = store.record(answer(question("f:when"), elapsed=3.0), mode="review", schedule=True, form="typed")
        (saved,) = store.reviews()
    assert (saved.form, saved.options, saved.rating) == ("typed", None, Rating.Good)
    assert saved == recorded.review


def card(state: State, stability: float) -> CardRecord:
    return CardRecord("f:when", state, None, stability, 5.0, T0, T0 - days(1), T0 - days(9))


def test_questions_are_asked_as_choices_until_fsrs_trusts_the_memory_then_typed() -> None:
    assert answer_form(None) == "choice"
    assert answer_form(card(State.Learning, 2.3)) == "choice"
    assert answer_form(card(State.Review, TYPED_FROM_STABILITY - 0.1)) == "choice"
    assert answer_form(card(State.Review, TYPED_FROM_STABILITY)) == "typed"
    # After a lapse, choices come back until the memory is rebuilt.
    assert answer_form(card(State.Relearning, 30.0)) == "choice"


def test_forcing_the_form_overrides_the_rule() -> None:
    assert answer_form(None, force="typed") == "typed"
    assert answer_form(card(State.Review, 100.0), force="choice") == "choice"


def test_answered_right_on_a_later_day_is_what_brings_typed_recall() -> None:
    item = question("f:when")
    with ProgressStore.open() as store:
        store.record(answer(item, at=T0), mode="review", schedule=True)
        assert answer_form(store.card(item.id)) == "choice"
        store.record(answer(item, at=T0 + days(2)), mode="review", schedule=True)
        assert answer_form(store.card(item.id)) == "typed"


def test_the_default_policy_is_the_documented_one() -> None:
    assert (POLICY.easy_under, POLICY.hard_over, POLICY.first_sighting, POLICY.typed_from) == (
        None,
        HARD_OVER,
        Rating.Good,
        TYPED_FROM_STABILITY,
    )


def test_a_two_option_question_answered_right_leaves_the_steps() -> None:
    two = replace(question("f:when"), options=("one", "two"))
    with ProgressStore.open() as store:
        first = store.record(answer(two, elapsed=40.0), mode="review", schedule=True)
        later = store.record(answer(two, at=T0 + days(2)), mode="review", schedule=True)
    assert first.card is not None and first.card.state == State.Review and first.review.rating == Rating.Good
    assert later.review.rating == Rating.Hard
