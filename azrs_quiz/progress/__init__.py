"""Spaced repetition and a learner's progress, kept in SQLite and never silently lost.

::

    from azrs_quiz.progress import ProgressStore, plan_review, compute_stats

    with ProgressStore.open() as store:            # or ProgressStore.open(data_dir)
        plan = plan_review(bank, store.cards(), now=now)
        for answer in answers:                      # azrs_quiz.session.Answer
            store.record(answer, mode="review", schedule=True)
        stats = compute_stats(bank, store.cards(), store.reviews(), now=now)

The modules, one concern each: :mod:`.location` (where data lives), :mod:`.schema`
(versions and migrations), :mod:`.store` (SQLite), :mod:`.rating` (answer to FSRS
rating), :mod:`.scheduling` (FSRS), :mod:`.queue` (what a session asks),
:mod:`.stats`, :mod:`.transfer` (export, import, reset).
"""

from __future__ import annotations

from azrs_quiz.progress.errors import (
    CorruptProgress,
    ProgressError,
    ProgressFileError,
    ProgressTooNew,
    ProgressUnreadable,
)
from azrs_quiz.progress.location import DATA_DIR_ENV, DATABASE_NAME, database_path, resolve_data_dir
from azrs_quiz.progress.queue import DEFAULT_NEW_PER_DAY, ReviewPlan, plan_review
from azrs_quiz.progress.rating import EASY_UNDER, HARD_OVER, Rating, rate_answer
from azrs_quiz.progress.records import AnswerLike, CardRecord, Mode, ReviewRecord
from azrs_quiz.progress.stats import Stats, Tally, compute_stats
from azrs_quiz.progress.store import ProgressStore, Recorded
from azrs_quiz.progress.transfer import ImportResult, export_progress, import_progress, reset_progress

__all__ = [
    "DATABASE_NAME",
    "DATA_DIR_ENV",
    "DEFAULT_NEW_PER_DAY",
    "EASY_UNDER",
    "HARD_OVER",
    "AnswerLike",
    "CardRecord",
    "CorruptProgress",
    "ImportResult",
    "Mode",
    "ProgressError",
    "ProgressFileError",
    "ProgressStore",
    "ProgressTooNew",
    "ProgressUnreadable",
    "Rating",
    "Recorded",
    "ReviewPlan",
    "ReviewRecord",
    "Stats",
    "Tally",
    "compute_stats",
    "database_path",
    "export_progress",
    "import_progress",
    "plan_review",
    "rate_answer",
    "reset_progress",
    "resolve_data_dir",
]
