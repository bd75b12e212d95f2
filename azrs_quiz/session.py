"""The state of one sitting: the answers given, the score, and what was missed.

Nothing here prints or reads a terminal; :mod:`azrs_quiz.cli.runner` collects the
answers and :mod:`azrs_quiz.cli.render` shows a :class:`Session`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from azrs_quiz.facts.models import TOPICS
from azrs_quiz.questions.model import Question


@dataclass(frozen=True)
class Answer:
    """What the learner did with one question."""

    question: Question
    choice: int | None
    """The index of the option chosen; ``None`` when the question was skipped."""
    elapsed: float
    """Seconds from showing the question to the answer."""
    answered_at: datetime
    """When the answer was given (timezone-aware, UTC)."""

    @property
    def correct(self) -> bool:
        """Whether the chosen option is the correct one (a skip is never correct)."""
        return self.choice is not None and self.choice == self.question.answer

    @property
    def skipped(self) -> bool:
        """Whether the learner skipped the question."""
        return self.choice is None

    def to_json(self) -> dict[str, Any]:
        """The answer with its question, as JSON-ready data."""
        question = self.question
        return {
            "id": question.id,
            "fact_id": question.fact_id,
            "topic": question.topic,
            "prompt": question.prompt,
            "options": list(question.options),
            "answer": question.answer,
            "correct_option": question.correct_option,
            "given": self.choice,
            "given_option": None if self.choice is None else question.options[self.choice],
            "correct": self.correct,
            "skipped": self.skipped,
            "elapsed_seconds": round(self.elapsed, 3),
            "answered_at": self.answered_at.isoformat(),
            "explanation": question.explanation,
            "sources": list(question.sources),
            "citations": list(question.citations),
        }


@dataclass(frozen=True)
class Score:
    """``correct`` right answers out of ``total`` questions asked."""

    correct: int
    total: int

    @property
    def percent(self) -> float:
        """The share of right answers, 0 to 100 (0 when nothing was asked)."""
        return 100.0 * self.correct / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.correct}/{self.total} ({self.percent:.0f}%)"

    def to_json(self) -> dict[str, Any]:
        """The score as JSON-ready data."""
        return {"correct": self.correct, "total": self.total, "percent": round(self.percent, 1)}


@dataclass(frozen=True)
class Session:
    """One round of questions and the answers given to them.

    ``questions`` are the ones drawn for the round; ``answers`` may be fewer when the
    round ended early (the learner quit, input ended, or Ctrl-C).
    """

    questions: tuple[Question, ...]
    answers: tuple[Answer, ...] = ()
    duration: float = 0.0
    """Seconds from the first question shown to the end of the round."""
    ended_early: bool = False
    interrupted: bool = False
    retries: tuple[Session, ...] = field(default=())
    """Later rounds on the questions this one missed."""

    @classmethod
    def of(
        cls,
        questions: Sequence[Question],
        answers: Sequence[Answer],
        *,
        duration: float = 0.0,
        ended_early: bool = False,
        interrupted: bool = False,
    ) -> Session:
        """A session from any sequences of questions and answers."""
        return cls(tuple(questions), tuple(answers), duration, ended_early, interrupted)

    @property
    def score(self) -> Score:
        """Right answers out of the questions asked (skips count as asked, not right)."""
        return Score(sum(answer.correct for answer in self.answers), len(self.answers))

    @property
    def finished(self) -> bool:
        """Whether every question drawn was answered or skipped."""
        return len(self.answers) == len(self.questions)

    def by_topic(self) -> dict[str, Score]:
        """The score of each topic asked, in the canonical topic order."""
        counts: dict[str, list[int]] = {}
        for answer in self.answers:
            tally = counts.setdefault(answer.question.topic, [0, 0])
            tally[0] += answer.correct
            tally[1] += 1
        order: dict[str, int] = {topic: index for index, topic in enumerate(TOPICS)}
        return {
            topic: Score(*counts[topic])
            for topic in sorted(counts, key=lambda name: (order.get(name, len(order)), name))
        }

    def missed(self) -> tuple[Answer, ...]:
        """The answers that were wrong or skipped, in the order asked."""
        return tuple(answer for answer in self.answers if not answer.correct)

    def missed_questions(self) -> tuple[Question, ...]:
        """The questions to retry: those answered wrongly or skipped."""
        return tuple(answer.question for answer in self.missed())

    def with_retry(self, retry: Session) -> Session:
        """This session with one more retry round appended."""
        return Session(
            self.questions,
            self.answers,
            self.duration,
            self.ended_early,
            self.interrupted,
            (*self.retries, retry),
        )

    def to_json(self, **extra: Any) -> dict[str, Any]:
        """The result as JSON-ready data: score, per-topic scores, every answer, retries.

        ``extra`` keys (the seed, the topics asked for...) are added at the top level.
        """
        return {
            **extra,
            "score": self.score.to_json(),
            "topics": {topic: score.to_json() for topic, score in self.by_topic().items()},
            "asked": len(self.answers),
            "planned": len(self.questions),
            "ended_early": self.ended_early,
            "interrupted": self.interrupted,
            "duration_seconds": round(self.duration, 3),
            "questions": [answer.to_json() for answer in self.answers],
            "not_asked": [question.id for question in self.questions[len(self.answers) :]],
            "retries": [retry.to_json() for retry in self.retries],
        }
