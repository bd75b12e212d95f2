"""What a review session asks: due first, new ones at a daily limit, capped, siblings apart."""

from __future__ import annotations

from datetime import timedelta, timezone

from fsrs import State
from helpers.progress import T0, days, question

from azrs_quiz.progress import CardRecord, plan_review

BANK = [question(qid) for qid in ("f1:when", "f2:when", "f3:when", "f4:what", "f5:when", "f5:where", "f6:when")]


def card(question_id: str, due_in: timedelta, introduced: timedelta = -days(30)) -> CardRecord:
    return CardRecord(question_id, State.Review, None, 5.0, 5.0, T0 + due_in, T0 - days(3), T0 + introduced)


CARDS = {
    "f1:when": card("f1:when", -days(2)),
    "f2:when": card("f2:when", -timedelta(hours=1)),
    "f3:when": card("f3:when", days(3)),
    "removed:when": card("removed:when", -days(9)),
}


def ids(plan: object) -> list[str]:
    return [q.id for q in plan.questions]  # type: ignore[attr-defined]


def test_due_questions_come_first_most_overdue_first_then_new_ones() -> None:
    plan = plan_review(BANK, CARDS, now=T0, tz=timezone.utc)
    # f5:where is left for another day: its sibling f5:when would give it away.
    assert ids(plan) == ["f1:when", "f2:when", "f4:what", "f5:when", "f6:when"]
    assert (plan.due, plan.new, plan.unseen, plan.new_left_today) == (2, 3, 4, 10)
    assert plan.next_due == T0 + days(3)


def test_new_questions_enter_at_the_daily_limit() -> None:
    plan = plan_review(BANK, CARDS, now=T0, new_per_day=1, tz=timezone.utc)
    assert ids(plan) == ["f1:when", "f2:when", "f4:what"]


def test_questions_introduced_earlier_today_use_up_the_allowance() -> None:
    cards = {**CARDS, "f3:when": card("f3:when", days(3), introduced=-timedelta(hours=2))}
    assert plan_review(BANK, cards, now=T0, new_per_day=1, tz=timezone.utc).new == 0
    # In Baku (UTC+4) it was already 11:00 two hours ago too: still today.
    baku = timezone(timedelta(hours=4))
    assert plan_review(BANK, cards, now=T0, new_per_day=1, tz=baku).new == 0
    # In UTC-8 it was seen at 23:00 yesterday and it is 01:00 now: a new day, a new allowance.
    pacific = timezone(timedelta(hours=-8))
    assert plan_review(BANK, cards, now=T0, new_per_day=1, tz=pacific).new == 1


def test_max_caps_the_session_due_ones_first() -> None:
    assert ids(plan_review(BANK, CARDS, now=T0, max_questions=1, tz=timezone.utc)) == ["f1:when"]
    assert ids(plan_review(BANK, CARDS, now=T0, max_questions=3, tz=timezone.utc)) == ["f1:when", "f2:when", "f4:what"]


def test_nothing_due_and_no_new_allowance_says_when_the_next_review_is() -> None:
    plan = plan_review(BANK[:3], CARDS, now=T0 - days(3), new_per_day=0, tz=timezone.utc)
    assert plan.questions == ()
    assert plan.next_due == T0 - days(2)


def test_cards_of_removed_questions_are_ignored_and_new_questions_arrive_as_new() -> None:
    plan = plan_review([question("f1:when"), question("brand-new:when")], CARDS, now=T0, tz=timezone.utc)
    assert ids(plan) == ["f1:when", "brand-new:when"]
    assert (plan.due, plan.new) == (1, 1)


def test_new_questions_take_topics_in_turn() -> None:
    bank = [question("d1:when"), question("d2:when"), question("d3:when"), question("p1:who", topic="people")]
    plan = plan_review(bank, {}, now=T0, new_per_day=3, tz=timezone.utc)
    assert ids(plan) == ["d1:when", "p1:who", "d2:when"]


def test_a_fact_asked_about_today_gets_no_new_question_until_tomorrow() -> None:
    answered = {
        "f5:when": CardRecord(
            "f5:when", State.Review, None, 5.0, 5.0, T0 + days(3), T0 - timedelta(hours=1), T0 - days(9)
        )
    }
    assert "f5:where" not in ids(plan_review(BANK, answered, now=T0, tz=timezone.utc))
    assert "f5:where" in ids(plan_review(BANK, answered, now=T0 + days(1), tz=timezone.utc))
