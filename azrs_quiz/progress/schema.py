"""The progress database's schema, versioned with ``PRAGMA user_version``.

Each migration takes the database from version ``n`` to ``n + 1`` in one
transaction, so a crash part-way leaves the previous version intact. Add new
migrations at the end; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3

from azrs_quiz.progress.errors import ProgressTooNew

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: a schedule per question and every answer given in a review.
    (
        """CREATE TABLE cards (
            question_id TEXT PRIMARY KEY,
            state INTEGER NOT NULL,
            step INTEGER,
            stability REAL,
            difficulty REAL,
            due TEXT NOT NULL,
            last_review TEXT,
            introduced_at TEXT NOT NULL
        )""",
        """CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            question_id TEXT NOT NULL,
            answered_at TEXT NOT NULL,
            correct INTEGER NOT NULL,
            choice INTEGER,
            elapsed REAL NOT NULL,
            rating INTEGER NOT NULL,
            UNIQUE (question_id, answered_at)
        )""",
    ),
    # 2: quiz answers are history too: where an answer came from and whether it moved the schedule.
    (
        "ALTER TABLE reviews ADD COLUMN mode TEXT NOT NULL DEFAULT 'review'",
        "ALTER TABLE reviews ADD COLUMN scheduled INTEGER NOT NULL DEFAULT 1",
        "CREATE INDEX cards_due ON cards (due)",
        "CREATE INDEX reviews_answered_at ON reviews (answered_at)",
    ),
    # 3: what the rating rule and the calibration in stats need: the answer's form, the options
    # shown, the "I guessed" key, the card just before the answer (state, stability, FSRS's
    # predicted recall) and the due time the answer set.
    (
        "ALTER TABLE reviews ADD COLUMN form TEXT NOT NULL DEFAULT 'choice'",
        "ALTER TABLE reviews ADD COLUMN options INTEGER",
        "ALTER TABLE reviews ADD COLUMN guessed INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE reviews ADD COLUMN state INTEGER",
        "ALTER TABLE reviews ADD COLUMN stability REAL",
        "ALTER TABLE reviews ADD COLUMN recall REAL",
        "ALTER TABLE reviews ADD COLUMN due TEXT",
    ),
    # 4: running totals per question, kept by a trigger as answers arrive, so stats read one
    # row per question and band however long the history. band is the maturity band of an
    # answer given in FSRS's review state with a prediction (0: stability under 7 days,
    # 1: under 21, 2: 21 or more), -1 for any other answer; expected sums the chance of a
    # right answer the schedule assumed (predicted recall, plus a lucky pick among k options).
    (
        """CREATE TABLE answer_tallies (
            question_id TEXT NOT NULL,
            band INTEGER NOT NULL,
            answers INTEGER NOT NULL,
            correct INTEGER NOT NULL,
            reviews INTEGER NOT NULL,
            expected REAL NOT NULL,
            PRIMARY KEY (question_id, band)
        )""",
        """CREATE VIEW answer_bands AS SELECT question_id, correct, mode = 'review' AS in_review,
            CASE WHEN state = 2 AND recall IS NOT NULL AND stability IS NOT NULL
                THEN CASE WHEN stability < 7 THEN 0 WHEN stability < 21 THEN 1 ELSE 2 END ELSE -1 END AS band,
            CASE WHEN state = 2 AND recall IS NOT NULL AND stability IS NOT NULL
                THEN recall + (1 - recall) * (CASE WHEN form = 'choice' AND options > 0 THEN 1.0 / options ELSE 0 END)
                ELSE 0 END AS expected,
            id
        FROM reviews""",
        """INSERT INTO answer_tallies
            SELECT question_id, band, count(*), total(correct), total(in_review), total(expected)
            FROM answer_bands GROUP BY question_id, band""",
        """CREATE TRIGGER reviews_tally AFTER INSERT ON reviews BEGIN
            INSERT INTO answer_tallies (question_id, band, answers, correct, reviews, expected)
                SELECT question_id, band, 1, correct, in_review, expected FROM answer_bands WHERE id = NEW.id
                ON CONFLICT (question_id, band) DO UPDATE SET
                    answers = answers + 1,
                    correct = correct + excluded.correct,
                    reviews = reviews + excluded.reviews,
                    expected = expected + excluded.expected;
        END""",
    ),
)

#: The version this azrs-quiz writes.
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(connection: sqlite3.Connection) -> int:
    """The schema version recorded in the database (0 for a new, empty file)."""
    row = connection.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def check_version(connection: sqlite3.Connection) -> int:
    """The database's schema version; :class:`ProgressTooNew` if a newer azrs-quiz wrote it."""
    version = schema_version(connection)
    if version > SCHEMA_VERSION:
        raise ProgressTooNew(
            f"the progress database has schema version {version}, but this azrs-quiz knows only up to "
            f"{SCHEMA_VERSION}; upgrade azrs-quiz to use it"
        )
    return version


def migrate(connection: sqlite3.Connection, *, target: int = SCHEMA_VERSION) -> int:
    """Bring the database up to ``target``, one transaction per step; returns the version reached.

    ``connection`` must be in autocommit mode (``isolation_level=None``). Two processes
    migrating at once are safe: the version is read again under the write lock.
    """
    version = check_version(connection)
    while version < target:
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = schema_version(connection)
            if version < target:
                for statement in MIGRATIONS[version]:
                    connection.execute(statement)
                version += 1
                connection.execute(f"PRAGMA user_version = {version:d}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    return version
