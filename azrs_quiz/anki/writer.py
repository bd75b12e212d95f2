"""Writing an ``.apkg`` so that the same notes always give the same bytes.

genanki's own ``Package.write_to_file`` stamps notes with the clock, leaves the
temporary database behind and zips it with its file time. Here genanki only fills
the SQLite database (``Package.write_to_db``); everything that could vary is
pinned:

- note and card ids count up from a fixed base, in note order;
- every note, card and note type carries the modification time it is given
  (see :mod:`azrs_quiz.anki.history`), never the clock;
- the database is filled by the same statements in the same order, and the
  "SQLite version that last wrote" field of its header is pinned, so another
  SQLite release does not change the file (vacuuming would save only 2% and cost
  a fifth of the write);
- the zip is stored uncompressed (deflate output differs between zlib builds),
  its two entries (``collection.anki2``, ``media``) in a fixed order, each with the
  deck's newest modification time, fixed permissions and no extra fields.
"""

from __future__ import annotations

import itertools
import sqlite3
import struct
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import genanki

#: Note and card ids count up from here (2026-01-01T00:00:00Z in milliseconds).
ID_BASE = 1_767_225_600_000

#: Written into the database header where SQLite puts its own version number.
PINNED_SQLITE_VERSION = 3_045_000
_SQLITE_VERSION_OFFSET = 96


class StampedModel(genanki.Model):  # type: ignore[misc]
    """A genanki note type whose modification time is given, not taken from the build."""

    def __init__(self, *args: Any, stamp: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stamp = stamp

    def to_json(self, timestamp: float, deck_id: int) -> Any:
        return super().to_json(self.stamp, deck_id)


class StampedNote(genanki.Note):  # type: ignore[misc]
    """A genanki note (and its cards) written with its own modification time."""

    def __init__(self, *args: Any, stamp: int, on_written: Callable[[], None] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stamp = stamp
        self.on_written = on_written

    def write_to_db(self, cursor: sqlite3.Cursor, timestamp: float, deck_id: int, id_gen: Any) -> None:
        super().write_to_db(cursor, self.stamp, deck_id, id_gen)
        if self.on_written is not None:
            self.on_written()


def write_apkg(path: Path, decks: Sequence[genanki.Deck], *, zip_time: int) -> None:
    """Write ``decks`` (with their notes) as an ``.apkg`` at ``path``, reproducibly."""
    with tempfile.TemporaryDirectory(prefix="azrs-anki-") as folder:
        database = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(database)
        try:
            connection.execute("PRAGMA page_size = 4096")
            cursor = connection.cursor()
            package = genanki.Package(list(decks))
            package.write_to_db(cursor, ID_BASE // 1000, itertools.count(ID_BASE))
            connection.commit()
        finally:
            connection.close()
        with database.open("r+b") as handle:
            handle.seek(_SQLITE_VERSION_OFFSET)
            handle.write(struct.pack(">I", PINNED_SQLITE_VERSION))
        entries = (("collection.anki2", database.read_bytes()), ("media", b"{}"))
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
            for name, data in entries:
                archive.writestr(_entry(name, zip_time), data)


def _entry(name: str, seconds: int) -> zipfile.ZipInfo:
    # Zip times are local-free calendar fields; 1980 is the earliest a zip can hold.
    fields = time.gmtime(max(seconds, 315_532_800))[:6]
    info = zipfile.ZipInfo(name, date_time=fields)
    info.compress_type = zipfile.ZIP_STORED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    return info
