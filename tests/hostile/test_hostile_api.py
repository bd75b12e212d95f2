"""The public API checks its arguments: the package's own errors, also TypeError or ValueError, with clear messages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from helpers.paths import TINY_PACK

import azrs_quiz
from azrs_quiz.progress import ProgressStore
from azrs_quiz.session import Answer


@pytest.fixture(scope="module")
def content() -> azrs_quiz.Content:
    return azrs_quiz.load_content(TINY_PACK)


CASES: dict[str, tuple[Callable[[Any, Path], object], type[Exception], str]] = {
    "count as text": (lambda c, d: azrs_quiz.build_quiz(c, count="5"), TypeError, "count must be a whole number"),
    "seed as text": (lambda c, d: azrs_quiz.build_quiz(c, seed="x"), TypeError, "seed must be a whole number"),
    "a topic that is not text": (lambda c, d: azrs_quiz.build_quiz(c, topics=[1]), TypeError, "topic names"),
    "no content": (lambda c, d: azrs_quiz.question_bank(None), TypeError, "content must be a Content"),
    "a path that is a number": (lambda c, d: azrs_quiz.load_content(123), TypeError, "path must be a path"),
    "an anki path of None": (lambda c, d: azrs_quiz.export_anki(c, None), TypeError, "path must be a path"),
    "a naive now": (
        lambda c, d: azrs_quiz.plan_review(azrs_quiz.question_bank(c), {}, now=datetime(2026, 1, 1)),
        ValueError,
        "now must be timezone-aware",
    ),
    "a made-up mode": (
        lambda c, d: _record(d, Answer(azrs_quiz.question_bank(c)[0], 0, 1.0, datetime.now(timezone.utc)), "hack"),
        ValueError,
        "mode must be one of 'review', 'quiz', got 'hack'",
    ),
    "a naive answer time": (
        lambda c, d: _record(d, Answer(azrs_quiz.question_bank(c)[0], 0, 1.0, datetime(2026, 1, 1)), "quiz"),
        ValueError,
        "answered_at must be timezone-aware",
    ),
}


def _record(data_dir: Path, answer: Answer, mode: str) -> object:
    with ProgressStore.open(data_dir) as store:  # closed even when record refuses the answer
        return store.record(answer, mode=mode, schedule=False)  # type: ignore[arg-type]


@pytest.mark.parametrize("case", list(CASES))
def test_a_wrong_argument_raises_the_packages_own_error(content: azrs_quiz.Content, tmp_path: Path, case: str) -> None:
    call, convention, message = CASES[case]
    with pytest.raises(azrs_quiz.AzrsQuizError, match=message) as raised:
        call(content, tmp_path)
    assert isinstance(raised.value, convention)


def test_one_topic_name_is_one_topic_not_its_letters(content: azrs_quiz.Content, tmp_path: Path) -> None:
    assert azrs_quiz.build_quiz(content, topics="dates", seed=1).topics == ("dates",)
    assert azrs_quiz.export_anki(content, tmp_path / "deck.apkg", topics="dates").topics == ("dates",)


def test_a_recorded_mode_is_only_ever_one_the_store_knows(content: azrs_quiz.Content, tmp_path: Path) -> None:
    question = azrs_quiz.question_bank(content)[0]
    with ProgressStore.open(tmp_path) as store:
        with pytest.raises(ValueError):
            store.record(Answer(question, 0, 1.0, datetime.now(timezone.utc)), mode="hack", schedule=True)  # type: ignore[arg-type]
        assert store.reviews() == []
