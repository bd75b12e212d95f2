"""Driving a real Anki collection (the ``anki`` library) the way a learner would."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest


def import_package(col: Collection, path: Path) -> Any:
    """Import with Anki's default options (update notes and note types only when newer); the log."""
    request = ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
    return col.import_anki_package(request).log


def log_counts(log: Any) -> tuple[int, int, int]:
    """(new, updated, duplicate) of an import log, as Anki's import summary shows them."""
    return len(log.new), len(log.updated), len(log.duplicate)


def visible_text(rendered: str) -> str:
    """What a rendered card shows as text: no style sheet, no tags, entities decoded."""
    without_style = re.sub(r"<style>.*?</style>", "", rendered, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", without_style)).strip()


def answer_every_card(col: Collection, ease: int = 3) -> None:
    """Study: answer every card of the collection once."""
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        card.start_timer()
        col.sched.answerCard(card, ease)


def new_card_order(col: Collection, deck: str) -> list[Any]:
    """The new cards of a deck in the order Anki's scheduler shows them (default options, no daily limit)."""
    config = col.decks.get_config(1)
    assert config is not None
    config["new"]["perDay"] = 9999
    col.decks.update_config(config)
    deck_id = col.decks.id_for_name(deck)
    assert deck_id is not None, deck
    col.decks.select(deck_id)
    shown = []
    while True:
        queued = col.sched.get_queued_cards(fetch_limit=1)
        if not queued.cards:
            break
        card = col.get_card(queued.cards[0].card.id)
        shown.append(card)
        card.start_timer()
        col.sched.answerCard(card, 4)  # Easy: out of today's queue
    return shown


def deck_of(col: Collection, card: Any) -> str:
    """The full name of the deck a card sits in."""
    return str(col.decks.name(card.did))
