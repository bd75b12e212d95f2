"""The library's errors say what is wrong in a Python caller's terms, never the CLI's flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from azrs_quiz.anki import HistoryError, export_anki
from azrs_quiz.errors import OutputExists
from azrs_quiz.facts.content import Content


def test_an_existing_deck_is_refused_without_naming_a_flag(tmp_path: Path, tiny_content: Content) -> None:
    deck = tmp_path / "deck.apkg"
    deck.write_bytes(b"mine")

    with pytest.raises(OutputExists) as caught:
        export_anki(tiny_content, deck)

    assert str(caught.value) == f"'{deck}' already exists"
    assert (caught.value.path, caught.value.is_folder) == (deck, False)
    assert deck.read_bytes() == b"mine"
    export_anki(tiny_content, deck, force=True)  # what the error points a caller to
    assert deck.read_bytes() != b"mine"


def test_a_folder_in_the_way_is_not_overwritable(tmp_path: Path, tiny_content: Content) -> None:
    with pytest.raises(OutputExists) as caught:
        export_anki(tiny_content, tmp_path, force=True)

    assert str(caught.value) == f"'{tmp_path}' is a folder, not a file"
    assert caught.value.is_folder


def test_a_missing_history_is_named_without_a_flag(tmp_path: Path, tiny_content: Content) -> None:
    missing = tmp_path / "history.json"

    with pytest.raises(HistoryError) as caught:
        export_anki(tiny_content, tmp_path / "deck.apkg", history=missing)

    assert str(caught.value) == f"history file '{missing}' does not exist"
