"""The state of one sitting: the answers given, the score, and what was missed.

Nothing here prints or reads a terminal; :mod:`azrs_quiz.cli.runner` collects the
answers and :mod:`azrs_quiz.cli.render` shows a :class:`Session`.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from azrs_quiz.facts.topics import TOPICS
from azrs_quiz.questions.model import Question

if TYPE_CHECKING:
    from azrs_quiz.progress.records import AnswerForm
    from azrs_quiz.questions.marking import TypedMark


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
    form: AnswerForm = "choice"
    """Whether the options were shown (``"choice"``) or the answer was typed (``"typed"``)."""
    mark: TypedMark | None = None
    """The verdict on the text typed (typed recall); ``None`` for a choice or a skip."""
    guessed: bool = False
    """The learner said "I guessed" after a right answer (``g`` in a review)."""

    @property
    def typed(self) -> str | None:
        """The text typed, as typed; ``None`` for a choice or a skip."""
        return self.mark.typed if self.mark is not None else None

    @property
    def correct(self) -> bool:
        """Whether the answer is right: the key chosen, or a typed text marked right (a skip never is)."""
        if self.mark is not None:
            return self.mark.correct
        return self.choice is not None and self.choice == self.question.answer

    @property
    def skipped(self) -> bool:
        """Whether the learner skipped the question."""
        return self.choice is None and self.mark is None

    def as_guessed(self) -> Answer:
        """This answer after the learner said "I guessed"."""
        return replace(self, guessed=True)

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
            "form": self.form,
            "given": self.typed if self.mark is not None else self.choice,
            "given_option": None if self.choice is None else question.options[self.choice],
            "correct": self.correct,
            "near_miss": self.mark.near_miss if self.mark is not None else False,
            "guessed": self.guessed,
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

    def with_answers(self, answers: Sequence[Answer]) -> Session:
        """This session with its answers replaced (an answer marked "I guessed" afterwards)."""
        return replace(self, answers=tuple(answers))

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


def reshuffled(question: Question, round_number: int) -> Question:
    """The question with its options in another order, for a retry round.

    The order depends only on the question and the round, so a retry is reproducible,
    and the key never keeps its letter: remembering "it was b" must not pass a retry.
    """
    count = len(question.options)
    order = list(range(count))
    rng = random.Random(f"{question.id}/retry/{round_number}")
    rng.shuffle(order)
    if order.index(question.answer) == question.answer:
        # Rotate until the key moves; a rotation keeps the shuffle's other choices.
        order = order[1:] + order[:1]
    options = tuple(question.options[index] for index in order)
    return replace(question, options=options, answer=order.index(question.answer))
