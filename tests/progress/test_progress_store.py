"""The SQLite store: persistence, durability, concurrency, corruption and migrations."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from helpers.progress import T0, answer, days, question

from azrs_quiz.progress import (
    CorruptProgress,
    ProgressStore,
    ProgressTooNew,
    ProgressUnreadable,
    database_path,
    resolve_data_dir,
)
from azrs_quiz.progress.scheduling import replay
from azrs_quiz.progress.schema import SCHEMA_VERSION

TESTS = Path(__file__).parents[1]


def test_data_dir_comes_from_the_argument_then_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AZRS_QUIZ_DATA_DIR", str(tmp_path / "from-env"))
    assert resolve_data_dir(tmp_path / "given") == tmp_path / "given"
    assert resolve_data_dir() == tmp_path / "from-env"
    assert database_path() == tmp_path / "from-env" / "progress.sqlite3"


def test_without_override_progress_lives_in_the_user_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("AZRS_QUIZ_DATA_DIR")
    assert resolve_data_dir() == Path(platformdirs.user_data_dir("azrs-quiz", appauthor=False))


def test_progress_persists_across_runs(tmp_path: Path) -> None:
    first, second = question("a:when"), question("b:who", topic="people")
    with ProgressStore.open(tmp_path) as store:
        store.record(answer(first, at=T0), mode="review", schedule=True)
        store.record(answer(second, correct=False, at=T0 + days(1)), mode="quiz", schedule=False)
        cards, reviews = store.cards(), store.reviews()
    with ProgressStore.open(tmp_path) as reopened:
        assert reopened.cards() == cards
        assert reopened.reviews() == reviews
    assert [(r.question_id, r.correct, r.mode, r.scheduled) for r in reviews] == [
        ("a:when", True, "review", True),
        ("b:who", False, "quiz", False),
    ]
    assert list(cards) == ["a:when"]  # a quiz answer is history only, unless asked to schedule


def test_a_quiz_answer_moves_the_schedule_when_asked() -> None:
    item = question("a:when")
    with ProgressStore.open() as store:
        recorded = store.record(answer(item, elapsed=3.0), mode="quiz", schedule=True)
        assert store.card(item.id) == recorded.card
    assert recorded.card is not None and recorded.card.due == T0 + days(2)


def test_the_same_answer_recorded_twice_is_kept_once() -> None:
    item = question("a:when")
    with ProgressStore.open() as store:
        store.record(answer(item), mode="review", schedule=True)
        again = store.record(answer(item), mode="review", schedule=True)
        assert store.counts() == (1, 1)
    assert again.card is None


def test_the_database_uses_wal_and_the_current_schema(tmp_path: Path) -> None:
    ProgressStore.open(tmp_path).close()
    connection = sqlite3.connect(tmp_path / "progress.sqlite3")
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    finally:
        connection.close()


# The first schema, frozen as it shipped: a migration test must not use today's code to build it.
_SCHEMA_V1 = [
    """CREATE TABLE cards (question_id TEXT PRIMARY KEY, state INTEGER NOT NULL, step INTEGER,
       stability REAL, difficulty REAL, due TEXT NOT NULL, last_review TEXT, introduced_at TEXT NOT NULL)""",
    """CREATE TABLE reviews (id INTEGER PRIMARY KEY, question_id TEXT NOT NULL, answered_at TEXT NOT NULL,
       correct INTEGER NOT NULL, choice INTEGER, elapsed REAL NOT NULL, rating INTEGER NOT NULL,
       UNIQUE (question_id, answered_at))""",
    """INSERT INTO cards VALUES ('a:when', 2, NULL, 8.2956, 1.0, '2026-03-10T09:00:00.000000+00:00',
       '2026-03-02T09:00:00.000000+00:00', '2026-03-02T09:00:00.000000+00:00')""",
    "INSERT INTO reviews VALUES (1, 'a:when', '2026-03-02T09:00:00.000000+00:00', 1, 0, 4.5, 4)",
    "PRAGMA user_version = 1",
]


def _first_version_database(folder: Path) -> None:
    """A progress file as the first azrs-quiz wrote it, with one answer."""
    connection = sqlite3.connect(folder / "progress.sqlite3")
    for statement in _SCHEMA_V1:
        connection.execute(statement)
    connection.commit()
    connection.close()


def test_a_first_version_database_is_migrated_keeping_every_answer(tmp_path: Path) -> None:
    _first_version_database(tmp_path)

    with ProgressStore.open(tmp_path) as store:
        (review,) = store.reviews()
        card = store.card("a:when")
        store.record(answer(question("a:when"), at=T0 + days(8)), mode="review", schedule=True)
        assert store.counts() == (1, 2)
    assert (review.question_id, review.answered_at, review.correct, review.rating) == ("a:when", T0, True, 4)
    assert (review.mode, review.scheduled) == ("review", True)
    assert card is not None and card.due == T0 + days(8)
    version = sqlite3.connect(tmp_path / "progress.sqlite3").execute("PRAGMA user_version").fetchone()[0]
    assert version == SCHEMA_VERSION


def test_a_database_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    before = path.read_bytes()
    with pytest.raises(ProgressTooNew) as caught:
        ProgressStore.open(tmp_path)
    assert "upgrade azrs-quiz" in str(caught.value)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_kept_and_copied_aside(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    path.write_bytes(b"this is not a database, it is a shopping list\n" * 100)
    with pytest.raises(CorruptProgress) as caught:
        ProgressStore.open(tmp_path, clock=lambda: T0)
    backup = tmp_path / "progress.sqlite3.corrupt-20260302T090000000000Z"
    assert str(caught.value) == (
        f"the progress database '{path}' is damaged (file is not a database). Nothing was deleted: "
        f"a copy of it is kept at '{backup}'."
    )
    assert (caught.value.path, caught.value.backup) == (path, backup)
    assert backup.read_bytes() == path.read_bytes()
    assert path.read_bytes().startswith(b"this is not a database")
    # Opening it again keeps the one copy rather than piling up identical ones.
    with pytest.raises(CorruptProgress):
        ProgressStore.open(tmp_path, clock=lambda: T0 + days(1))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.sqlite3", backup.name]


def test_a_damaged_page_is_reported_not_wiped(tmp_path: Path) -> None:
    with ProgressStore.open(tmp_path) as store:
        for number in range(300):
            store.record(answer(question(f"fact-{number}:when"), at=T0 + days(number)), mode="review", schedule=True)
        store.checkpoint()
    path = tmp_path / "progress.sqlite3"
    damaged = bytearray(path.read_bytes())
    damaged[2 * 4096 : 3 * 4096] = b"\x5a" * 4096
    path.write_bytes(bytes(damaged))
    with pytest.raises(CorruptProgress) as caught:
        ProgressStore.open(tmp_path)
    assert "is damaged" in str(caught.value)
    assert path.read_bytes() == bytes(damaged)
    (backup,) = tmp_path.glob("progress.sqlite3.corrupt-*")
    assert backup.read_bytes() == bytes(damaged)


def test_a_folder_where_the_database_should_be_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "progress.sqlite3").mkdir()
    with pytest.raises(ProgressUnreadable, match="is a folder, not a file"):
        ProgressStore.open(tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions to apply")
def test_an_unreadable_database_is_not_mistaken_for_a_damaged_one(tmp_path: Path) -> None:
    ProgressStore.open(tmp_path).close()
    (tmp_path / "progress.sqlite3").chmod(0)
    with pytest.raises(ProgressUnreadable):
        ProgressStore.open(tmp_path)
    assert not list(tmp_path.glob("*.corrupt-*"))


_WRITER = """
import sys
from datetime import timedelta
sys.path.insert(0, {tests!r})
from azrs_quiz.progress import ProgressStore
from helpers.progress import T0, answer, question

data_dir, offset, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
store = ProgressStore.open(data_dir)
print("open", flush=True)
sys.stdin.readline()  # wait for the go, so that writers really overlap
number = 0
while count < 0 or number < count:
    # Both writers answer the same ten questions, at times that interleave.
    moment = T0 + timedelta(minutes=2 * number + offset)
    store.record(answer(question(f"fact-{{number % 10}}:when"), elapsed=number % 30, at=moment),
                 mode="review", schedule=True)
    print(number, flush=True)
    number += 1
"""


def _writer(data_dir: Path, offset: int, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _WRITER.format(tests=str(TESTS)), str(data_dir), str(offset), str(count)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_two_sessions_at_once_lose_none_of_each_others_answers(tmp_path: Path) -> None:
    ProgressStore.open(tmp_path).close()
    writers = [_writer(tmp_path, offset, 150) for offset in (0, 1)]
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline() == "open\n"
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        writer.communicate(timeout=120)
        assert writer.returncode == 0
    with ProgressStore.open(tmp_path) as store:
        reviews = store.reviews()
        cards = store.cards()
    assert len(reviews) == 300
    assert {r.answered_at for r in reviews} == {T0 + timedelta(minutes=n) for n in range(300)}
    # No lost update: each card is exactly what all its answers, in time order, lead to.
    assert len(cards) == 10
    for question_id, card in cards.items():
        assert card == replay(question_id, reviews)


def test_a_session_killed_mid_write_keeps_every_committed_answer(tmp_path: Path) -> None:
    writer = _writer(tmp_path, 0, -1)
    assert writer.stdout is not None and writer.stdin is not None
    assert writer.stdout.readline() == "open\n"
    writer.stdin.write("go\n")
    writer.stdin.flush()
    committed = -1
    while committed < 60:
        committed = int(writer.stdout.readline())
    os.kill(writer.pid, signal.SIGKILL)
    # Read the rest through the same buffered reader: readline may already hold lines
    # read ahead from the pipe, which communicate() would never see.
    rest = writer.stdout.read()
    writer.wait(timeout=30)
    writer.stdin.close()
    committed = max([committed, *(int(line) for line in rest.split())])
    assert writer.returncode == -signal.SIGKILL

    with ProgressStore.open(tmp_path) as store:
        reviews = store.reviews()
        cards = store.cards()
    answered = {r.answered_at for r in reviews}
    # Every answer reported as saved is there; at most the one being written is not.
    assert {T0 + timedelta(minutes=2 * n) for n in range(committed + 1)} <= answered
    assert len(reviews) in (committed + 1, committed + 2)
    for question_id, card in cards.items():
        assert card == replay(question_id, reviews)
    connection = sqlite3.connect(tmp_path / "progress.sqlite3")
    assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    connection.close()


def test_an_older_file_read_without_writing_is_upgraded_in_memory_and_left_as_it_is(tmp_path: Path) -> None:
    _first_version_database(tmp_path)
    before = (tmp_path / "progress.sqlite3").read_bytes()

    with ProgressStore.open(tmp_path, read_only=True) as store:
        (review,) = store.reviews()
        totals = store.rows("SELECT question_id, answers, correct FROM answer_tallies")
    assert (review.question_id, review.correct) == ("a:when", True)
    assert totals == [("a:when", 1, 1)]
    assert (tmp_path / "progress.sqlite3").read_bytes() == before


@pytest.mark.parametrize(
    ("table", "column", "value", "detail"),
    [
        ("cards", "due", "tomorrow", "cards.due holds 'tomorrow', which is not a stored time"),
        ("cards", "last_review", "2026-03-02", "cards.last_review holds '2026-03-02', which is not a stored time"),
        ("cards", "state", 99, "cards.state holds 99, which is not a card state"),
        ("reviews", "answered_at", "garbage", "reviews.answered_at holds 'garbage', which is not a stored time"),
        ("reviews", "due", "soon", "reviews.due holds 'soon', which is not a stored time"),
    ],
)
def test_a_value_edited_outside_azrs_quiz_is_named_in_the_damage_report(
    tmp_path: Path, table: str, column: str, value: object, detail: str
) -> None:
    with ProgressStore.open(tmp_path) as store:
        store.record(answer(question("fact-1:when"), at=T0), mode="review", schedule=True)
        store.record(answer(question("fact-2:when"), at=T0 + days(1)), mode="review", schedule=True)
    with sqlite3.connect(tmp_path / "progress.sqlite3") as connection:
        connection.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = (SELECT max(rowid) FROM {table})", (value,))
    connection.close()
    with pytest.raises(CorruptProgress) as caught:
        ProgressStore.open(tmp_path)
    assert f"is damaged ({detail})" in str(caught.value)


def test_the_card_states_checked_on_open_are_fsrs_own() -> None:
    from fsrs import State

    from azrs_quiz.progress.records import CARD_STATES

    assert tuple(int(state) for state in State) == CARD_STATES
