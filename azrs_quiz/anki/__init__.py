"""Anki decks that import cleanly, update in place and build byte for byte the same.

    from azrs_quiz import load_content
    from azrs_quiz.anki import export_anki

    export_anki(load_content(), "azerbaijan-serbia.apkg", topics=["dates"])

The package, one concern per module:

- :mod:`~azrs_quiz.anki.ids` the fixed note type ids, deck ids and note GUIDs;
- :mod:`~azrs_quiz.anki.notetypes` the two note types (fields, cards, CSS);
- :mod:`~azrs_quiz.anki.notes` questions and facts as escaped note fields and tags;
- :mod:`~azrs_quiz.anki.history` the recorded modification times that make edits
  arrive as updates while builds stay reproducible;
- :mod:`~azrs_quiz.anki.deck` the parent deck, a subdeck per topic, stamped notes;
- :mod:`~azrs_quiz.anki.writer` the reproducible ``.apkg`` writer.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from azrs_quiz.anki import notetypes
from azrs_quiz.anki.deck import build_decks, notetype_key
from azrs_quiz.anki.errors import AnkiExportError, HistoryError
from azrs_quiz.anki.history import NoteHistory, bundled_history_path, source_date_epoch
from azrs_quiz.anki.notes import build_notes, credit_html
from azrs_quiz.anki.writer import write_apkg
from azrs_quiz.atomic import write_atomically, write_text_atomically
from azrs_quiz.facts.content import Content
from azrs_quiz.facts.models import Topic
from azrs_quiz.facts.topics import choose_topics
from azrs_quiz.questions import question_bank
from azrs_quiz.questions.model import Question

__all__ = ["AnkiExport", "AnkiExportError", "HistoryError", "export_anki"]

#: Called as ``progress(notes_written, notes_total)`` while the deck is written.
ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class AnkiExport:
    """What :func:`export_anki` wrote."""

    path: Path
    notes: int
    cards: int
    topics: tuple[Topic, ...]
    #: Keys of the notes and note types whose new content was recorded in the history.
    recorded: tuple[str, ...]
    #: Notes and note types whose content the history does not know (stamped with the fallback time).
    unrecorded: int


def export_anki(
    content: Content,
    path: str | Path,
    *,
    topics: Sequence[Topic] | None = None,
    force: bool = False,
    history: str | Path | None = None,
    record_history: bool = False,
    now: int | None = None,
    questions: Sequence[Question] | None = None,
    progress: ProgressCallback | None = None,
) -> AnkiExport:
    """Write the content as an Anki package (``.apkg``) at ``path``, atomically.

    ``topics`` limits the deck to those topics (default: all the content has).
    Refuses to replace an existing file unless ``force``. ``history`` is the note
    history file giving each note its modification time (default: the one shipped
    with azrs_quiz, see :mod:`azrs_quiz.anki.history`); with ``record_history``, new
    and changed notes are first recorded in it at ``now`` (default:
    ``SOURCE_DATE_EPOCH``, else the current time). ``questions`` replaces the
    question bank of ``content``.
    """
    chosen = choose_topics(topics, content.topics)
    if questions is None:
        questions = question_bank(content)
    specs = build_notes(content, questions, chosen)
    if not specs:
        raise AnkiExportError(f"no notes to export for the topics: {', '.join(chosen)}")

    history_path = Path(history) if history is not None else bundled_history_path()
    # The shipped history may be absent (a fresh content set): that is an empty history.
    note_history = NoteHistory.load(history_path, missing_ok=record_history or history is None)
    recorded: list[str] = []
    if record_history:
        stamp_now = now if now is not None else (source_date_epoch() or int(time.time()))
        items = [(notetype_key(note_type), note_type.fingerprint()) for note_type in notetypes.NOTE_TYPES]
        items += [(spec.key, spec.fingerprint()) for spec in specs]
        recorded = note_history.record(items, stamp_now)

    written = 0

    def tick() -> None:
        nonlocal written
        written += 1
        if progress is not None:
            progress(written, len(specs))

    built = build_decks(specs, note_history, credit_html(content), on_written=tick)
    target = Path(path)
    write_atomically(
        target, lambda temporary: write_apkg(temporary, built.decks, zip_time=built.newest_stamp), force=force
    )
    if recorded:
        write_text_atomically(history_path, note_history.dumps(), force=True)
    return AnkiExport(target, built.notes, built.cards, chosen, tuple(recorded), built.unrecorded)
