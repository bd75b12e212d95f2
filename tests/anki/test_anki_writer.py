"""The direct writer: the same bytes genanki's own objects write, without a genanki object per note."""

from __future__ import annotations

from pathlib import Path

from helpers.genanki_reference import write_with_genanki

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
