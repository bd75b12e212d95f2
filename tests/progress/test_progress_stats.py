"""Stats against a known history, with a fixed clock and a fixed time zone."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from helpers.progress import answer, question

from azrs_quiz.progress import ProgressStore, compute_stats

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
    store.record(answer(a, elapsed=4.0, at=utc(8, 10)), mode="review", schedule=True)  # Good: learning
    store.record(answer(a, elapsed=4.0, at=utc(8, 11)), mode="review", schedule=True)  # Good: due in 2 days
    store.record(answer(b, correct=False, at=utc(9, 21)), mode="review", schedule=True)  # 01:00 on the 10th in Baku
    store.record(answer(c, elapsed=12.0, at=utc(7, 10)), mode="quiz", schedule=True)  # Good: learning
    store.record(answer(d, at=utc(9, 10)), mode="quiz", schedule=False)  # history only
    store.record(answer(question("gone:when"), at=utc(10, 6)), mode="review", schedule=True)  # a removed fact
    return store


def test_stats_of_a_known_history() -> None:
    with known_history() as store:
        stats = compute_stats(BANK, store.cards(), store.reviews(), now=utc(10, 8), tz=BAKU)
    assert stats.to_dict() == {
        "generated_at": "2026-03-10T08:00:00.000000+00:00",
        "reviews": 3,
        "quiz_answers": 2,
        "answers": 5,
        "correct": 4,
        "retention": 0.8,
        "seen": 4,
        "learned": 1,
        "total": 4,
        "streak_days": 4,
        "studied_today": True,
        "due_now": 2,
        "topics": {
            "dates": {"answers": 3, "correct": 2, "retention": 2 / 3, "seen": 2, "learned": 1, "total": 2},
            "people": {"answers": 1, "correct": 1, "retention": 1.0, "seen": 1, "learned": 0, "total": 1},
            "agreements": {"answers": 1, "correct": 1, "retention": 1.0, "seen": 1, "learned": 0, "total": 1},
        },
        "forecast": [
            {"date": (date(2026, 3, 10) + timedelta(days=n)).isoformat(), "due": {0: 3}.get(n, 0)} for n in range(14)
        ],
    }


def test_the_streak_counts_local_days() -> None:
    with known_history() as store:
        in_utc = compute_stats(BANK, store.cards(), store.reviews(), now=utc(10, 8), tz=timezone.utc)
    # In UTC nothing was answered on the 10th yet: the streak (7th to 9th) is alive but not extended.
    assert (in_utc.streak, in_utc.studied_today) == (3, False)


def test_a_missed_day_breaks_the_streak() -> None:
    with known_history() as store:
        stats = compute_stats(BANK, store.cards(), store.reviews(), now=utc(12, 8), tz=BAKU)
    assert (stats.streak, stats.studied_today) == (0, False)
    assert stats.forecast[0] == (date(2026, 3, 12), 3)


def test_no_history_yet() -> None:
    stats = compute_stats(BANK, {}, [], now=utc(10, 8), tz=BAKU)
    assert (stats.overall.answers, stats.overall.retention, stats.streak, stats.due_now) == (0, None, 0, 0)
    assert stats.overall.total == 4 and sum(due for _, due in stats.forecast) == 0
