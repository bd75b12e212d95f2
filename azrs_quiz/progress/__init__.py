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

Names are imported from their modules on first use: a quiz opens the store without
importing fsrs, the stats or the transfer code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from azrs_quiz.reexports import lazy_attributes

if TYPE_CHECKING:  # "X as X": explicit re-exports for type checkers (the imports below are lazy)
    from azrs_quiz.progress.errors import CorruptProgress as CorruptProgress
    from azrs_quiz.progress.errors import NotAProgressFile as NotAProgressFile
    from azrs_quiz.progress.errors import ProgressBusy as ProgressBusy
    from azrs_quiz.progress.errors import ProgressError as ProgressError
    from azrs_quiz.progress.errors import ProgressFileError as ProgressFileError
    from azrs_quiz.progress.errors import ProgressTooNew as ProgressTooNew
    from azrs_quiz.progress.errors import ProgressUnreadable as ProgressUnreadable
    from azrs_quiz.progress.location import DATA_DIR_ENV as DATA_DIR_ENV
    from azrs_quiz.progress.location import DATABASE_NAME as DATABASE_NAME
    from azrs_quiz.progress.location import database_path as database_path
    from azrs_quiz.progress.location import resolve_data_dir as resolve_data_dir
    from azrs_quiz.progress.queue import DEFAULT_NEW_PER_DAY as DEFAULT_NEW_PER_DAY
    from azrs_quiz.progress.queue import ReviewPlan as ReviewPlan
    from azrs_quiz.progress.queue import plan_review as plan_review
    from azrs_quiz.progress.rating import HARD_OVER as HARD_OVER
    from azrs_quiz.progress.rating import POLICY as POLICY
    from azrs_quiz.progress.rating import TYPED_FROM_STABILITY as TYPED_FROM_STABILITY
    from azrs_quiz.progress.rating import AnswerFacts as AnswerFacts
    from azrs_quiz.progress.rating import RatingPolicy as RatingPolicy
    from azrs_quiz.progress.rating import answer_form as answer_form
    from azrs_quiz.progress.rating import rate as rate
    from azrs_quiz.progress.records import AnswerForm as AnswerForm
    from azrs_quiz.progress.records import AnswerLike as AnswerLike
    from azrs_quiz.progress.records import CardRecord as CardRecord
    from azrs_quiz.progress.records import Mode as Mode
    from azrs_quiz.progress.records import ReviewRecord as ReviewRecord
    from azrs_quiz.progress.stats import Calibration as Calibration
    from azrs_quiz.progress.stats import Stats as Stats
    from azrs_quiz.progress.stats import Tally as Tally
    from azrs_quiz.progress.stats import compute_stats as compute_stats
    from azrs_quiz.progress.store import ProgressStore as ProgressStore
    from azrs_quiz.progress.store import Recorded as Recorded
    from azrs_quiz.progress.transfer import ImportResult as ImportResult
    from azrs_quiz.progress.transfer import export_progress as export_progress
    from azrs_quiz.progress.transfer import import_progress as import_progress
    from azrs_quiz.progress.transfer import reset_progress as reset_progress

_EXPORTS: dict[str, str] = {
    "CorruptProgress": "azrs_quiz.progress.errors",
    "NotAProgressFile": "azrs_quiz.progress.errors",
    "ProgressBusy": "azrs_quiz.progress.errors",
    "ProgressError": "azrs_quiz.progress.errors",
    "ProgressFileError": "azrs_quiz.progress.errors",
    "ProgressTooNew": "azrs_quiz.progress.errors",
    "ProgressUnreadable": "azrs_quiz.progress.errors",
    "DATA_DIR_ENV": "azrs_quiz.progress.location",
    "DATABASE_NAME": "azrs_quiz.progress.location",
    "database_path": "azrs_quiz.progress.location",
    "resolve_data_dir": "azrs_quiz.progress.location",
    "DEFAULT_NEW_PER_DAY": "azrs_quiz.progress.queue",
    "ReviewPlan": "azrs_quiz.progress.queue",
    "plan_review": "azrs_quiz.progress.queue",
    "HARD_OVER": "azrs_quiz.progress.rating",
    "POLICY": "azrs_quiz.progress.rating",
    "TYPED_FROM_STABILITY": "azrs_quiz.progress.rating",
    "AnswerFacts": "azrs_quiz.progress.rating",
    "RatingPolicy": "azrs_quiz.progress.rating",
    "answer_form": "azrs_quiz.progress.rating",
    "rate": "azrs_quiz.progress.rating",
    "AnswerForm": "azrs_quiz.progress.records",
    "AnswerLike": "azrs_quiz.progress.records",
    "CardRecord": "azrs_quiz.progress.records",
    "Mode": "azrs_quiz.progress.records",
    "ReviewRecord": "azrs_quiz.progress.records",
    "Calibration": "azrs_quiz.progress.stats",
    "Stats": "azrs_quiz.progress.stats",
    "Tally": "azrs_quiz.progress.stats",
    "compute_stats": "azrs_quiz.progress.stats",
    "ProgressStore": "azrs_quiz.progress.store",
    "Recorded": "azrs_quiz.progress.store",
    "ImportResult": "azrs_quiz.progress.transfer",
    "export_progress": "azrs_quiz.progress.transfer",
    "import_progress": "azrs_quiz.progress.transfer",
    "reset_progress": "azrs_quiz.progress.transfer",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_attributes(__name__, _EXPORTS, globals())
