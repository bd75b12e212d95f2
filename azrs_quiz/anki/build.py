"""The Anki export: notes from the content, times from the history, one deck per pack, one file."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from azrs_quiz.anki import notetypes
from azrs_quiz.anki.deck import build_decks, notetype_key
from azrs_quiz.anki.errors import AnkiExportError
from azrs_quiz.anki.history import NoteHistory, bundled_history_path, source_date_epoch
from azrs_quiz.anki.notes import build_notes, pack_credit_html, reverse_key
from azrs_quiz.anki.writer import write_apkg
from azrs_quiz.arguments import instance_of, path_like, topic_names
from azrs_quiz.atomic import write_atomically, write_text_atomically
from azrs_quiz.facts.content import Content
from azrs_quiz.facts.models import TOPICS, Topic
from azrs_quiz.facts.topics import choose_topics
from azrs_quiz.gcpause import garbage_collection_paused, keep_to_exit
from azrs_quiz.questions import question_bank
from azrs_quiz.questions.model import Question

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
    #: The names of the decks the cards went to, one per pack.
    decks: tuple[str, ...] = ()
    #: Notes shipped only to say that they left the content (tagged ``azrs::retired``, no cards).
    retired: int = 0


def export_anki(
    content: Content,
    path: str | Path,
    *,
    topics: Sequence[Topic] | None = None,
    force: bool = False,
    history: str | Path | None = None,
    record_history: bool = False,
    now: int | None = None,
    edited_at: int | None = None,
    questions: Sequence[Question] | None = None,
    progress: ProgressCallback | None = None,
) -> AnkiExport:
    """Write the content as an Anki package (``.apkg``) at ``path``, atomically.

    ``topics`` limits the deck to those topics (default: all the content has).
    Refuses to replace an existing file unless ``force``. ``history`` is the note
    history file giving each note its modification time (default: the one shipped
    with azrs_quiz, for the bundled content); with ``record_history``, new and changed
    notes are first recorded in it at ``now`` (default: ``SOURCE_DATE_EPOCH``, else
    the current time). ``edited_at`` is when the content was last modified (see
    :func:`~azrs_quiz.anki.history.newest_mtime`): notes the history does not know are
    stamped no earlier, so every later edit reaches Anki. ``questions`` replaces the
    question bank of ``content``.
    """
    # Notes, rows and the package are hundreds of thousands of small objects that all stay
    # alive until the file is written: a collection pass would rescan them (and the content)
    # again and again for nothing.
    with garbage_collection_paused():
        return _export(content, path, topics, force, history, record_history, now, edited_at, questions, progress)


def _export(
    content: Content,
    path: str | Path,
    topics: Sequence[Topic] | None,
    force: bool,
    history: str | Path | None,
    record_history: bool,
    now: int | None,
    edited_at: int | None,
    questions: Sequence[Question] | None,
    progress: ProgressCallback | None,
) -> AnkiExport:
    instance_of(content, Content, "content")
    path_like(path, "path")
    asked = topic_names(topics)
    if questions is None:
        questions = question_bank(content)
    # A question's topic follows its answer (a place, an event...), a fact note's its fact.
    present = {*content.topics, *(question.topic for question in questions)}
    chosen = choose_topics(asked, tuple(topic for topic in TOPICS if topic in present))

    history_path = Path(history) if history is not None else bundled_history_path()
    # The shipped history may be absent (a fresh content set): that is an empty history.
    note_history = NoteHistory.load(history_path, missing_ok=record_history or history is None)
    pack_ids = [pack.id for pack in content.packs]
    if history is None and not note_history.covers(pack_ids):
        note_history = NoteHistory()  # the shipped history dates the bundled packs, not this content
    specs = build_notes(content, questions, chosen, known_keys=note_history.keys())
    if not any(spec.cards for spec in specs):
        raise AnkiExportError(f"no notes to export for the topics: {', '.join(chosen)}")
    recorded: list[str] = []
    before = note_history.dumps()
    if record_history:
        stamp_now = now if now is not None else (source_date_epoch() or int(time.time()))
        items = [(notetype_key(note_type), note_type.fingerprint()) for note_type in notetypes.NOTE_TYPES]
        items += [(spec.key, spec.fingerprint) for spec in specs]
        items += [(reverse_key(spec.key), "shipped") for spec in specs if 1 in spec.cards]
        recorded = note_history.record(items, stamp_now)
        note_history.add_packs(pack_ids)

    credits = {pack.id: pack_credit_html(pack) for pack in content.packs}
    built = build_decks(specs, note_history, content.packs, credits, edited_at=edited_at)
    target = Path(path)
    write_atomically(
        target,
        lambda temporary: write_apkg(
            temporary, built, zip_time=built.newest_stamp, on_written=_counter(progress, len(specs))
        ),
        force=force,
    )
    if record_history and note_history.dumps() != before:
        write_text_atomically(history_path, note_history.dumps(), force=True)
    keep_to_exit(questions, specs, built)
    return AnkiExport(
        target,
        built.notes,
        built.cards,
        chosen,
        tuple(recorded),
        built.unrecorded,
        tuple(deck.name for deck in built.decks),
        built.retired,
    )


def _counter(progress: ProgressCallback | None, total: int) -> Callable[[], None] | None:
    """A callback for each note written that reports ``(written, total)`` to ``progress``; none without one."""
    if progress is None:
        return None
    report = progress
    written = 0

    def tick() -> None:
        nonlocal written
        written += 1
        report(written, total)

    return tick
