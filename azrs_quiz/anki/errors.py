"""Errors of the Anki export."""

from __future__ import annotations

from azrs_quiz.errors import AzrsQuizError


class AnkiExportError(AzrsQuizError):
    """The deck cannot be built from this content (a question Anki cannot hold, no notes...)."""


class HistoryError(AzrsQuizError):
    """The note history file is missing, unreadable or malformed."""
