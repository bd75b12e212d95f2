"""The SQLite progress store: every answer saved the moment it is given, never silently lost.

* WAL journal and ``synchronous=FULL``: a crash or ``kill -9`` loses at most the
  answer being given, and readers never block the writer.
* Each answer is one ``BEGIN IMMEDIATE`` transaction, and every connection waits on
  a busy lock (``busy_timeout``) instead of failing, so two sessions at once (two
  terminals) never lose or corrupt each other's answers.
* A damaged file is never replaced: opening it raises :class:`CorruptProgress`
  after copying it aside as ``progress.sqlite3.corrupt-<timestamp>``. The whole
  file is checked when it changed since it last passed (see :mod:`.integrity`).
"""

from __future__ import annotations

import filecmp
import os
import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import Any

from azrs_quiz.arguments import aware_datetime, one_of
from azrs_quiz.clock import Clock, utc_now
from azrs_quiz.progress import integrity
from azrs_quiz.progress.errors import CorruptProgress, ProgressBusy, ProgressError, ProgressUnreadable
from azrs_quiz.progress.location import database_path
from azrs_quiz.progress.records import (
    CARD_STATES,
    FORMS,
    MODES,
    REVIEW_FIELDS,
    AnswerForm,
    AnswerLike,
    CardRecord,
    Mode,
    ReviewRecord,
    format_time,
    parse_time,
    to_utc,
)
from azrs_quiz.progress.schema import SCHEMA_VERSION, check_version, migrate
from azrs_quiz.text import one_line, plural

#: How long a write waits for another session's transaction before giving up.
BUSY_TIMEOUT_SECONDS = 15.0


@dataclass(frozen=True)
class Recorded:
    """What :meth:`ProgressStore.record` saved: the answer, and the new schedule if it moved."""

    review: ReviewRecord
    card: CardRecord | None
    #: False when the database was busy: the answer is kept in memory and saved by :meth:`ProgressStore.close`.
    saved: bool = True


class ProgressStore:
    """A learner's progress: one FSRS card per question and every answer ever given.

    Open with :meth:`open` and close when done (or use it as a context manager)::

        with ProgressStore.open() as store:
            store.record(answer, mode="quiz", schedule=False)
    """

    def __init__(self, connection: sqlite3.Connection, path: Path, clock: Clock) -> None:
        self._connection = connection
        self.path = path
        self._clock = clock
        #: Answers not saved yet because another session held the database too long.
        self._pending: list[tuple[AnswerLike, dict[str, Any]]] = []

    @classmethod
    def open(
        cls, data_dir: str | Path | None = None, *, clock: Clock = utc_now, read_only: bool = False
    ) -> ProgressStore:
        """Open (creating and migrating as needed) the store in ``data_dir`` (see :mod:`.location`).

        With ``read_only``, nothing is created, migrated or written (for reading a
        file or folder one may not write to). Raises :class:`CorruptProgress` for a
        damaged file (kept, and copied aside), :class:`ProgressUnreadable` when it
        cannot be opened, is read-only (unless ``read_only``) or belongs to another
        application (left as it is), and ``ProgressTooNew`` when a newer azrs-quiz wrote it.
        """
        path = database_path(data_dir)
        shown = one_line(path)
        # Taken before connecting: a change made while the file is checked makes it differ.
        state = integrity.file_state(path)
        if read_only:
            connection = _connect_read_only(path, clock)
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise ProgressUnreadable(
                    f"cannot create the progress folder '{one_line(path.parent)}': {error.strerror or error}"
                ) from error
            if path.is_dir():
                raise ProgressUnreadable(f"the progress database '{shown}' is a folder, not a file")
            _check_writable(path)
            try:
                connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS)
            except sqlite3.Error as error:
                raise ProgressUnreadable(f"cannot open the progress database '{shown}': {error}") from error
        try:
            connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
            version = check_version(connection)  # before anything writes to a file a newer azrs-quiz made
            if version < 0:
                raise _CheckFailed(f"its schema version is {version}, which no azrs-quiz writes")
            _check_ours(connection, path, version)
            if state is None or not integrity.passed_before(path, state):
                problems = [str(row[0]) for row in connection.execute("PRAGMA quick_check")]
                if problems != ["ok"]:
                    raise _CheckFailed("; ".join(problems[:3]))
                if version == SCHEMA_VERSION:
                    _check_values(connection)
                if state is not None:
                    integrity.remember_passed(path, state)
            if read_only:
                if version < SCHEMA_VERSION and _has_tables(connection):
                    # An older file is read through an upgraded copy in memory: the file is
                    # left as it is until a quiz or a review opens it to write.
                    memory = sqlite3.connect(":memory:", isolation_level=None)
                    connection.backup(memory)
                    connection.close()
                    connection = memory
                    migrate(connection)
            else:
                connection.execute("PRAGMA journal_mode = WAL")
                connection.execute("PRAGMA synchronous = FULL")
                migrate(connection)
        except sqlite3.Error as error:
            connection.close()
            raise _explain(error, path, clock) from error
        except BaseException:
            connection.close()
            raise
        return cls(connection, path, clock)

    def close(self) -> None:
        """Save any answer kept while the database was busy, then close.

        Raises :class:`ProgressBusy` naming how many answers could not be saved when
        the database is still busy; every other answer recorded is already on disk.
        """
        try:
            self._save_pending()
        finally:
            self._connection.close()

    @property
    def pending(self) -> int:
        """How many answers wait, in memory, for a busy database."""
        return len(self._pending)

    def _save_pending(self) -> None:
        unsaved = 0
        for answer, options in self._pending:
            try:
                self._record_now(answer, **options)
            except ProgressBusy:
                unsaved += 1
        self._pending = []
        if unsaved:
            raise ProgressBusy(
                f"{plural(unsaved, 'answer')} could not be saved: the progress database '{one_line(self.path)}' "
                f"stayed busy (another azrs-quiz was writing to it for over {BUSY_TIMEOUT_SECONDS:g} s)"
            )

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    # Writing ---------------------------------------------------------------------------

    def record(
        self,
        answer: AnswerLike,
        *,
        mode: Mode,
        schedule: bool,
        timed: bool = True,
        form: AnswerForm = "choice",
        guessed: bool = False,
    ) -> Recorded:
        """Save one answer in its own transaction; with ``schedule``, move its question's FSRS card.

        The rating comes from :func:`~azrs_quiz.progress.rating.rate` (through
        :func:`~azrs_quiz.progress.answering.take_answer`): pass ``timed=False`` when
        the time taken means nothing (answers read from a pipe), ``form="typed"`` for
        typed recall and ``guessed=True`` if the learner already said it was a guess
        (else see :meth:`mark_guessed`). Recording the same answer twice (same
        question, same moment) saves it once. If another session holds the database
        longer than :data:`BUSY_TIMEOUT_SECONDS`, the answer is kept in memory
        (``saved`` is False) and saved by :meth:`close`.
        """
        # The rating rule and FSRS are imported at the first answer: a quiz starts without them.
        from azrs_quiz.progress.answering import take_answer

        one_of(mode, MODES, "mode")
        one_of(form, FORMS, "form")
        aware_datetime(answer.answered_at, "answer.answered_at")
        options: dict[str, Any] = {"mode": mode, "schedule": schedule, "timed": timed, "form": form, "guessed": guessed}
        try:
            return self._record_now(answer, **options)
        except ProgressBusy:
            self._pending.append((answer, options))
            review, _ = take_answer(answer, None, **options)
            return Recorded(review, None, saved=False)

    def _record_now(
        self, answer: AnswerLike, *, mode: Mode, schedule: bool, timed: bool, form: AnswerForm, guessed: bool
    ) -> Recorded:
        from azrs_quiz.progress.answering import take_answer

        with self._transaction() as connection:
            before = _card_in(connection, answer.question.id)
            review, after = take_answer(
                answer, before, mode=mode, schedule=schedule, timed=timed, form=form, guessed=guessed
            )
            inserted = _insert_review(connection, review)
            card = None
            if schedule and inserted:
                card = _schedule_in(connection, review, before, after)
        return Recorded(review, card)

    def mark_guessed(self, review: ReviewRecord) -> Recorded:
        """The learner pressed "I guessed" after ``review``: rate it Again and rebuild its question's schedule.

        Returns the answer as now saved and the question's new card (None if the
        answer moved no schedule). A wrong answer or one already marked stays as it is.
        """
        from azrs_quiz.progress.answering import as_guessed
        from azrs_quiz.progress.scheduling import replay

        if not review.correct or review.guessed:
            return Recorded(review, self.card(review.question_id) if review.scheduled else None)
        updated = as_guessed(review)
        with self._transaction() as connection:
            connection.execute(
                "UPDATE reviews SET guessed = 1, rating = ? WHERE question_id = ? AND answered_at = ?",
                (updated.rating, review.question_id, format_time(review.answered_at)),
            )
            card = None
            if review.scheduled:
                history = _reviews_where(connection, "question_id = ?", (review.question_id,))
                card = replay(review.question_id, history)
                if card is not None:
                    _upsert_card(connection, card)
                    if card.last_review == review.answered_at:
                        connection.execute(
                            "UPDATE reviews SET due = ? WHERE question_id = ? AND answered_at = ?",
                            (format_time(card.due), review.question_id, format_time(review.answered_at)),
                        )
                        updated = replace(updated, due=card.due)
        return Recorded(updated, card)

    def merge_reviews(self, reviews: Iterable[ReviewRecord]) -> tuple[int, int]:
        """Add answers from elsewhere (an import) in one transaction; returns (added, already here).

        The cards of the questions concerned are rebuilt from all their scheduled answers,
        so merging two machines' histories gives the schedule both together lead to.
        """
        from azrs_quiz.progress.scheduling import replay

        added = duplicates = 0
        touched: set[str] = set()
        with self._transaction() as connection:
            for review in reviews:
                if _insert_review(connection, review):
                    added += 1
                    if review.scheduled:
                        touched.add(review.question_id)
                else:
                    duplicates += 1
            for question_id in sorted(touched):
                history = _reviews_where(connection, "question_id = ?", (question_id,))
                card = replay(question_id, history)
                if card is not None:
                    _upsert_card(connection, card)
        return added, duplicates

    # Reading ---------------------------------------------------------------------------

    def cards(self) -> dict[str, CardRecord]:
        """Every question's card, by question id."""
        with self._reading() as connection:
            rows = connection.execute(f"SELECT {_CARD_COLUMNS} FROM cards ORDER BY question_id").fetchall()
            return {row[0]: _card_from_row(row) for row in rows}

    def card(self, question_id: str) -> CardRecord | None:
        """The card of one question, or None if it was never scheduled."""
        with self._reading() as connection:
            return _card_in(connection, question_id)

    def reviews(self) -> list[ReviewRecord]:
        """Every answer recorded, oldest first."""
        with self._reading() as connection:
            return _reviews_where(connection, "1", ())

    def counts(self) -> tuple[int, int]:
        """How many (cards, answers) the store holds."""
        with self._reading() as connection:
            cards = connection.execute("SELECT count(*) FROM cards").fetchone()[0]
            reviews = connection.execute("SELECT count(*) FROM reviews").fetchone()[0]
        return int(cards), int(reviews)

    def rows(self, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        """The rows of one read-only query (for figures added up in SQL, as ``stats`` does)."""
        with self._reading() as connection:
            return connection.execute(sql, parameters).fetchall()

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the main file (before copying or moving it)."""
        with self._reading() as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # Plumbing --------------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._reading() as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        try:
            yield self._connection
        except sqlite3.Error as error:
            if self._connection.in_transaction:
                try:
                    self._connection.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            raise _explain(error, self.path, self._clock) from error


_CARD_COLUMNS = "question_id, state, step, stability, difficulty, due, last_review, introduced_at"
_REVIEW_COLUMNS = ", ".join(REVIEW_FIELDS)


def _insert_review(connection: sqlite3.Connection, review: ReviewRecord) -> bool:
    plain = review.to_plain()
    cursor = connection.execute(
        f"INSERT OR IGNORE INTO reviews ({_REVIEW_COLUMNS}) VALUES ({', '.join('?' * len(plain))})",
        tuple(plain.values()),
    )
    return cursor.rowcount == 1


def _schedule_in(
    connection: sqlite3.Connection, review: ReviewRecord, before: CardRecord | None, after: CardRecord | None
) -> CardRecord:
    if after is None or (
        before is not None and before.last_review is not None and review.answered_at < before.last_review
    ):
        # An answer older than the card's last one (a clock gone back): rebuild from history.
        from azrs_quiz.progress.scheduling import replay

        history = _reviews_where(connection, "question_id = ?", (review.question_id,))
        after = replay(review.question_id, history)
        assert after is not None
    _upsert_card(connection, after)
    return after


def _card_in(connection: sqlite3.Connection, question_id: str) -> CardRecord | None:
    row = connection.execute(f"SELECT {_CARD_COLUMNS} FROM cards WHERE question_id = ?", (question_id,)).fetchone()
    return _card_from_row(row) if row is not None else None


def _upsert_card(connection: sqlite3.Connection, card: CardRecord) -> None:
    connection.execute(
        f"INSERT OR REPLACE INTO cards ({_CARD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            card.question_id,
            card.state,
            card.step,
            card.stability,
            card.difficulty,
            format_time(card.due),
            format_time(card.last_review) if card.last_review is not None else None,
            format_time(card.introduced_at),
        ),
    )


def _card_from_row(row: tuple[object, ...]) -> CardRecord:
    try:
        return _parse_card(row)
    except _UNPARSABLE as error:
        raise _DamagedValue(f"a stored schedule of '{one_line(row[0])}' does not read back ({error})") from error


def _parse_card(row: tuple[object, ...]) -> CardRecord:
    from fsrs import State

    question_id, state, step, stability, difficulty, due, last_review, introduced_at = row
    return CardRecord(
        question_id=str(question_id),
        state=State(int(state)),  # type: ignore[call-overload]
        step=int(step) if step is not None else None,  # type: ignore[call-overload]
        stability=float(stability) if stability is not None else None,  # type: ignore[arg-type]
        difficulty=float(difficulty) if difficulty is not None else None,  # type: ignore[arg-type]
        due=parse_time(str(due)),
        last_review=parse_time(str(last_review)) if last_review is not None else None,
        introduced_at=parse_time(str(introduced_at)),
    )


def _reviews_where(connection: sqlite3.Connection, where: str, parameters: tuple[object, ...]) -> list[ReviewRecord]:
    rows = connection.execute(
        f"SELECT {_REVIEW_COLUMNS} FROM reviews WHERE {where} ORDER BY answered_at, id", parameters
    ).fetchall()
    reviews = []
    for row in rows:
        try:
            reviews.append(ReviewRecord.from_plain(dict(zip(REVIEW_FIELDS, row, strict=True))))
        except _UNPARSABLE as error:
            raise _DamagedValue(f"a stored answer to '{one_line(row[0])}' does not read back ({error})") from error
    return reviews


#: What parsing a value that was changed behind azrs-quiz's back can raise.
_UNPARSABLE = (ValueError, TypeError, OverflowError, KeyError, IndexError)


class _DamagedValue(sqlite3.DatabaseError):
    """A value in the file does not parse: edited or damaged outside azrs-quiz."""


def _connect_read_only(path: Path, clock: Clock) -> sqlite3.Connection:
    """A connection that cannot write, even where the folder is read-only."""
    shown = one_line(path)
    if not path.exists():  # no progress yet: read as an empty store, creating nothing
        connection = sqlite3.connect(":memory:", isolation_level=None)
        migrate(connection)
        return connection
    uri = path.resolve().as_uri()
    last_error: sqlite3.Error | None = None
    # mode=ro needs the write-ahead log's shared memory, which a read-only folder cannot hold;
    # immutable=1 then reads the file as it is (nothing can write there anyway).
    for options in ("mode=ro", "mode=ro&immutable=1"):
        try:
            connection = sqlite3.connect(f"{uri}?{options}", uri=True, isolation_level=None)
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return connection
        except sqlite3.Error as error:
            if _is_corruption(error):
                raise _explain(error, path, clock) from error
            last_error = error
    raise ProgressUnreadable(f"cannot read the progress database '{shown}': {last_error}")


def _check_writable(path: Path) -> None:
    """Refuse up front a progress file (or folder) that cannot be written, instead of after an answer."""
    blocked = path if path.exists() else path.parent
    if not os.access(blocked, os.W_OK) or (path.exists() and not os.access(path.parent, os.W_OK)):
        raise ProgressUnreadable(
            f"the progress database '{one_line(path)}' is read-only here, so answers cannot be saved to it"
        )


#: Every time azrs-quiz stores (see records.format_time): ISO 8601 in UTC with microseconds.
_STORED_TIME = (
    "[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]+00:00"
)
#: Columns holding a time, and whether they may be empty.
_TIME_COLUMNS = (
    ("cards", "due", False),
    ("cards", "last_review", True),
    ("cards", "introduced_at", False),
    ("reviews", "answered_at", False),
    ("reviews", "due", True),
)


def _check_values(connection: sqlite3.Connection) -> None:
    """Find values changed behind azrs-quiz's back, in one pass over each table, before any command reads them.

    Each table is read once (it can hold every answer ever given), not once per column;
    the first damaged row is reported, by its first damaged column.
    """
    states = ", ".join(str(state) for state in CARD_STATES)
    #: Per table: (column, SQL true when its value is damaged, what it should have been).
    checks: dict[str, list[tuple[str, str, str]]] = {}
    for table, column, optional in _TIME_COLUMNS:
        allowed = f"{column} IS NULL OR " if optional else ""
        checks.setdefault(table, []).append((column, f"NOT ({allowed}({column} GLOB :time))", "a stored time"))
    checks["cards"].append(("state", f"state NOT IN ({states})", "a card state"))
    for table, columns in checks.items():
        selected = ", ".join(f"{column}, coalesce({damaged}, 0)" for column, damaged, _ in columns)
        where = " OR ".join(f"({damaged})" for _, damaged, _ in columns)
        row = connection.execute(
            f"SELECT {selected} FROM {table} WHERE {where} LIMIT 1", {"time": _STORED_TIME}
        ).fetchone()
        if row is None:
            continue
        for index, (column, _, expected) in enumerate(columns):
            value, damaged = row[2 * index], row[2 * index + 1]
            if damaged:
                raise _DamagedValue(f"{table}.{column} holds {one_line(repr(value))[:60]}, which is not {expected}")


_OUR_TABLES = {"cards", "reviews"}


def _has_tables(connection: sqlite3.Connection) -> bool:
    return bool(connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0])


def _check_ours(connection: sqlite3.Connection, path: Path, version: int) -> None:
    """Refuse, untouched, an SQLite file that another application made."""
    tables = {str(row[0]) for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if (version == 0 and tables) or (version > 0 and not tables >= _OUR_TABLES):
        listed = ", ".join(sorted(tables)[:5]) or "none of its own"
        raise ProgressUnreadable(
            f"'{one_line(path)}' is an SQLite database of another application (its tables: {listed}), "
            "not azrs-quiz progress; it was left as it is. Move it away, or choose another --data-dir"
        )


class _CheckFailed(sqlite3.DatabaseError):
    """``PRAGMA quick_check`` found damage."""


def _is_corruption(error: sqlite3.Error) -> bool:
    if isinstance(error, (_CheckFailed, _DamagedValue)):
        return True
    name = getattr(error, "sqlite_errorname", None)
    if name:
        return str(name).startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
    # Python 3.10 has no error names: only the plain DatabaseError carries these messages.
    message = str(error).lower()
    return type(error) is sqlite3.DatabaseError and ("malformed" in message or "not a database" in message)


def _explain(error: sqlite3.Error, path: Path, clock: Clock) -> ProgressError:
    detail = " ".join(str(error).split())
    if _is_corruption(error) and path.is_file():
        backup = keep_copy(path, "corrupt", clock)
        return CorruptProgress(path, backup, detail)
    if "locked" in str(error).lower() or "busy" in str(error).lower():
        return ProgressBusy(
            f"the progress database '{path}' is busy (another azrs-quiz is writing to it); try again in a moment"
        )
    return ProgressUnreadable(f"cannot use the progress database '{path}': {detail}")


def keep_copy(path: Path, reason: str, clock: Clock = utc_now) -> Path:
    """Copy ``path`` (and its write-ahead log) aside as ``<name>.<reason>-<timestamp>``; returns the copy.

    An identical copy made earlier is reused, so a damaged file opened every day is
    kept once, not once a day.
    """
    for earlier in sorted(path.parent.glob(f"{path.name}.{reason}-*")):
        if not earlier.name.endswith("-wal") and filecmp.cmp(earlier, path, shallow=False):
            return earlier
    backup = aside_path(path, reason, clock)
    shutil.copy2(path, backup)
    wal = wal_path(path)
    if wal.exists():
        shutil.copy2(wal, wal_path(backup))
    return backup


def aside_path(path: Path, reason: str, clock: Clock = utc_now) -> Path:
    """Where ``path`` is kept aside: ``<name>.<reason>-<UTC timestamp>`` in the same folder."""
    stamp = to_utc(clock()).strftime("%Y%m%dT%H%M%S%fZ")
    return path.with_name(f"{path.name}.{reason}-{stamp}")


def wal_path(path: Path) -> Path:
    """The write-ahead log SQLite keeps beside a database in WAL mode."""
    return path.with_name(path.name + "-wal")
