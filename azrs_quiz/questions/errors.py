"""Errors the question engine raises when asked for something it cannot give."""

from __future__ import annotations

from azrs_quiz.errors import AzrsQuizError, UnknownTopic


class InvalidCount(AzrsQuizError):
    """A quiz was asked for fewer than one question."""


class InvalidOptionCount(AzrsQuizError):
    """Questions were asked for with fewer than 3 or more than 5 options."""


class NoQuestions(AzrsQuizError):
    """The content yields no question at all, so no quiz can be drawn from it."""


class UnknownTheme(UnknownTopic):
    """A theme was asked for that no question of the chosen topics has."""
