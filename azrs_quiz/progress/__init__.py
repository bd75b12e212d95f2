"""Spaced repetition and a learner's progress, kept in SQLite and never silently lost.

::

    from azrs_quiz.progress import ProgressStore, answer_form, plan_review, compute_stats

    with ProgressStore.open() as store:            # or ProgressStore.open(data_dir)
        plan = plan_review(bank, store.cards(), now=now)
        for answer in answers:                      # azrs_quiz.session.Answer
            form = answer_form(store.card(answer.question.id))   # "choice" or "typed"
            recorded = store.record(answer, mode="review", schedule=True, form=form)
            if learner_pressed_g:                   # "I guessed": only ever lowers the grade
                recorded = store.mark_guessed(recorded.review)
        stats = compute_stats(bank, store, now=now)

The modules, one concern each: :mod:`.location` (where data lives), :mod:`.schema`
(versions and migrations), :mod:`.store` (SQLite), :mod:`.rating` (the rating rule
and the answer's form), :mod:`.answering` (one answer to its record and schedule),
:mod:`.scheduling` (FSRS), :mod:`.queue` (what a session asks),
:mod:`.stats`, :mod:`.transfer` (export, import, reset).
"""

from __future__ import annotations

from azrs_quiz.progress.errors import (
    CorruptProgress,
    NotAProgressFile,
    ProgressBusy,
    ProgressError,
    ProgressFileError,
    ProgressTooNew,
    ProgressUnreadable,
)
from azrs_quiz.progress.location import DATA_DIR_ENV, DATABASE_NAME, database_path, resolve_data_dir
from azrs_quiz.progress.queue import DEFAULT_NEW_PER_DAY, ReviewPlan, plan_review
from azrs_quiz.progress.rating import (
    HARD_OVER,
    POLICY,
    TYPED_FROM_STABILITY,
    AnswerFacts,
    RatingPolicy,
    answer_form,
    rate,
)
from azrs_quiz.progress.records import AnswerForm, AnswerLike, CardRecord, Mode, ReviewRecord
from azrs_quiz.progress.stats import Calibration, Stats, Tally, compute_stats
from azrs_quiz.progress.store import ProgressStore, Recorded
from azrs_quiz.progress.transfer import ImportResult, export_progress, import_progress, reset_progress

__all__ = [
    "DATABASE_NAME",
    "DATA_DIR_ENV",
    "DEFAULT_NEW_PER_DAY",
    "HARD_OVER",
    "POLICY",
    "TYPED_FROM_STABILITY",
    "AnswerFacts",
    "AnswerForm",
    "AnswerLike",
    "Calibration",
    "CardRecord",
    "CorruptProgress",
    "ImportResult",
    "Mode",
    "NotAProgressFile",
    "ProgressBusy",
    "ProgressError",
    "ProgressFileError",
    "ProgressStore",
    "ProgressTooNew",
    "ProgressUnreadable",
    "RatingPolicy",
    "Recorded",
    "ReviewPlan",
    "ReviewRecord",
    "Stats",
    "Tally",
    "answer_form",
    "compute_stats",
    "database_path",
    "export_progress",
    "import_progress",
    "plan_review",
    "rate",
    "reset_progress",
    "resolve_data_dir",
]
