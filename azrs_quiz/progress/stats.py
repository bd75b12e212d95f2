"""Numbers about a learner's progress: answers, retention, streak, learned questions, forecast, calibration.

The answers are added up by the store as they arrive (running totals per question
and maturity band, kept by an SQLite trigger), so 20,000 answers cost what a few
do; the streak looks back only as far as it reaches. Everything is computed over
the current question bank: answers to questions that no longer
exist are left out, and a question's topic is the one it has today.

**Calibration** compares what the schedule expects with what happened. For each
answer to a question in FSRS's review state, the store saved FSRS's predicted
recall ``R`` just before it; the schedule then expects a right answer with
probability ``R`` for typed recall and ``R + (1 - R) / k`` for a pick among ``k``
options (a forgotten answer is still a lucky guess one time in ``k``). Summed per
maturity band and set against the right answers actually given, it says whether
the learner is doing better or worse than the schedule assumes.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any, Literal, Protocol

from azrs_quiz.arguments import aware_datetime
from azrs_quiz.progress.days import local_day
from azrs_quiz.progress.records import CARD_STATES, format_time, parse_time, to_utc
from azrs_quiz.progress.store import ProgressStore

#: fsrs's State.Learning, by value: stats need no fsrs to tell a card past its first steps.
LEARNING = CARD_STATES[0]

#: How many days (today included) the forecast covers.
FORECAST_DAYS = 14
#: Maturity bands of a question, by FSRS's stability (days) just before the answer: (name, from, below).
#: The store adds answers up per band as they arrive (schema migration 4 holds these limits).
BANDS: tuple[tuple[str, float, float], ...] = (
    ("under a week", 0.0, 7.0),
    ("1-3 weeks", 7.0, 21.0),
    ("3 weeks or more", 21.0, math.inf),
)
#: Fewer answers than this in a band are too few to tell better from worse.
CALIBRATION_MIN_ANSWERS = 20
#: A gap this small (or within two standard errors) counts as "as expected".
CALIBRATION_TOLERANCE = 0.03

Verdict = Literal["as expected", "better", "worse", "too few"]


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
class Calibration:
    """One maturity band: the right answers the schedule expected against those given.

    ``expected`` is the sum, over the band's answers, of the chance of a right
    answer the schedule assumed (predicted recall plus the chance of a guess).
    """

    band: str
    answers: int
    correct: int
    expected: float

    @property
    def expected_rate(self) -> float | None:
        """The share of right answers the schedule expected (None without answers)."""
        return self.expected / self.answers if self.answers else None

    @property
    def observed_rate(self) -> float | None:
        """The share of right answers given (None without answers)."""
        return self.correct / self.answers if self.answers else None

    @property
    def verdict(self) -> Verdict:
        """Whether the learner does better or worse than assumed, once there are enough answers to tell."""
        if self.answers < CALIBRATION_MIN_ANSWERS:
            return "too few"
        expected = self.expected / self.answers
        gap = self.correct / self.answers - expected
        noise = 2 * math.sqrt(max(expected * (1 - expected), 0.0) / self.answers)
        if abs(gap) <= max(CALIBRATION_TOLERANCE, noise):
            return "as expected"
        return "better" if gap > 0 else "worse"

    def to_dict(self) -> dict[str, Any]:
        """The band as plain JSON values."""
        return {
            "band": self.band,
            "answers": self.answers,
            "correct": self.correct,
            "expected_rate": self.expected_rate,
            "observed_rate": self.observed_rate,
            "verdict": self.verdict,
        }


@dataclass(frozen=True)
class Stats:
    """A snapshot of progress at ``now``.

    ``reviews`` counts answers given in ``review`` sessions, ``quiz_answers`` those
    given in quizzes; retention counts both. ``streak`` is the number of local days
    in a row, ending today (or yesterday, if nothing was answered yet today), with at
    least one answer. ``forecast`` pairs each of the next days with the number of
    questions due on it (overdue ones count for today). ``calibration`` has one entry
    per maturity band (see the module's notes).
    """

    now: datetime
    reviews: int
    quiz_answers: int
    overall: Tally
    topics: dict[str, Tally]
    streak: int
    studied_today: bool
    due_now: int
    forecast: tuple[tuple[date, int], ...]
    calibration: tuple[Calibration, ...] = ()

    @property
    def fit(self) -> Calibration:
        """The calibration of all bands together: does the schedule fit this learner overall?"""
        return Calibration(
            "all",
            sum(band.answers for band in self.calibration),
            sum(band.correct for band in self.calibration),
            sum(band.expected for band in self.calibration),
        )

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
            "calibration": [band.to_dict() for band in self.calibration],
        }


# Moments are stored as ISO text in UTC; every time zone's offset is a multiple of 15
# minutes, so all the moments of one UTC quarter-hour fall on the same local day. The
# forecast's horizon is a day beyond its last local day, whatever the zone.
_QUARTER = "substr({0}, 1, 14) || printf('%02d', CAST(substr({0}, 15, 2) AS INTEGER) / 15 * 15)"
_IN_BANK = "question_id IN (SELECT value FROM json_each(?))"


def compute_stats(
    bank: Sequence[TopicalQuestion],
    store: ProgressStore,
    *,
    now: datetime,
    tz: tzinfo | None = None,
    forecast_days: int = FORECAST_DAYS,
) -> Stats:
    """Stats for the questions in ``bank`` from ``store``'s cards and answers, as at ``now``."""
    now = to_utc(aware_datetime(now, "now"))
    topic_of = {question.id: question.topic for question in bank}
    ids = json.dumps(list(topic_of))

    # Running totals per question and band, kept by a trigger (schema migration 4).
    answered = store.rows("SELECT question_id, band, answers, correct, reviews, expected FROM answer_tallies")
    cards = store.rows(f"SELECT question_id, state FROM cards WHERE {_IN_BANK}", (ids,))
    topics = {
        topic: [0, 0, 0, 0, 0] for topic in dict.fromkeys(topic_of.values())
    }  # answers, right, seen, learned, total
    for topic in topic_of.values():
        topics[topic][4] += 1
    seen: set[str] = set()
    reviews = 0
    bands = [[0, 0, 0.0] for _ in BANDS]  # answers, right, right expected
    for question_id, band, count, correct, in_reviews, expected in answered:
        if question_id in topic_of:
            tally = topics[topic_of[question_id]]
            tally[0] += count
            tally[1] += correct
            reviews += in_reviews
            seen.add(question_id)
            if 0 <= band < len(bands):
                bands[band][0] += count
                bands[band][1] += correct
                bands[band][2] += expected
    for question_id, state in cards:
        seen.add(question_id)
        topics[topic_of[question_id]][3] += state != LEARNING  # past the first learning steps
    for question_id in seen:
        topics[topic_of[question_id]][2] += 1
    tallies = {topic: Tally(*numbers) for topic, numbers in topics.items()}
    overall = Tally(*(sum(numbers[index] for numbers in topics.values()) for index in range(5)))

    today = local_day(now, tz)
    # The running totals hold every question ever answered.
    every_answer_in_bank = all(row[0] in topic_of for row in answered)
    days = _days_answered(store, ids, today, tz, every_answer_in_bank=every_answer_in_bank)
    streak_end = today if today in days else today - timedelta(days=1)
    streak = 0
    while streak_end - timedelta(days=streak) in days:
        streak += 1

    # Only cards due before the forecast's end matter; overdue ones count for today.
    horizon = datetime.combine(today + timedelta(days=forecast_days + 1), time(), tzinfo=timezone.utc)
    counts = [0] * forecast_days
    for quarter, due in store.rows(
        f"SELECT {_QUARTER.format('due')}, count(*) FROM cards WHERE due < ? AND {_IN_BANK} GROUP BY 1",
        (format_time(horizon), ids),
    ):
        offset = (local_day(_quarter_start(quarter), tz) - today).days
        if offset < forecast_days:
            counts[max(0, offset)] += due
    (due_now,) = store.rows(f"SELECT count(*) FROM cards WHERE due <= ? AND {_IN_BANK}", (format_time(now), ids))[0]
    return Stats(
        now=now,
        reviews=reviews,
        quiz_answers=overall.answers - reviews,
        overall=overall,
        topics=tallies,
        streak=streak,
        studied_today=today in days,
        due_now=int(due_now),
        forecast=tuple((today + timedelta(days=offset), count) for offset, count in enumerate(counts)),
        calibration=tuple(
            Calibration(name, int(answers), int(right), float(expected))
            for (name, _, _), (answers, right, expected) in zip(BANDS, bands, strict=True)
        ),
    )


def _days_answered(
    store: ProgressStore, ids: str, today: date, tz: tzinfo | None, *, every_answer_in_bank: bool = False
) -> set[date]:
    """The local days with an answer, as far back as the streak ending today or yesterday can reach.

    The look-back starts at a week and grows fourfold until the streak ends inside it (or
    there is nothing older), so the cost follows the streak, not the length of the history.
    A UTC date spans at most two local dates, those of its first and last moments, so one
    row per UTC date is enough. ``every_answer_in_bank`` says that no answer in the store is
    to a question outside the bank (as the running totals show), so none needs leaving out.
    """
    oldest = store.rows("SELECT min(answered_at) FROM reviews")[0][0]
    if oldest is None:
        return set()
    window = 7
    while True:
        since = datetime.combine(today - timedelta(days=window), time(), tzinfo=timezone.utc)
        days = {
            local_day(parse_time(moment), tz)
            for first, last in _first_and_last_per_utc_date(store, format_time(since), ids, every_answer_in_bank)
            for moment in (first, last)
        }
        end = today if today in days else today - timedelta(days=1)
        start = end
        while start - timedelta(days=1) in days:
            start -= timedelta(days=1)
        # Done when the day before the run is a whole local day inside the look-back (the run
        # really ends there), or when nothing is older than the look-back.
        if end not in days or start - timedelta(days=1) > since.date() or since <= parse_time(oldest):
            return days
        window *= 4


def _first_and_last_per_utc_date(
    store: ProgressStore, since: str, ids: str, every_answer_in_bank: bool
) -> list[tuple[str, str]]:
    """The first and last answer (to a question in the bank) of each UTC date from ``since`` on."""
    if not every_answer_in_bank:
        return store.rows(
            "SELECT min(answered_at), max(answered_at) FROM reviews INDEXED BY reviews_answered_at "
            f"WHERE answered_at >= ? AND +{_IN_BANK} GROUP BY substr(answered_at, 1, 10)",
            (since, ids),
        )
    # Two index look-ups per date with answers, instead of grouping every answer since ``since``
    # (the whole history, for a streak as long as it): 30 ms at 20,000 answers, 1 ms this way.
    dates: list[tuple[str, str]] = []
    start = since
    while True:
        (first,) = store.rows("SELECT min(answered_at) FROM reviews WHERE answered_at >= ?", (start,))[0]
        if first is None:
            return dates
        try:
            start = (date.fromisoformat(first[:10]) + timedelta(days=1)).isoformat()
        except OverflowError:  # the last date there is
            start = "9999-12-31U"  # after every time of that date
        (last,) = store.rows("SELECT max(answered_at) FROM reviews WHERE answered_at < ?", (start,))[0]
        dates.append((first, last))


def _quarter_start(text: str) -> datetime:
    """The UTC moment a quarter-hour key ('2026-03-02T09:15') starts at."""
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)
