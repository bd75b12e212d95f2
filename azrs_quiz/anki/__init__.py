"""Anki decks that import cleanly, update in place and build byte for byte the same.

    from azrs_quiz import load_content
    from azrs_quiz.anki import export_anki

    export_anki(load_content(), "azerbaijan-serbia.apkg", topics=["dates"])

The package, one concern per module:

- :mod:`~azrs_quiz.anki.build` the export itself: notes, history, decks, file;
- :mod:`~azrs_quiz.anki.ids` the fixed note type ids, deck ids and note GUIDs;
- :mod:`~azrs_quiz.anki.notetypes` the two note types (fields, cards, CSS);
- :mod:`~azrs_quiz.anki.fields` how content text is escaped for an Anki field;
- :mod:`~azrs_quiz.anki.notes` questions and facts as note fields and tags, and retired notes;
- :mod:`~azrs_quiz.anki.history` the recorded modification times that make edits
  arrive as updates while builds stay reproducible;
- :mod:`~azrs_quiz.anki.positions` new-card positions that keep one fact's cards apart;
- :mod:`~azrs_quiz.anki.deck` one deck per pack, stamped notes and positioned cards;
- :mod:`~azrs_quiz.anki.writer` the reproducible ``.apkg`` writer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from azrs_quiz.anki.errors import AnkiExportError, HistoryError

if TYPE_CHECKING:  # imported on first use: building a deck needs the question engine
    from azrs_quiz.anki.build import AnkiExport as AnkiExport
    from azrs_quiz.anki.build import export_anki as export_anki

__all__ = ["AnkiExport", "AnkiExportError", "HistoryError", "export_anki"]


def __getattr__(name: str) -> Any:
    if name in ("AnkiExport", "export_anki"):
        from azrs_quiz.anki import build

        return getattr(build, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
