"""The same content builds the same bytes; note times come from the recorded history."""

from __future__ import annotations

import json
import sqlite3
import time
import zipfile
from pathlib import Path

import pytest

from azrs_quiz.anki import HistoryError, export_anki
from azrs_quiz.anki.history import EPOCH_FLOOR, NoteHistory
from azrs_quiz.facts.content import Content

T1 = 1_800_000_000


def note_times(deck: Path, tmp_path: Path) -> dict[str, int]:
    """The modification time of every note in a built deck, by its key (the last field)."""
    database = tmp_path / "unzipped.anki2"
    with zipfile.ZipFile(deck) as archive:
        database.write_bytes(archive.read("collection.anki2"))
    with sqlite3.connect(database) as connection:
        rows = connection.execute("select flds, mod from notes").fetchall()
    return {fields.split("\x1f")[-1]: mod for fields, mod in rows}


def test_two_builds_are_byte_identical_whatever_the_clock(
    tmp_path: Path, tiny_content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    history = tmp_path / "history.json"
    export_anki(tiny_content, tmp_path / "first.apkg", history=history, record_history=True, now=T1)

    monkeypatch.setattr(time, "time", lambda: 2_100_000_000.0)
    (tmp_path / "later").mkdir()
    export_anki(tiny_content, tmp_path / "later" / "second.apkg", history=history)

    assert (tmp_path / "first.apkg").read_bytes() == (tmp_path / "later" / "second.apkg").read_bytes()


def test_zip_entries_are_pinned(tmp_path: Path, tiny_content: Content) -> None:
    deck = tmp_path / "deck.apkg"
    export_anki(tiny_content, deck, history=tmp_path / "history.json", record_history=True, now=T1)

    with zipfile.ZipFile(deck) as archive:
        entries = archive.infolist()
        media = archive.read("media")

    assert [entry.filename for entry in entries] == ["collection.anki2", "media"]
    assert {entry.date_time for entry in entries} == {time.gmtime(T1)[:6]}
    assert {entry.compress_type for entry in entries} == {zipfile.ZIP_STORED}
    assert media == b"{}"


def test_notes_carry_their_recorded_times(tmp_path: Path, tiny_content: Content) -> None:
    history = tmp_path / "history.json"
    history.write_text(
        NoteHistory({"mc:embassy-opened:when": ("not-this-content", 1_790_000_000)}).dumps(), encoding="utf-8"
    )
    deck = tmp_path / "deck.apkg"

    result = export_anki(tiny_content, deck, history=history, record_history=True, now=T1)
    times = note_times(deck, tmp_path)

    assert times["embassy-opened:when"] == T1  # changed content: the new time
    assert set(times.values()) == {T1}
    notes_and_types = [key for key in result.recorded if not key.startswith("card:")]
    assert len(notes_and_types) == result.notes + 2  # every note and both note types
    assert "card:fact:embassy-opened:reverse" in result.recorded  # its reverse card, remembered
    recorded = json.loads(history.read_text(encoding="utf-8"))["notes"]
    assert recorded["mc:embassy-opened:when"][1] == T1


def test_source_date_epoch_dates_unrecorded_notes_but_never_recorded_ones(
    tmp_path: Path, tiny_content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    history = tmp_path / "history.json"
    export_anki(tiny_content, tmp_path / "recorded.apkg", history=history, record_history=True, now=T1)
    empty = tmp_path / "empty.json"
    empty.write_text(NoteHistory().dumps(), encoding="utf-8")

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T1 + 500))
    export_anki(tiny_content, tmp_path / "again.apkg", history=history)
    export_anki(tiny_content, tmp_path / "unrecorded.apkg", history=empty)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    export_anki(tiny_content, tmp_path / "floor.apkg", history=empty)

    assert (tmp_path / "again.apkg").read_bytes() == (tmp_path / "recorded.apkg").read_bytes()
    assert set(note_times(tmp_path / "unrecorded.apkg", tmp_path).values()) == {T1 + 500}
    assert set(note_times(tmp_path / "floor.apkg", tmp_path).values()) == {EPOCH_FLOOR}


def test_recording_moves_a_changed_note_forward_even_with_a_clock_behind() -> None:
    history = NoteHistory({"fact:a": ("old", T1), "fact:b": ("same", T1)})

    changed = history.record([("fact:a", "new"), ("fact:b", "same"), ("fact:c", "first")], now=T1 - 3600)

    assert changed == ["fact:a", "fact:c"]
    assert history.recorded("fact:a", "new") == T1 + 1
    assert history.recorded("fact:b", "same") == T1
    assert history.recorded("fact:c", "first") == T1 - 3600
    assert history.recorded("fact:a", "old") is None


def test_history_round_trips_through_its_file_form() -> None:
    history = NoteHistory({"mc:x:when": ("abc", T1), "fact:x": ("def", T1 + 5)})

    again = NoteHistory.parse(history.dumps())

    assert again.dumps() == history.dumps()
    assert again.recorded("fact:x", "def") == T1 + 5
    assert history.dumps().splitlines()[4] == '  "fact:x": ["def", 1800000005],'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "is not valid JSON"),
        ('{"format": 2, "notes": {}}', "is not a format 1 azrs_quiz note history"),
        ('{"format": 1, "notes": {"fact:x": ["abc", "soon"]}}', "entry 'fact:x' must be [fingerprint, seconds]"),
    ],
)
def test_a_broken_history_file_is_reported(tmp_path: Path, tiny_content: Content, text: str, message: str) -> None:
    history = tmp_path / "history.json"
    history.write_text(text, encoding="utf-8")

    with pytest.raises(HistoryError) as caught:
        export_anki(tiny_content, tmp_path / "deck.apkg", history=history)

    assert message in str(caught.value)
    assert str(history) in str(caught.value)
    assert not (tmp_path / "deck.apkg").exists()


def test_a_bad_source_date_epoch_is_reported(
    tmp_path: Path, tiny_content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")

    with pytest.raises(HistoryError) as caught:
        export_anki(tiny_content, tmp_path / "deck.apkg", history=tmp_path / "h.json", record_history=True)

    assert str(caught.value) == "SOURCE_DATE_EPOCH must be a whole number of seconds, not 'yesterday'"
