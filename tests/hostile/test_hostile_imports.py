"""Hostile progress imports: each is refused with one clear line and changes nothing."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers.hostile import assert_clean_error, run_cli

pytestmark = pytest.mark.slow  # every case runs the real command in a subprocess

GOOD = {
    "question_id": "embassy-opened:when",
    "answered_at": "2026-03-02T09:00:00.000000+00:00",
    "correct": True,
    "choice": 1,
    "elapsed": 5.0,
    "rating": 3,
    "mode": "review",
    "scheduled": True,
}


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "progress.json"
    path.write_text(text, encoding="utf-8")
    return path


def _with(**changes: Any) -> str:
    return json.dumps({"format": "azrs-quiz-progress", "version": 1, "answers": [{**GOOD, **changes}]})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (_with(elapsed=1e308), "answers[0].elapsed: must be a number of seconds from 0 to"),
        (_with().replace('"elapsed": 5.0', '"elapsed": Infinity'), "Infinity is not a number JSON allows"),
        (_with().replace('"elapsed": 5.0', '"elapsed": NaN'), "NaN is not a number JSON allows"),
        (_with(choice=10**40), "answers[0].choice: must be null or a whole number from 0 to 25"),
        (_with(answered_at="9999-12-31T23:59:59+00:00"), "answers[0].answered_at: must be a time from 2000 to 2199"),
        (_with(answered_at="0001-01-01T00:00:00+05:00"), "answers[0].answered_at: must be an ISO 8601 time"),
        ("[" * 100_000 + "]" * 100_000, "is not a progress file"),
        ('{"format": "azrs-quiz-progress", "version": ' + "9" * 5000 + "}", "is not a progress file"),
        (
            '{"format": "azrs-quiz-progress", "version": ' + "9" * 4000 + "}",
            '"version" is a number of 4000 digits; this azrs-quiz reads up to version 1',
        ),
    ],
    ids=[
        "huge-elapsed",
        "infinite-elapsed",
        "nan",
        "huge-choice",
        "year-9999",
        "year-1",
        "deep",
        "5000-digits",
        "4000-digits",
    ],
)
def test_a_forged_value_is_refused_and_nothing_is_imported(tmp_path: Path, text: str, expected: str) -> None:
    run = run_cli("progress", "import", _file(tmp_path, text), data_dir=tmp_path / "data")
    assert_clean_error(run, expected)
    assert len(run.stderr) < 400
    assert (
        not (tmp_path / "data" / "progress.sqlite3").exists()
        or run_cli("progress", "export", "-", data_dir=tmp_path / "data").stdout.count("question_id") == 0
    )


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and devices are POSIX")
def test_a_fifo_or_a_device_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    assert_clean_error(run_cli("progress", "import", fifo, data_dir=tmp_path / "data"), "is a named pipe (FIFO)")
    assert_clean_error(run_cli("progress", "import", "/dev/zero", data_dir=tmp_path / "data"), "is a character device")


def test_a_file_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    path = _file(tmp_path, _with() + " " * 200_000)
    run = run_cli("progress", "import", path, data_dir=tmp_path / "data", env={"AZRS_QUIZ_MAX_FILE_MB": "0.1"})
    assert_clean_error(run, "is larger than 0.1 MiB", "AZRS_QUIZ_MAX_FILE_MB")
