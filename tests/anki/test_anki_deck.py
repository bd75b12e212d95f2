"""The shipped deck: current with the bundled content, dated by the shipped history, and clean in Anki."""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

import pytest

from azrs_quiz.anki import export_anki
from azrs_quiz.facts.content import Content

SHIPPED_DECK = Path(__file__).parents[2] / "decks" / "azerbaijan-serbia.apkg"
REBUILD = "azrs-quiz export anki --output decks/azerbaijan-serbia.apkg --force --record-history"


def test_shipped_history_dates_every_note_of_the_bundled_content(tmp_path: Path, bundled_content: Content) -> None:
    result = export_anki(bundled_content, tmp_path / "deck.apkg")

    assert result.unrecorded == 0, f"the content changed since the history was recorded: run {REBUILD}"


def test_shipped_deck_is_what_the_bundled_content_builds(tmp_path: Path, bundled_content: Content) -> None:
    export_anki(bundled_content, tmp_path / "deck.apkg")

    fresh = hashlib.sha256((tmp_path / "deck.apkg").read_bytes()).hexdigest()
    shipped = hashlib.sha256(SHIPPED_DECK.read_bytes()).hexdigest()

    # Digests, not bytes: a stale deck should say what to run, not print a megabyte of diff.
    assert fresh == shipped, f"decks/azerbaijan-serbia.apkg is stale: run {REBUILD}"


def test_shipped_deck_imports_into_anki_and_every_card_renders(tmp_path: Path, bundled_content: Content) -> None:
    collection_module = pytest.importorskip("anki.collection")
    result = export_anki(bundled_content, tmp_path / "deck.apkg")
    col = collection_module.Collection(str(tmp_path / "collection.anki2"))
    try:
        request = collection_module.ImportAnkiPackageRequest(
            package_path=str(tmp_path / "deck.apkg"), options=collection_module.ImportAnkiPackageOptions()
        )
        log = col.import_anki_package(request).log
        assert (len(log.new), len(log.conflicting)) == (result.notes, 0)
        assert (col.note_count(), col.card_count()) == (result.notes, result.cards)
        for card_id in col.find_cards(""):
            card = col.get_card(card_id)
            question, answer = card.question(), card.answer()
            assert "{{" not in question + answer
            assert _visible(question) and _visible(answer) != _visible(question), card.note().fields
    finally:
        col.close()


def _visible(rendered: str) -> str:
    text = re.sub(r"<style>.*?</style>", "", rendered, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", text)).strip()
