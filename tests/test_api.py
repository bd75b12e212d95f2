"""The Python API as a developer meets it: ``import azrs_quiz`` and go."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TINY_PACK

import azrs_quiz
from azrs_quiz.errors import AzrsQuizError, UnknownTopic

REPO = Path(__file__).resolve().parent.parent


def test_quiz_from_the_bundled_content() -> None:
    content = azrs_quiz.load_content()
    quiz = azrs_quiz.build_quiz(content, topics=["dates"], count=5, seed=1)
    assert isinstance(quiz, azrs_quiz.Quiz)
    assert quiz.topics == ("dates",)
    assert quiz.seed == 1
    assert len(quiz.questions) == 5
    for question in quiz.questions:
        assert isinstance(question, azrs_quiz.Question)
        assert question.topic == "dates"
        assert question.id == f"{question.fact_id}:{question.angle}"
        assert question.prompt and question.explanation and question.sources
        assert question.options[question.answer] == question.correct_option


def test_question_bank_is_every_question() -> None:
    from azrs_quiz.questions import gives_away

    content = azrs_quiz.load_content(TINY_PACK)
    bank = azrs_quiz.question_bank(content)
    quiz = azrs_quiz.build_quiz(content, count=len(bank) + 5, seed=2)
    asked = set(quiz.questions)
    assert asked <= set(bank)
    # A quiz leaves out of the bank only questions that would give away one it asks.
    assert all(any(gives_away(question, other) for other in asked) for question in set(bank) - asked)


def test_errors_are_the_projects_own() -> None:
    content = azrs_quiz.load_content(TINY_PACK)
    with pytest.raises(AzrsQuizError) as raised:
        azrs_quiz.build_quiz(content, topics=["related"])
    assert isinstance(raised.value, UnknownTopic)
    with pytest.raises(AzrsQuizError) as raised_count:
        azrs_quiz.build_quiz(content, count=-1)
    assert type(raised_count.value).__module__ == "azrs_quiz.questions.errors"


def test_public_functions_are_typed_and_documented() -> None:
    for name in ("build_quiz", "question_bank", "Question", "Quiz"):
        item = getattr(azrs_quiz, name)
        assert inspect.getdoc(item), name
    signature = inspect.signature(azrs_quiz.build_quiz)
    assert list(signature.parameters)[:5] == ["content", "topics", "count", "seed", "options"]
    assert signature.parameters["count"].default == 10
    assert signature.parameters["seed"].default is None
    assert all(parameter.annotation is not inspect.Parameter.empty for parameter in signature.parameters.values())


def _run(code: str, *, hash_seed: str) -> str:
    environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
    return subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=REPO, env=environment
    ).stdout


def test_the_bank_is_the_same_in_every_process() -> None:
    # Python salts str hashes per process; the bank must not depend on them.
    code = (
        "from azrs_quiz import load_content, question_bank\n"
        "from azrs_quiz.exports.json import bank_to_json\n"
        f"content = load_content({str(TINY_PACK)!r})\n"
        "print(bank_to_json(content, question_bank(content)), end='')\n"
    )
    first, second = _run(code, hash_seed="1"), _run(code, hash_seed="2")
    assert first == second
    assert json.loads(first)["questions"]


def test_a_seeded_quiz_is_the_same_in_every_process() -> None:
    code = (
        "from azrs_quiz import load_content, build_quiz\n"
        f"quiz = build_quiz(load_content({str(TINY_PACK)!r}), count=6, seed=42)\n"
        "print([(q.id, q.options, q.answer) for q in quiz.questions])\n"
    )
    assert _run(code, hash_seed="3") == _run(code, hash_seed="4")


def test_the_library_does_not_import_click() -> None:
    code = (
        "import sys, azrs_quiz\n"
        "azrs_quiz.build_quiz(azrs_quiz.load_content(), count=1, seed=1)\n"
        "print('click' in sys.modules)\n"
    )
    assert _run(code, hash_seed="0").strip() == "False"
