"""Errors of the Anki export."""

from __future__ import annotations

from pathlib import Path

from azrs_quiz.errors import AzrsQuizError


class AnkiExportError(AzrsQuizError):
    """The deck cannot be built from this content (a question Anki cannot hold, no notes...)."""


class HistoryError(AzrsQuizError):
    """The note history file is missing, unreadable or malformed."""


class HistoryMissing(HistoryError):
    """The note history file does not exist (``record_history=True`` starts one)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"history file '{path}' does not exist")
