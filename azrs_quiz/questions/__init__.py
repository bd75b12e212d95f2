"""The question engine: multiple-choice questions made from validated content.

``question_bank(content)`` gives every question the content yields (a pure function
of the content); ``build_quiz(content, topics=..., count=..., seed=...)`` draws a
quiz from it.
"""

from __future__ import annotations

from azrs_quiz.questions.bank import question_bank
from azrs_quiz.questions.errors import InvalidCount, InvalidOptionCount, NoQuestions
from azrs_quiz.questions.model import Question, Quiz
from azrs_quiz.questions.quiz import build_quiz

__all__ = ["InvalidCount", "InvalidOptionCount", "NoQuestions", "Question", "Quiz", "build_quiz", "question_bank"]
