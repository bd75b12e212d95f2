"""From note specs to the rows of the package: one deck per pack, stamped notes, positioned cards.

Each pack gets one deck, named after its title, and every card of its notes goes
there; topics are tags (``azrs::dates``), which follow a note through every update,
where a card put in a topic subdeck would stay there after its fact moved (Anki
never moves an existing card on import).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from azrs_quiz.anki import notetypes
from azrs_quiz.anki.fields import escape
from azrs_quiz.anki.history import NoteHistory
from azrs_quiz.anki.ids import RETIRED_TAG, deck_id, deck_name, pack_note_guid
from azrs_quiz.anki.notes import NoteSpec
from azrs_quiz.anki.notetypes import NoteType
from azrs_quiz.anki.positions import spaced_order
from azrs_quiz.facts.models import PackMeta

_DESCRIPTION = (
    "{description}Each fact with its source. Import a newer version of this deck over this one: "
    "changed notes are updated in place and your review history is kept. Notes that left the deck "
    "are tagged azrs::retired.<br>{credit}"
)


def notetype_key(note_type: NoteType) -> str:
    """The history key of a note type."""
    return f"notetype:{note_type.id}"


class CardRow(NamedTuple):
    """One card: its template ordinal and new-card position (a tuple: tens of thousands are made)."""

    ord: int
    due: int


class NoteRow(NamedTuple):
    """One note as the package stores it."""

    guid: str
    note_type: int
    stamp: int
    tags: tuple[str, ...]
    fields: tuple[str, ...]
    cards: tuple[CardRow, ...]


@dataclass(frozen=True)
class DeckRows:
    """One deck and the notes whose cards it holds (a retired note, having none, goes with its pack)."""

    id: int
    name: str
    description: str
    notes: tuple[NoteRow, ...]


@dataclass(frozen=True)
class BuiltDeck:
    """Everything the writer needs, and what went into it."""

    decks: tuple[DeckRows, ...]
    note_types: tuple[tuple[NoteType, int], ...]
    notes: int
    cards: int
    retired: int
    unrecorded: int
    newest_stamp: int


def card_positions(specs: Sequence[NoteSpec]) -> dict[tuple[int, int], int]:
    """The new-card position of every card, keyed by (note index, template ordinal).

    Each pack's deck is spaced on its own (Anki gathers new cards deck by deck), its
    positions following the previous pack's.
    """
    by_pack: dict[str, list[int]] = {}
    for index, spec in enumerate(specs):
        if spec.cards:
            by_pack.setdefault(spec.pack, []).append(index)
    positions: dict[tuple[int, int], int] = {}
    for indexes in by_pack.values():
        _space(specs, indexes, positions)
    return positions


def _space(specs: Sequence[NoteSpec], indexes: Sequence[int], positions: dict[tuple[int, int], int]) -> None:
    start = len(positions)
    firsts = [index for index in indexes if 0 in specs[index].cards]
    order = spaced_order([specs[index].group for index in firsts])
    for position, at in enumerate(order, start=start):
        positions[firsts[at], 0] = position
    # Reverse cards after every first card (Anki's default order shows card 1 before card 2), spaced
    # from each other and from the last first cards.
    reverses = [(index, ord_) for index in indexes for ord_ in specs[index].cards if ord_ > 0]
    placed = [specs[firsts[at]].group for at in order]
    reverse_order = spaced_order([specs[index].group for index, _ in reverses], after=placed)
    for position, at in enumerate(reverse_order, start=len(positions)):
        positions[reverses[at]] = position


def build_decks(
    specs: Sequence[NoteSpec],
    history: NoteHistory,
    packs: Sequence[PackMeta],
    credits: dict[str, str],
    *,
    edited_at: int | None = None,
) -> BuiltDeck:
    """Assemble the decks: every note stamped from ``history``, its cards in its pack's deck."""
    stamps: list[int] = []
    unrecorded = 0
    fallback = history.fallback_stamp(edited_at)
    note_types: list[tuple[NoteType, int]] = []
    for note_type in notetypes.NOTE_TYPES:
        recorded = history.recorded(notetype_key(note_type), note_type.fingerprint())
        unrecorded += recorded is None
        stamp = fallback if recorded is None else recorded
        stamps.append(stamp)
        note_types.append((note_type, stamp))

    positions = card_positions(specs)
    by_pack: dict[str, list[NoteRow]] = {pack.id: [] for pack in packs}
    known = frozenset(history.keys())
    # Rows made as plain tuples of their class (what NamedTuple's own __new__ does, without its call).
    make = tuple.__new__
    cards = retired = 0
    for index, spec in enumerate(specs):
        key = spec.key
        # A note the history does not know needs no fingerprint (a hash of all its fields).
        recorded = history.recorded(key, spec.fingerprint) if key in known else None
        if recorded is None:
            unrecorded += 1
            stamp = fallback
        else:
            stamp = recorded
        stamps.append(stamp)
        ords = spec.cards
        if len(ords) == 1:  # most notes: one card
            card_rows: tuple[CardRow, ...] = (make(CardRow, (ords[0], positions[index, ords[0]])),)
        else:
            card_rows = tuple([make(CardRow, (ord_, positions[index, ord_])) for ord_ in ords])
        cards += len(card_rows)
        tags = spec.tags
        retired += RETIRED_TAG in tags
        rows = by_pack.get(spec.pack)
        if rows is None:
            rows = by_pack[spec.pack] = []
        guid = pack_note_guid(key, spec.pack)
        rows.append(make(NoteRow, (guid, spec.note_type.id, stamp, tags, spec.fields, card_rows)))

    titles = {pack.id: pack for pack in packs}
    decks = []
    for pack_id, note_rows in by_pack.items():
        pack = titles.get(pack_id)
        if pack is None or not any(row.cards for row in note_rows):
            continue
        description = f"{pack.description} " if pack.description else ""
        decks.append(
            DeckRows(
                deck_id(pack.id),
                deck_name(pack),
                _DESCRIPTION.format(description=escape(description), credit=credits[pack.id]),
                tuple(note_rows),
            )
        )
    # Notes without cards in any deck of this build (retired ones of other packs) go with the first deck.
    kept = {deck.id for deck in decks}
    strays = tuple(
        row
        for pack_id, rows in by_pack.items()
        if pack_id not in titles or deck_id(pack_id) not in kept
        for row in rows
    )
    if strays and decks:
        first = decks[0]
        decks[0] = DeckRows(first.id, first.name, first.description, first.notes + strays)
    return BuiltDeck(tuple(decks), tuple(note_types), len(specs), cards, retired, unrecorded, max(stamps))
