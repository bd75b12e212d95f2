"""Moving progress between machines (a versioned JSON file) and starting afresh.

The file holds every answer; schedules are rebuilt from the answers on import,
so importing into a store that already has progress merges the two histories, and
importing the same file twice adds nothing the second time.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from azrs_quiz.clock import Clock, utc_now
from azrs_quiz.progress.errors import NotAProgressFile, ProgressFileError
from azrs_quiz.progress.location import database_path
from azrs_quiz.progress.records import FORMS, MODES, REQUIRED_REVIEW_FIELDS, ReviewRecord, format_time, parse_time
from azrs_quiz.progress.store import ProgressStore, aside_path, wal_path
from azrs_quiz.text import one_line

#: The ``format`` field every progress file carries.
FILE_FORMAT = "azrs-quiz-progress"
#: The file version this azrs-quiz writes (and the newest it reads).
FILE_VERSION = 1


@dataclass(frozen=True)
class ImportResult:
    """How an import went: answers added, answers that were already here."""

    added: int
    already_present: int


def export_progress(store: ProgressStore, *, now: datetime) -> str:
    """Every answer in ``store`` as a progress file (JSON text, ending in a newline)."""
    document = {
        "format": FILE_FORMAT,
        "version": FILE_VERSION,
        "exported_at": format_time(now),
        "answers": [_review_to_json(review) for review in store.reviews()],
    }
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def import_progress(store: ProgressStore, text: str, *, source: str = "the file") -> ImportResult:
    """Merge a progress file into ``store`` in one transaction; nothing is written if the file is bad."""
    reviews = parse_progress(text, source=source)
    added, present = store.merge_reviews(reviews)
    return ImportResult(added, present)


def parse_progress(text: str, *, source: str = "the file") -> list[ReviewRecord]:
    """The answers in a progress file; :class:`ProgressFileError` naming the first problem otherwise."""
    try:
        document = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise ProgressFileError(
            f"{source} is not a progress file: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from error
    except RecursionError as error:
        raise ProgressFileError(f"{source} is not a progress file: its JSON is nested too deeply") from error
    except ValueError as error:  # a number too long for Python to read, or NaN
        raise ProgressFileError(f"{source} is not a progress file: {error}") from error
    if not isinstance(document, dict) or document.get("format") != FILE_FORMAT:
        raise NotAProgressFile(f'{source} is not a progress file: it has no "format": "{FILE_FORMAT}"')
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ProgressFileError(f'{source}: "version" must be a positive whole number, got {_shown(version)}')
    if version > FILE_VERSION:
        if version >= 10**30:  # no real version: say so rather than print thousands of digits
            raise ProgressFileError(
                f'{source}: "version" is a number of {len(str(version))} digits; this azrs-quiz reads up to '
                f"version {FILE_VERSION}"
            )
        raise ProgressFileError(
            f"{source} is a version {version} progress file, but this azrs-quiz reads up to version "
            f"{FILE_VERSION}; upgrade azrs-quiz to import it"
        )
    answers = document.get("answers")
    if not isinstance(answers, list):
        raise ProgressFileError(f'{source}: "answers" must be a list')
    return [_review_from_json(entry, f"{source}: answers[{index}]") for index, entry in enumerate(answers)]


def reset_progress(data_dir: str | Path | None = None, *, clock: Clock = utc_now) -> Path | None:
    """Start afresh: move the progress database aside as ``progress.sqlite3.reset-<timestamp>``.

    Returns where the old file now is (None if there was no progress). Nothing is
    deleted, so a reset made by mistake can be undone by moving the file back.
    """
    path = database_path(data_dir)
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(path, timeout=5.0)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
    except sqlite3.Error:
        pass  # A damaged file cannot be checkpointed; its log is moved along with it below.
    backup = aside_path(path, "reset", clock)
    os.replace(path, backup)
    wal = wal_path(path)
    if wal.exists():
        os.replace(wal, wal_path(backup))
    path.with_name(path.name + "-shm").unlink(missing_ok=True)
    return backup


def _review_to_json(review: ReviewRecord) -> dict[str, Any]:
    return review.to_plain()


def _review_from_json(entry: Any, where: str) -> ReviewRecord:
    if not isinstance(entry, dict):
        raise ProgressFileError(f"{where}: must be an object")
    missing = sorted(set(REQUIRED_REVIEW_FIELDS) - set(entry))
    if missing:
        raise ProgressFileError(f"{where}: missing {', '.join(missing)}")
    question_id = entry["question_id"]
    if not isinstance(question_id, str) or not question_id or len(question_id) > 300:
        raise ProgressFileError(f"{where}.question_id: must be a non-empty string of at most 300 characters")
    for name in ("answered_at", "due"):
        _check_time(entry.get(name), f"{where}.{name}", required=name == "answered_at")
    for name in ("correct", "scheduled", "guessed"):
        if name in entry and not isinstance(entry[name], bool):
            raise ProgressFileError(f"{where}.{name}: must be true or false")
    choice, elapsed, rating, mode = entry["choice"], entry["elapsed"], entry["rating"], entry["mode"]
    if choice is not None and not (_whole(choice, 0) and choice < MOST_OPTIONS):
        raise ProgressFileError(f"{where}.choice: must be null or a whole number from 0 to {MOST_OPTIONS - 1}")
    if not (_number(elapsed, 0.0) and elapsed <= LONGEST_ELAPSED):
        raise ProgressFileError(f"{where}.elapsed: must be a number of seconds from 0 to {LONGEST_ELAPSED:.0f}")
    if rating not in (1, 2, 3, 4) or isinstance(rating, bool):
        raise ProgressFileError(f"{where}.rating: must be 1, 2, 3 or 4, got {_shown(rating)}")
    if mode not in MODES:
        raise ProgressFileError(f"{where}.mode: must be one of {', '.join(MODES)}, got {_shown(mode)}")
    if entry.get("form", "choice") not in FORMS:
        raise ProgressFileError(f"{where}.form: must be one of {', '.join(FORMS)}, got {_shown(entry['form'])}")
    if entry.get("options") is not None and not (_whole(entry["options"], 1) and entry["options"] <= MOST_OPTIONS):
        raise ProgressFileError(f"{where}.options: must be null or a whole number from 1 to {MOST_OPTIONS}")
    if entry.get("state") not in (None, 1, 2, 3) or isinstance(entry.get("state"), bool):
        raise ProgressFileError(f"{where}.state: must be null, 1, 2 or 3, got {_shown(entry['state'])}")
    stability, recall = entry.get("stability"), entry.get("recall")
    if stability is not None and not _number(stability, 0.0):
        raise ProgressFileError(f"{where}.stability: must be null or a number of days from 0")
    if recall is not None and not (_number(recall, 0.0) and recall <= 1):
        raise ProgressFileError(f"{where}.recall: must be null or a number from 0 to 1")
    return ReviewRecord.from_plain(
        {**entry, "elapsed": float(elapsed)}
        | {name: float(entry[name]) for name in ("stability", "recall") if entry.get(name) is not None}
    )


def _check_time(value: Any, where: str, *, required: bool) -> None:
    if value is None and not required:
        return
    try:
        moment = parse_time(value) if isinstance(value, str) else None
    except (ValueError, OverflowError):  # OverflowError: year 1 moved to UTC falls before year 1
        moment = None
    if moment is None:
        raise ProgressFileError(f"{where}: must be an ISO 8601 time with a UTC offset, got {_shown(value)}")
    if not EARLIEST_TIME <= moment < LATEST_TIME:
        raise ProgressFileError(
            f"{where}: must be a time from {EARLIEST_TIME.year} to {LATEST_TIME.year - 1}, got {_shown(value)}"
        )


#: Answers are given between these times; anything else is a damaged or forged file (and the
#: schedule's arithmetic on year 9999 would overflow).
EARLIEST_TIME = datetime(2000, 1, 1, tzinfo=timezone.utc)
LATEST_TIME = datetime(2200, 1, 1, tzinfo=timezone.utc)
#: The most seconds an answer may have taken, and the highest option number: beyond them a value is forged.
LONGEST_ELAPSED = 10 * 366 * 24 * 3600.0
MOST_OPTIONS = 26


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _shown(value: Any) -> str:
    text = one_line(repr(value)) if not isinstance(value, int) or abs(value) < 10**30 else "a number too large"
    return text if len(text) <= 60 else text[:59] + "…"


def _whole(value: Any, low: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= low


def _number(value: Any, low: float) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value >= low
