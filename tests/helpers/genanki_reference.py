"""The deck written through genanki's own objects: the reference our direct writer must match byte for byte."""

from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path
from typing import Any

import genanki

from azrs_quiz.anki.deck import BuiltDeck, CardRow
from azrs_quiz.anki.writer import ID_BASE, PRESET_ID, add_preset, package_database


class _StampedModel(genanki.Model):  # type: ignore[misc]
    def __init__(self, *args: Any, stamp: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stamp = stamp

    def to_json(self, timestamp: float, deck_id: int) -> Any:
        return super().to_json(self.stamp, deck_id)


class _Deck(genanki.Deck):  # type: ignore[misc]
    def to_json(self) -> Any:
        return {**super().to_json(), "conf": PRESET_ID}


class _RowNote(genanki.Note):  # type: ignore[misc]
    """A genanki note written with its own time and exactly the given cards and positions."""

    def __init__(self, *, rows: tuple[CardRow, ...], stamp: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rows = rows
        self.stamp = stamp

    @property
    def cards(self) -> list[Any]:
        return []

    def write_to_db(self, cursor: sqlite3.Cursor, timestamp: float, deck_id: int, id_gen: Any) -> None:
        super().write_to_db(cursor, self.stamp, deck_id, id_gen)
        note_id = cursor.lastrowid
        for row in self.rows:
            genanki.Card(row.ord).write_to_db(cursor, self.stamp, deck_id, note_id, id_gen, row.due)


def write_with_genanki(path: Path, built: BuiltDeck, *, zip_time: int) -> None:
    """Write ``built`` as an ``.apkg`` the genanki way (``Package.write_to_db``), pinned like ours."""
    models = {
        note_type.id: _StampedModel(
            note_type.id,
            note_type.name,
            fields=[{"name": name} for name in note_type.fields],
            templates=[{"name": t.name, "qfmt": t.front, "afmt": t.back} for t in note_type.templates],
            css=note_type.css,
            stamp=stamp,
        )
        for note_type, stamp in built.note_types
    }
    decks = []
    for deck in built.decks:
        genanki_deck = _Deck(deck.id, deck.name, description=deck.description)
        for note in deck.notes:
            genanki_deck.add_note(
                _RowNote(
                    model=models[note.note_type],
                    fields=list(note.fields),
                    tags=list(note.tags),
                    guid=note.guid,
                    rows=note.cards,
                    stamp=note.stamp,
                )
            )
        decks.append(genanki_deck)
    database = path.with_suffix(".anki2")
    connection = sqlite3.connect(database)
    try:
        connection.execute("PRAGMA page_size = 4096")
        cursor = connection.cursor()
        genanki.Package(decks).write_to_db(cursor, ID_BASE // 1000, itertools.count(ID_BASE))
        add_preset(cursor)
        connection.commit()
    finally:
        connection.close()
    package_database(database, path, zip_time=zip_time)
    database.unlink()
