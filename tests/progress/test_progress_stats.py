"""Stats against a known history, with a fixed clock and a fixed time zone."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest
from fsrs import State
from helpers.progress import answer, question

from azrs_quiz.progress import ProgressStore, ReviewRecord, compute_stats

BAKU = timezone(timedelta(hours=4))
BANK = [
    question("a:when", "dates"),
    question("b:where", "dates"),
    question("c:who", "people"),
    question("d:what", "agreements"),
]


def utc(day: int, hour: int) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=timezone.utc)


def known_history() -> ProgressStore:
    store = ProgressStore.open()
    a, b, c, d = BANK
    store.record(answer(a, elapsed=4.0, at=utc(8, 10)), mode="review", schedule=True)  # Good: due in 2 days
    store.record(answer(b, correct=False, at=utc(9, 21)), mode="review", schedule=True)  # 01:00 on the 10th in Baku
    store.record(answer(c, elapsed=12.0, at=utc(7, 10)), mode="quiz", schedule=True)  # Good: due in 2 days
    store.record(answer(d, at=utc(9, 10)), mode="quiz", schedule=False)  # history only
    store.record(answer(question("gone:when"), at=utc(10, 6)), mode="review", schedule=True)  # a removed fact
    return store


def test_stats_of_a_known_history() -> None:
    with known_history() as store:
        stats = compute_stats(BANK, store, now=utc(10, 8), tz=BAKU)
    assert stats.to_dict() == {
        "generated_at": "2026-03-10T08:00:00.000000+00:00",
        "reviews": 2,
        "quiz_answers": 2,
        "answers": 4,
        "correct": 3,
        "retention": 0.75,
        "seen": 4,
        "learned": 2,
        "total": 4,
        "streak_days": 4,
        "studied_today": True,
        "due_now": 2,
        "topics": {
            "dates": {"answers": 2, "correct": 1, "retention": 0.5, "seen": 2, "learned": 1, "total": 2},
            "people": {"answers": 1, "correct": 1, "retention": 1.0, "seen": 1, "learned": 1, "total": 1},
            "agreements": {"answers": 1, "correct": 1, "retention": 1.0, "seen": 1, "learned": 0, "total": 1},
        },
        "forecast": [
            {"date": (date(2026, 3, 10) + timedelta(days=n)).isoformat(), "due": {0: 3}.get(n, 0)} for n in range(14)
        ],
        "calibration": [
            {
                "band": band,
                "answers": 0,
                "correct": 0,
                "expected_rate": None,
                "observed_rate": None,
                "verdict": "too few",
            }
            for band in ("under a week", "1-3 weeks", "3 weeks or more")
        ],
    }


def test_the_streak_counts_local_days() -> None:
    with known_history() as store:
        in_utc = compute_stats(BANK, store, now=utc(10, 8), tz=timezone.utc)
    # In UTC nothing was answered on the 10th yet: the streak (7th to 9th) is alive but not extended.
    assert (in_utc.streak, in_utc.studied_today) == (3, False)


def test_a_missed_day_breaks_the_streak() -> None:
    with known_history() as store:
        stats = compute_stats(BANK, store, now=utc(12, 8), tz=BAKU)
    assert (stats.streak, stats.studied_today) == (0, False)
    assert stats.forecast[0] == (date(2026, 3, 12), 3)


def test_no_history_yet() -> None:
    with ProgressStore.open() as store:
        stats = compute_stats(BANK, store, now=utc(10, 8), tz=BAKU)
    assert (stats.overall.answers, stats.overall.retention, stats.streak, stats.due_now) == (0, None, 0, 0)
    assert stats.overall.total == 4 and sum(due for _, due in stats.forecast) == 0


def reviewed(
    question_id: str, day: int, *, correct: bool, recall: float, stability: float, form: str = "choice"
) -> ReviewRecord:
    """A review-state answer as the store saves it, with FSRS's prediction just before it."""
    return ReviewRecord(
        question_id=question_id,
        answered_at=utc(1, 9) + timedelta(days=day),
        correct=correct,
        choice=0 if correct else 1,
        elapsed=6.0,
        rating=3 if correct else 1,
        mode="review",
        scheduled=False,
        form=form,  # type: ignore[arg-type]
        options=4 if form == "choice" else None,
        state=State.Review,
        stability=stability,
        recall=recall,
    )


def test_calibration_sets_the_right_answers_expected_against_those_given_per_maturity_band() -> None:
    a, b, c, _ = BANK
    history = (
        # Young: picks among 4 at a predicted recall of 0.8 expect 0.8 + 0.2 / 4 = 85% right; all 100 were right.
        [reviewed(a.id, day, correct=True, recall=0.8, stability=3.0) for day in range(100)]
        # 1-3 weeks: typed at 0.9 expect 90%; 60 of 100 were right.
        + [reviewed(b.id, day, correct=day % 5 < 3, recall=0.9, stability=10.0, form="typed") for day in range(100)]
        # Mature: too few to tell.
        + [reviewed(c.id, day, correct=True, recall=0.9, stability=40.0) for day in range(5)]
        # An answer to a removed question, and one at a first sighting (no prediction), count nowhere.
        + [reviewed("gone:when", 0, correct=False, recall=0.9, stability=3.0)]
        + [
            replace(
                reviewed(c.id, 200, correct=False, recall=0.0, stability=0.0), state=None, recall=None, stability=None
            )
        ]
    )
    with ProgressStore.open() as store:
        store.merge_reviews(history)
        stats = compute_stats(BANK, store, now=utc(1, 9) + timedelta(days=300), tz=BAKU)
    young, middle, mature = stats.calibration
    assert (young.band, young.answers, young.correct, young.verdict) == ("under a week", 100, 100, "better")
    assert young.expected_rate == pytest.approx(0.85) and young.observed_rate == 1.0
    assert (middle.band, middle.answers, middle.correct, middle.verdict) == ("1-3 weeks", 100, 60, "worse")
    assert middle.expected_rate == pytest.approx(0.9)
    assert (mature.band, mature.answers, mature.verdict) == ("3 weeks or more", 5, "too few")


def test_doing_as_the_schedule_expects_is_said_so() -> None:
    a = BANK[0]
    history = [
        reviewed(a.id, day, correct=day % 10 != 0, recall=0.88, stability=12.0, form="typed") for day in range(50)
    ]
    with ProgressStore.open() as store:
        store.merge_reviews(history)
        (_, middle, _) = compute_stats(BANK, store, now=utc(1, 9) + timedelta(days=60), tz=BAKU).calibration
    assert (middle.answers, middle.correct, middle.verdict) == (50, 45, "as expected")


def test_a_long_streak_is_counted_whole_however_far_back_it_goes() -> None:
    item = BANK[0]
    with ProgressStore.open() as store:
        # 100 days in a row up to the 10th, after a gap; the look-back has to grow to reach its start.
        for day in range(100):
            store.record(answer(item, at=utc(10, 6) - timedelta(days=day)), mode="quiz", schedule=False)
        store.record(answer(item, at=utc(10, 6) - timedelta(days=150)), mode="quiz", schedule=False)
        stats = compute_stats(BANK, store, now=utc(10, 8), tz=BAKU)
    assert (stats.streak, stats.studied_today, stats.overall.answers) == (100, True, 101)


def test_totals_kept_as_answers_arrive_match_the_answers() -> None:
    with known_history() as store:
        stats = compute_stats(BANK, store, now=utc(10, 8), tz=BAKU)
        reviews = [review for review in store.reviews() if review.question_id in {q.id for q in BANK}]
    assert stats.overall.answers == len(reviews)
    assert stats.overall.correct == sum(review.correct for review in reviews)
    assert stats.reviews == sum(review.mode == "review" for review in reviews)


@pytest.mark.parametrize("seed", range(4))
def test_the_days_answered_are_the_same_whether_or_not_answers_outside_the_bank_are_looked_for(seed: int) -> None:
    import json
    import random

    from azrs_quiz.progress.stats import _days_answered

    draw = random.Random(seed)
    start = utc(10, 6)
    with ProgressStore.open() as store:
        for _ in range(200):
            moment = start - timedelta(days=draw.randrange(0, 90), minutes=draw.randrange(0, 24 * 60))
            store.record(answer(draw.choice(BANK), at=moment), mode="quiz", schedule=False)
        ids = json.dumps([item.id for item in BANK])
        for tz in (BAKU, timezone.utc, timezone(timedelta(hours=-10))):
            today = start.astimezone(tz).date()
            assert _days_answered(store, ids, today, tz, every_answer_in_bank=True) == _days_answered(
                store, ids, today, tz
            )
