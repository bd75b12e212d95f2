"""azrs_quiz: learn the relations between Azerbaijan and Serbia.

The public API, re-exported here::

    import azrs_quiz

    content = azrs_quiz.load_content()           # the bundled, validated content
    quiz = azrs_quiz.build_quiz(content, topics=["dates"], count=5, seed=1)
    bank = azrs_quiz.question_bank(content)      # every question the content yields
    azrs_quiz.export_anki(content, "deck.apkg")  # an Anki package

Names are imported on first use, so ``import azrs_quiz`` (and the CLI's ``--help``)
stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from azrs_quiz._version import __version__
from azrs_quiz.reexports import lazy_attributes

if TYPE_CHECKING:  # "X as X": explicit re-exports for type checkers (the imports below are lazy)
    from azrs_quiz.anki import export_anki as export_anki
    from azrs_quiz.errors import AzrsQuizError as AzrsQuizError
    from azrs_quiz.errors import ContentError as ContentError
    from azrs_quiz.errors import ContentNotFound as ContentNotFound
    from azrs_quiz.errors import ContentProblem as ContentProblem
    from azrs_quiz.errors import InvalidArgumentType as InvalidArgumentType
    from azrs_quiz.errors import InvalidArgumentValue as InvalidArgumentValue
    from azrs_quiz.errors import OutputError as OutputError
    from azrs_quiz.errors import OutputExists as OutputExists
    from azrs_quiz.errors import UnknownTopic as UnknownTopic
    from azrs_quiz.facts.content import Content as Content
    from azrs_quiz.facts.dates import PartialDate as PartialDate
    from azrs_quiz.facts.loader import bundled_content_path as bundled_content_path
    from azrs_quiz.facts.loader import load_content as load_content
    from azrs_quiz.facts.models import TOPICS as TOPICS
    from azrs_quiz.facts.models import Topic as Topic
    from azrs_quiz.progress import ProgressStore as ProgressStore
    from azrs_quiz.progress import compute_stats as compute_stats
    from azrs_quiz.progress import plan_review as plan_review
    from azrs_quiz.questions import InvalidCount as InvalidCount
    from azrs_quiz.questions import NoQuestions as NoQuestions
    from azrs_quiz.questions import Question as Question
    from azrs_quiz.questions import Quiz as Quiz
    from azrs_quiz.questions import build_quiz as build_quiz
    from azrs_quiz.questions import question_bank as question_bank
    from azrs_quiz.session import Answer as Answer

_EXPORTS: dict[str, str] = {
    "Content": "azrs_quiz.facts.content",
    "PartialDate": "azrs_quiz.facts.dates",
    "AzrsQuizError": "azrs_quiz.errors",
    "ContentError": "azrs_quiz.errors",
    "ContentNotFound": "azrs_quiz.errors",
    "ContentProblem": "azrs_quiz.errors",
    "InvalidArgumentType": "azrs_quiz.errors",
    "InvalidArgumentValue": "azrs_quiz.errors",
    "OutputError": "azrs_quiz.errors",
    "OutputExists": "azrs_quiz.errors",
    "UnknownTopic": "azrs_quiz.errors",
    "bundled_content_path": "azrs_quiz.facts.loader",
    "load_content": "azrs_quiz.facts.loader",
    "TOPICS": "azrs_quiz.facts.models",
    "Topic": "azrs_quiz.facts.models",
    "ProgressStore": "azrs_quiz.progress",
    "compute_stats": "azrs_quiz.progress",
    "plan_review": "azrs_quiz.progress",
    "InvalidCount": "azrs_quiz.questions",
    "NoQuestions": "azrs_quiz.questions",
    "Question": "azrs_quiz.questions",
    "Quiz": "azrs_quiz.questions",
    "build_quiz": "azrs_quiz.questions",
    "question_bank": "azrs_quiz.questions",
    "Answer": "azrs_quiz.session",
    "export_anki": "azrs_quiz.anki",
}

__all__ = ["__version__", *_EXPORTS]


__getattr__, __dir__ = lazy_attributes(__name__, _EXPORTS, globals())
