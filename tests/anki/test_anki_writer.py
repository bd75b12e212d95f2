"""The direct writer: the same bytes genanki's own objects write, without a genanki object per note."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from helpers.genanki_reference import write_with_genanki
from helpers.paths import TINY_PACK

from azrs_quiz.anki.deck import build_decks
from azrs_quiz.anki.history import NoteHistory
from azrs_quiz.anki.notes import build_notes, pack_credit_html
from azrs_quiz.anki.writer import write_apkg
from azrs_quiz.facts.content import Content
from azrs_quiz.questions import question_bank


def test_rows_written_directly_are_byte_identical_to_genanki(tmp_path: Path, tiny_content: Content) -> None:
    history = NoteHistory({"fact:gone": ("old", 1_800_000_000), "card:fact:embassy-opened:reverse": ("shipped", 1)})
    specs = build_notes(tiny_content, question_bank(tiny_content), tiny_content.topics, known_keys=history.keys())
    credits = {pack.id: pack_credit_html(pack) for pack in tiny_content.packs}
    built = build_decks(specs, history, tiny_content.packs, credits)
    assert built.retired == 1 and built.cards > built.notes  # a retired note and reverse cards are in it

    write_apkg(tmp_path / "direct.apkg", built, zip_time=built.newest_stamp)
    write_with_genanki(tmp_path / "genanki.apkg", built, zip_time=built.newest_stamp)

    assert (tmp_path / "direct.apkg").read_bytes() == (tmp_path / "genanki.apkg").read_bytes()


def test_the_collection_and_note_types_are_genankis_own() -> None:
    import genanki
    from genanki.apkg_col import APKG_COL
    from genanki.apkg_schema import APKG_SCHEMA

    from azrs_quiz.anki import collection
    from azrs_quiz.anki.notetypes import NOTE_TYPES

    assert (collection.APKG_SCHEMA, collection.APKG_COL) == (APKG_SCHEMA, APKG_COL)
    for note_type in NOTE_TYPES:
        model = genanki.Model(
            note_type.id,
            note_type.name,
            fields=[{"name": name} for name in note_type.fields],
            templates=[{"name": t.name, "qfmt": t.front, "afmt": t.back} for t in note_type.templates],
            css=note_type.css,
        )
        mine = collection.note_type_json(note_type, 1_800_000_000, 1234)
        assert json.dumps(mine) == json.dumps(model.to_json(1_800_000_000, 1234))


def test_writing_a_deck_does_not_import_genanki(tmp_path: Path) -> None:
    code = (
        "import sys; from azrs_quiz.anki import export_anki; from azrs_quiz.facts.loader import load_content;"
        f" export_anki(load_content({str(TINY_PACK)!r}), {str(tmp_path / 'deck.apkg')!r});"
        " print('genanki' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
