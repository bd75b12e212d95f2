"""Writing an ``.apkg`` so that the same notes always give the same bytes, fast.

The rows go straight into the collection schema that genanki uses (its schema,
its ``col`` row and its note type JSON, copied in :mod:`azrs_quiz.anki.collection`
so that genanki is not imported), row for row as genanki's
``Package.write_to_db`` would write them, without building a genanki object per note
(a test checks the bytes against genanki). Everything that could vary is pinned:

- note and card ids count up from a fixed base, in note order;
- every note, card and note type carries the modification time it is given
  (see :mod:`azrs_quiz.anki.history`), never the clock;
- the database is filled with the same rows in the same order, and the
  "SQLite version that last wrote" field of its header is pinned, so another
  SQLite release does not change the file (vacuuming would save only 2% and cost
  a fifth of the write);
- the zip is stored uncompressed (deflate output differs between zlib builds),
  its two entries (``collection.anki2``, ``media``) in a fixed order, each with the
  deck's newest modification time, fixed permissions and no extra fields.

One departure from genanki: when several decks use a note type, genanki writes the
note type twice into ``col.models`` under the same key (once as text, once as a
number); here it is written once.

The decks use their own options preset (:data:`PRESET_ID`, genanki's default options
under our id and name, which bury a card's siblings: the recall and reverse card of
one fact are never shown on the same day). Anki takes it when the learner ticks
*Import deck presets* (``with_deck_configs``); otherwise the learner's own preset stays.
"""

from __future__ import annotations

import itertools
import json
import shutil
import sqlite3
import struct
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from azrs_quiz.anki.collection import APKG_COL, APKG_SCHEMA, note_type_json
from azrs_quiz.anki.deck import BuiltDeck, DeckRows
from azrs_quiz.atomic import temporary_folder

#: Note and card ids count up from here (2026-01-01T00:00:00Z in milliseconds).
ID_BASE = 1_767_225_600_000

#: Written into the database header where SQLite puts its own version number.
PINNED_SQLITE_VERSION = 3_045_000
_SQLITE_VERSION_OFFSET = 96

#: The options preset of our decks (siblings buried), and its name in Anki.
PRESET_ID = 1_742_590_701
PRESET_NAME = "azrs_quiz (siblings buried)"

#: How much of the database is copied into the package at a time.
_CHUNK = 1 << 20

# genanki binds every column; the columns every row gives the same value are written into the
# statements instead (the same values, stored the same way: a fifth of the writing time).
#: id, guid, mid, mod, usn -1, tags, flds, sfld, csum 0, flags 0, data ''.
_INSERT_NOTE = "INSERT INTO notes VALUES(?,?,?,?,-1,?,?,?,0,0,'');"
#: id, nid, did, ord, mod, usn -1, type 0, queue 0, due, then ivl to flags all 0, data ''.
_INSERT_CARD = "INSERT INTO cards VALUES(?,?,?,?,?,-1,0,0,?,0,0,0,0,0,0,0,0,'');"


def deck_json(deck: DeckRows) -> dict[str, Any]:
    """A deck as genanki writes it into ``col.decks``."""
    return {
        "collapsed": False,
        "conf": PRESET_ID,
        "desc": deck.description,
        "dyn": 0,
        "extendNew": 0,
        "extendRev": 50,
        "id": deck.id,
        "lrnToday": [163, 2],
        "mod": 1425278051,
        "name": deck.name,
        "newToday": [163, 2],
        "revToday": [163, 0],
        "timeToday": [163, 23598],
        "usn": -1,
    }


def write_database(cursor: sqlite3.Cursor, built: BuiltDeck, *, on_written: Callable[[], None] | None = None) -> None:
    """Fill an empty SQLite database with the collection: schema, decks, note types, notes, cards."""
    cursor.executescript(APKG_SCHEMA)
    cursor.executescript(APKG_COL)
    ids = itertools.count(ID_BASE)
    stamps = {note_type.id: (note_type, stamp) for note_type, stamp in built.note_types}
    for deck in built.decks:
        (decks_text,) = cursor.execute("SELECT decks FROM col").fetchone()
        decks = json.loads(decks_text)
        decks[str(deck.id)] = deck_json(deck)
        cursor.execute("UPDATE col SET decks = ?", (json.dumps(decks),))
        (models_text,) = cursor.execute("SELECT models from col").fetchone()
        models = json.loads(models_text)
        for type_id in dict.fromkeys(note.note_type for note in deck.notes):
            note_type, stamp = stamps[type_id]
            models[str(type_id)] = note_type_json(note_type, stamp, deck.id)
        cursor.execute("UPDATE col SET models = ?", (json.dumps(models),))
        execute = cursor.execute
        deck_id = deck.id
        for guid, model_id, modified, tags, fields, cards in deck.notes:
            note_id = next(ids)
            execute(
                _INSERT_NOTE, (note_id, guid, model_id, modified, f" {' '.join(tags)} ", "\x1f".join(fields), fields[0])
            )
            for card_ord, due in cards:
                execute(_INSERT_CARD, (next(ids), note_id, deck_id, card_ord, modified, due))
            if on_written is not None:
                on_written()
    add_preset(cursor)


def add_preset(cursor: sqlite3.Cursor) -> None:
    """Add our options preset to ``col.dconf``: the default one, siblings buried, under our id and name."""
    (presets_text,) = cursor.execute("SELECT dconf FROM col").fetchone()
    presets = json.loads(presets_text)
    preset = json.loads(json.dumps(presets["1"]))
    preset.update(id=PRESET_ID, name=PRESET_NAME)
    preset["new"]["bury"] = preset["rev"]["bury"] = True
    presets[str(PRESET_ID)] = preset
    cursor.execute("UPDATE col SET dconf = ?", (json.dumps(presets),))


def write_apkg(path: Path, built: BuiltDeck, *, zip_time: int, on_written: Callable[[], None] | None = None) -> None:
    """Write the built decks as an ``.apkg`` at ``path``, reproducibly."""
    with temporary_folder("azrs-anki-") as folder:
        database = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(database)
        try:
            connection.execute("PRAGMA page_size = 4096")
            # A scratch database, zipped and then deleted: nothing to roll back or to make durable
            # (no journal, no fsync). The bytes written are the same.
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            write_database(connection.cursor(), built, on_written=on_written)
            connection.commit()
        finally:
            connection.close()
        package_database(database, path, zip_time=zip_time)


def package_database(database: Path, path: Path, *, zip_time: int) -> None:
    """Zip a filled collection database as an ``.apkg``, its SQLite version field and zip entries pinned."""
    with database.open("r+b") as handle:
        handle.seek(_SQLITE_VERSION_OFFSET)
        handle.write(struct.pack(">I", PINNED_SQLITE_VERSION))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        # Copied in chunks, not read whole: the database of a big deck is hundreds of MiB.
        # The same bytes as writestr(): it too sets the size, then writes through open().
        entry = _entry("collection.anki2", zip_time)
        entry.file_size = database.stat().st_size
        with database.open("rb") as source, archive.open(entry, "w") as target:
            shutil.copyfileobj(source, target, _CHUNK)
        archive.writestr(_entry("media", zip_time), b"{}")


def _entry(name: str, seconds: int) -> zipfile.ZipInfo:
    # Zip times are local-free calendar fields; 1980 is the earliest a zip can hold.
    fields = time.gmtime(max(seconds, 315_532_800))[:6]
    info = zipfile.ZipInfo(name, date_time=fields)
    info.compress_type = zipfile.ZIP_STORED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    return info
