"""The whole-file damage check runs when the file changed since it last passed, and only then."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from helpers.progress import T0, answer, days, question

from azrs_quiz.progress import CorruptProgress, ProgressStore, database_path, integrity
from azrs_quiz.progress import store as store_module


@pytest.fixture
def whole_file_checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every whole-file check from now on, as the path of the database it read."""
    checked: list[Path] = []
    real = store_module._check_values

    def counting(connection: sqlite3.Connection) -> None:
        checked.append(Path(connection.execute("PRAGMA database_list").fetchone()[2]))
        real(connection)

    monkeypatch.setattr(store_module, "_check_values", counting)
    return checked


def _store_with_answers(data_dir: Path, count: int = 2) -> Path:
    with ProgressStore.open(data_dir) as store:
        for number in range(count):
            store.record(answer(question(f"fact-{number}:when"), at=T0 + days(number)), mode="review", schedule=True)
    return database_path(data_dir)


def _later(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    """Let the check run ``seconds`` from now, as if the file had been left alone that long."""
    now = time.time_ns()
    monkeypatch.setattr(integrity.time, "time_ns", lambda: now + int(seconds * 1e9))


def test_a_file_left_as_it_passed_is_not_read_whole_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, whole_file_checks: list[Path]
) -> None:
    path = _store_with_answers(tmp_path)
    whole_file_checks.clear()
    _later(monkeypatch, 60)
    for read_only in (False, True, True, False):
        with ProgressStore.open(tmp_path, read_only=read_only) as store:
            assert store.counts() == (2, 2)
    assert whole_file_checks == [path]  # the first open only


def test_a_file_changed_since_it_passed_is_checked_and_its_damage_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, whole_file_checks: list[Path]
) -> None:
    path = _store_with_answers(tmp_path)
    _later(monkeypatch, 60)
    with ProgressStore.open(tmp_path):
        pass
    time.sleep(0.05)  # past the file system's clock tick: the edit below changes the file's times
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE cards SET due = 'tomorrow' WHERE question_id = 'fact-1:when'")
    connection.close()
    with pytest.raises(CorruptProgress, match=r"is damaged \(cards\.due holds 'tomorrow'"):
        ProgressStore.open(tmp_path, read_only=True)


def test_a_file_changed_moments_ago_is_always_checked(tmp_path: Path, whole_file_checks: list[Path]) -> None:
    # File times tick coarsely: a change within the same tick as a check would look like none.
    path = _store_with_answers(tmp_path)
    whole_file_checks.clear()
    for _ in range(3):
        ProgressStore.open(tmp_path, read_only=True).close()
    assert whole_file_checks == [path] * 3


def test_a_write_ahead_log_with_answers_in_it_is_always_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, whole_file_checks: list[Path]
) -> None:
    path = _store_with_answers(tmp_path)
    _later(monkeypatch, 60)
    ProgressStore.open(tmp_path).close()
    writer = ProgressStore.open(tmp_path)  # holds the log open: answers stay in it, not in the file
    try:
        writer.record(answer(question("fact-9:when"), at=T0 + days(9)), mode="review", schedule=True)
        whole_file_checks.clear()
        with ProgressStore.open(tmp_path, read_only=True) as reader:
            assert reader.counts() == (3, 3)
    finally:
        writer.close()
    assert whole_file_checks == [path]


def test_without_the_cache_every_open_checks_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, whole_file_checks: list[Path]
) -> None:
    path = _store_with_answers(tmp_path)
    monkeypatch.setenv("AZRS_QUIZ_NO_CACHE", "1")
    _later(monkeypatch, 60)
    whole_file_checks.clear()
    for _ in range(2):
        ProgressStore.open(tmp_path, read_only=True).close()
    assert whole_file_checks == [path] * 2


def test_what_passed_is_remembered_in_the_cache_not_beside_the_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, cache = tmp_path / "data", tmp_path / "cache"
    monkeypatch.setenv("AZRS_QUIZ_CACHE_DIR", str(cache))
    _store_with_answers(data)
    _later(monkeypatch, 60)
    ProgressStore.open(data, read_only=True).close()
    assert {item.name for item in data.iterdir()} <= {
        "progress.sqlite3",
        "progress.sqlite3-wal",
        "progress.sqlite3-shm",
    }
    (record,) = cache.iterdir()
    # A record that is damaged or from other checks is not trusted: the file is checked again.
    for garbage in ("", "azrs-quiz progress check 0\n", "\xff"):
        record.write_text(garbage, encoding="utf-8")
        assert not integrity.passed_before(database_path(data), integrity.file_state(database_path(data)) or "")
