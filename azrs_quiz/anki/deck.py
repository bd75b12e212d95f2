"""Turning note specs into genanki decks: the parent deck, a subdeck per topic, stamped notes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import genanki

from azrs_quiz.anki import notetypes
from azrs_quiz.anki.history import NoteHistory
from azrs_quiz.anki.ids import PARENT_DECK_ID, PARENT_DECK_NAME, TOPIC_DECKS, topic_deck_name
from azrs_quiz.anki.notes import NoteSpec
from azrs_quiz.anki.notetypes import NoteType
from azrs_quiz.anki.writer import StampedModel, StampedNote
from azrs_quiz.facts.models import TOPICS

_DESCRIPTION = (
    "Facts about the relations between Azerbaijan and Serbia, each with its source. "
    "Import a newer version of this deck over this one: changed notes are updated in place "
    "and your review history is kept.<br>{credit}"
)


def notetype_key(note_type: NoteType) -> str:
    """The history key of a note type."""
    return f"notetype:{note_type.id}"


@dataclass(frozen=True)
class BuiltDeck:
    """The genanki decks ready to write, and what went into them."""

    decks: tuple[genanki.Deck, ...]
    notes: int
    cards: int
    unrecorded: int
    newest_stamp: int


def build_decks(
    specs: Sequence[NoteSpec],
    history: NoteHistory,
    credit: str,
    *,
    on_written: Callable[[], None] | None = None,
) -> BuiltDeck:
    """Assemble the decks: every note stamped from ``history``, in the subdeck of its topic."""
    models: dict[int, StampedModel] = {}
    stamps: list[int] = []
    unrecorded = 0
    fallback = history.fallback_stamp()
    for note_type in notetypes.NOTE_TYPES:
        fingerprint = note_type.fingerprint()
        recorded = history.recorded(notetype_key(note_type), fingerprint)
        stamp = fallback if recorded is None else recorded
        unrecorded += recorded is None
        stamps.append(stamp)
        models[note_type.id] = _model(note_type, stamp)

    parent = genanki.Deck(PARENT_DECK_ID, PARENT_DECK_NAME, description=_DESCRIPTION.format(credit=credit))
    subdecks = {
        topic: genanki.Deck(TOPIC_DECKS[topic][0], topic_deck_name(topic))
        for topic in TOPICS
        if any(spec.topic == topic for spec in specs)
    }
    cards = 0
    for position, spec in enumerate(specs):
        fingerprint = spec.fingerprint()
        recorded = history.recorded(spec.key, fingerprint)
        stamp = fallback if recorded is None else recorded
        unrecorded += recorded is None
        stamps.append(stamp)
        note = StampedNote(
            model=models[spec.note_type.id],
            fields=list(spec.fields),
            tags=list(spec.tags),
            guid=spec.guid,
            due=position,
            stamp=stamp,
            on_written=on_written,
        )
        cards += len(note.cards)
        subdecks[spec.topic].add_note(note)
    return BuiltDeck((parent, *subdecks.values()), len(specs), cards, unrecorded, max(stamps))


def _model(note_type: NoteType, stamp: int) -> StampedModel:
    return StampedModel(
        note_type.id,
        note_type.name,
        fields=[{"name": name} for name in note_type.fields],
        templates=[
            {"name": template.name, "qfmt": template.front, "afmt": template.back} for template in note_type.templates
        ],
        css=note_type.css,
        stamp=stamp,
    )
