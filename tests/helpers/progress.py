"""Helpers shared by the progress, review and stats tests (no tests here)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone

import pytest

from azrs_quiz.questions.model import Question
from azrs_quiz.session import Answer

#: A fixed "now" for every scheduling test: a Monday morning in UTC.
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def question(question_id: str, topic: str = "dates", answer: int = 0) -> Question:
    """A four-option question with the given id ("<fact>:<angle>") and topic."""
    fact_id = question_id.split(":")[0]
    return Question(
        id=question_id,
        fact_id=fact_id,
        angle=question_id.split(":")[-1],
        kind="event",
        topic=topic,  # type: ignore[arg-type]
        prompt=f"Question {question_id}?",
        options=("one", "two", "three", "four"),
        answer=answer,
        explanation="Because.",
        sources=("ref-1",),
        citations=("[1] A book",),
    )


def answer(item: Question, *, correct: bool = True, elapsed: float = 10.0, at: datetime = T0) -> Answer:
    """An answer to ``item``: right or wrong, taking ``elapsed`` seconds, given at ``at``."""
    choice = item.answer if correct else (item.answer + 1) % len(item.options)
    return Answer(item, choice, elapsed, at)


def days(count: float) -> timedelta:
    """A number of days as a timedelta."""
    return timedelta(days=count)


@contextmanager
def utc_clock(monkeypatch: pytest.MonkeyPatch, target: str) -> Iterator[list[datetime]]:
    """A fixed clock patched over ``target`` in a machine set to UTC; move it with ``clock[0] = ...``."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    current = [T0]
    monkeypatch.setattr(target, lambda: current[0])
    try:
        yield current
    finally:
        if saved is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved
        time.tzset()
