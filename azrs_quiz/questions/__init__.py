"""The question engine: multiple-choice questions made from validated content.

``question_bank(content)`` gives every question the content yields (a pure function
of the content); ``build_quiz(content, topics=..., count=..., seed=...)`` draws a
quiz from it, and ``draw_quiz(bank, ...)`` draws one from a bank already built.

Names are imported on first use: drawing from a cached bank must not pay for the
engine (or for pydantic, which the content models need).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from azrs_quiz.reexports import lazy_attributes

if TYPE_CHECKING:  # "X as X": explicit re-exports for type checkers (the imports below are lazy)
    from azrs_quiz.questions.bank import question_bank as question_bank
    from azrs_quiz.questions.errors import InvalidCount as InvalidCount
    from azrs_quiz.questions.errors import InvalidOptionCount as InvalidOptionCount
    from azrs_quiz.questions.errors import NoQuestions as NoQuestions
    from azrs_quiz.questions.errors import UnknownTheme as UnknownTheme
    from azrs_quiz.questions.model import Question as Question
    from azrs_quiz.questions.model import Quiz as Quiz
    from azrs_quiz.questions.quiz import build_quiz as build_quiz
    from azrs_quiz.questions.quiz import draw_quiz as draw_quiz
    from azrs_quiz.questions.spacing import gives_away as gives_away
    from azrs_quiz.questions.spacing import space_out as space_out
    from azrs_quiz.questions.spacing import spaced_order as spaced_order
    from azrs_quiz.questions.yields import FactYield as FactYield
    from azrs_quiz.questions.yields import fact_yields as fact_yields
    from azrs_quiz.questions.yields import unasked_problems as unasked_problems

_EXPORTS: dict[str, str] = {
    "InvalidCount": "azrs_quiz.questions.errors",
    "InvalidOptionCount": "azrs_quiz.questions.errors",
    "NoQuestions": "azrs_quiz.questions.errors",
    "Question": "azrs_quiz.questions.model",
    "Quiz": "azrs_quiz.questions.model",
    "build_quiz": "azrs_quiz.questions.quiz",
    "draw_quiz": "azrs_quiz.questions.quiz",
    "question_bank": "azrs_quiz.questions.bank",
    "UnknownTheme": "azrs_quiz.questions.errors",
    "gives_away": "azrs_quiz.questions.spacing",
    "space_out": "azrs_quiz.questions.spacing",
    "spaced_order": "azrs_quiz.questions.spacing",
    "FactYield": "azrs_quiz.questions.yields",
    "fact_yields": "azrs_quiz.questions.yields",
    "unasked_problems": "azrs_quiz.questions.yields",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_attributes(__name__, _EXPORTS, globals())
