"""The question bank as JSON: every question, with the pack metadata and the credit it needs."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from azrs_quiz.facts.content import Content
from azrs_quiz.questions.model import Question

#: Names this file's layout; bumped if a field changes meaning or goes away.
FORMAT = "azrs-quiz-bank/1"


def export(questions: Sequence[Question], content: Content, /) -> str:
    """``azrs-quiz export json``: the questions with the packs' metadata and credit."""
    return bank_to_json(content, questions)


def bank_to_json(content: Content, questions: Iterable[Question]) -> str:
    """The questions as a JSON document, byte for byte the same for the same input.

    Layout: ``{"format", "pack": [metadata of each pack], "attribution", "questions":
    [{"id", "fact_id", "kind", "angle", "topic", "prompt", "options", "answer",
    "explanation", "sources", "citations"}]}`` where ``answer`` is the 0-based index
    of the correct option. UTF-8 text (not ASCII escapes), two-space indents, a
    final newline.
    """
    document: dict[str, Any] = {
        "format": FORMAT,
        "pack": [pack.model_dump(mode="json") for pack in content.packs],
        "attribution": content.attribution,
        "questions": [question_to_dict(question) for question in questions],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def question_to_dict(question: Question) -> dict[str, Any]:
    """One question as a JSON-ready mapping, keys in a fixed order."""
    return {
        "id": question.id,
        "fact_id": question.fact_id,
        "kind": question.kind,
        "angle": question.angle,
        "topic": question.topic,
        "prompt": question.prompt,
        "options": list(question.options),
        "answer": question.answer,
        "explanation": question.explanation,
        "sources": list(question.sources),
        "citations": list(question.citations),
    }
