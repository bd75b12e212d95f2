"""A damaged, foreign, read-only or busy progress file: a clear message and nothing lost, never a traceback."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.paths import TINY_PACK
from helpers.progress import T0, answer, question

from azrs_quiz.cli.main import main
from azrs_quiz.progress import CorruptProgress, ProgressStore, ProgressUnreadable, database_path
from azrs_quiz.progress import store as store_module

FIRST = question("embassy-opened:when")


def _progress_with_one_answer(data_dir: Path) -> Path:
    with ProgressStore.open(data_dir) as store:
        store.record(answer(FIRST), mode="review", schedule=True)
    return database_path(data_dir)


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("cards", "due", "tomorrow"),
        ("cards", "due", "2026-03-02T09:00:00"),  # a naive time: its zone would be a guess
        ("reviews", "answered_at", "garbage"),
        ("cards", "state", 99),
    ],
)
def test_a_value_that_does_not_parse_is_damage_kept_and_copied_aside(
    tmp_path: Path, runner: CliRunner, table: str, column: str, value: object
) -> None:
    path = _progress_with_one_answer(tmp_path)
    with sqlite3.connect(path) as connection:
        connection.execute(f"UPDATE {table} SET {column} = ?", (value,))
    before = path.read_bytes()
    for command in (
        ["stats", "--content", str(TINY_PACK)],
        ["review", "--content", str(TINY_PACK)],
        ["progress", "export", "-"],
    ):
        result = runner.invoke(main, [*command, "--data-dir", str(tmp_path)], input="")
        assert result.exit_code == 1, result.output
        assert isinstance(result.exception, SystemExit)
        assert result.stdout == ""  # no figures made from a damaged file
        assert f"the progress database '{path}' is damaged ({table}.{column} holds" in result.stderr, result.stderr
        assert "Nothing was deleted: a copy of it is kept at" in result.stderr
        assert "progress reset" in result.stderr
    assert path.read_bytes() == before  # kept as it was
    copies = [copy for copy in tmp_path.glob("progress.sqlite3.corrupt-*") if not copy.name.endswith("-wal")]
    assert len(copies) == 1 and copies[0].read_bytes() == before


def test_a_negative_schema_version_is_damage_not_an_index_error(tmp_path: Path) -> None:
    path = _progress_with_one_answer(tmp_path)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = -5")
    with pytest.raises(CorruptProgress, match="schema version is -5"):
        ProgressStore.open(tmp_path)


def test_another_applications_database_is_refused_and_left_byte_for_byte(tmp_path: Path, runner: CliRunner) -> None:
    path = database_path(tmp_path)
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")
        connection.execute("INSERT INTO contacts VALUES ('Ana')")
    connection.close()
    before = path.read_bytes()
    for command in (["stats"], ["review", "--content", str(TINY_PACK)], ["progress", "export", "-"]):
        result = runner.invoke(main, [*command, "--data-dir", str(tmp_path)], input="")
        assert result.exit_code == 1
        assert "an SQLite database of another application (its tables: contacts)" in result.stderr
        assert "left as it is" in result.stderr
    quiz = runner.invoke(
        main, ["quiz", "--content", str(TINY_PACK), "-n", "1", "--data-dir", str(tmp_path)], input="a\n"
    )
    assert quiz.exit_code == 0 and "Warning:" in quiz.stderr
    assert path.read_bytes() == before
    assert sorted(item.name for item in tmp_path.iterdir()) == ["progress.sqlite3"]  # no WAL, no copies


def test_reading_creates_nothing_and_writes_nothing(tmp_path: Path, runner: CliRunner) -> None:
    assert runner.invoke(main, ["stats", "--data-dir", str(tmp_path)]).exit_code == 0
    assert runner.invoke(main, ["progress", "export", "-", "--data-dir", str(tmp_path)]).exit_code == 0
    assert list(tmp_path.iterdir()) == []
    path = _progress_with_one_answer(tmp_path)
    with ProgressStore.open(tmp_path) as store:
        store.checkpoint()
    before = path.read_bytes()
    with ProgressStore.open(tmp_path, read_only=True) as store:
        assert store.counts() == (1, 1)
        with pytest.raises(ProgressUnreadable):
            store.record(answer(FIRST, at=T0.replace(hour=10)), mode="review", schedule=True)
    assert path.read_bytes() == before


def test_a_read_only_progress_file_is_a_warning_before_the_quiz_not_an_abort_after_an_answer(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    _progress_with_one_answer(tmp_path)
    # Permissions cannot stop root (tests may run as root), so the read-only file is simulated.
    real_access = store_module.os.access
    inside = str(tmp_path)

    def no_writing_inside(path: object, mode: int) -> bool:
        return real_access(path, mode) and not (mode & os.W_OK and str(path).startswith(inside))

    monkeypatch.setattr(store_module.os, "access", no_writing_inside)
    result = runner.invoke(
        main, ["quiz", "--content", str(TINY_PACK), "-n", "2", "--data-dir", str(tmp_path)], input="a\na\n"
    )
    assert result.exit_code == 0, result.output
    assert "is read-only here" in result.stderr and "will not be saved" in result.stderr
    assert result.stdout.count("Question ") == 2


def _busy_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[ProgressStore, sqlite3.Connection]:
    """A store, and another session holding the write lock (a big import) longer than the store waits."""
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_SECONDS", 0.05)
    _progress_with_one_answer(tmp_path)
    blocker = sqlite3.connect(database_path(tmp_path), isolation_level=None)
    store = ProgressStore.open(tmp_path)
    blocker.execute("BEGIN IMMEDIATE")
    return store, blocker


LATER = answer(question("relations-established:when"), at=T0.replace(hour=11))


def test_a_busy_database_keeps_the_answer_and_saves_it_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, blocker = _busy_store(tmp_path, monkeypatch)
    recorded = store.record(LATER, mode="review", schedule=True)
    assert not recorded.saved and store.pending == 1
    blocker.execute("COMMIT")
    blocker.close()
    store.close()  # the kept answer is saved now
    with ProgressStore.open(tmp_path) as reopened:
        assert reopened.counts() == (2, 2)


def test_a_database_still_busy_at_the_end_says_plainly_what_was_not_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, blocker = _busy_store(tmp_path, monkeypatch)
    store.record(LATER, mode="review", schedule=True)
    with pytest.raises(ProgressUnreadable, match="1 answer could not be saved"):
        store.close()
    blocker.execute("ROLLBACK")
    blocker.close()


def test_a_data_dir_under_an_unknown_user_is_an_error_not_a_crash(runner: CliRunner) -> None:
    result = runner.invoke(main, ["stats", "--data-dir", "~no-such-user-here/x"])
    assert result.exit_code == 1
    assert "cannot find the folder '~no-such-user-here/x'" in result.stderr
