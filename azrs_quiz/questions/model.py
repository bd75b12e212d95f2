"""What the question engine produces: questions and quizzes."""

from __future__ import annotations

from dataclasses import dataclass

from azrs_quiz.facts.topics import Topic
from azrs_quiz.frozen import quick_init

#: The kinds of fact a question can be about (Anki tags and exports use them).
FactKind = str  # "event" | "person" | "agreement" | "figure"


@quick_init
@dataclass(frozen=True)
class Question:
    """One multiple-choice question with exactly one correct option.

    ``id`` is ``"<fact_id>:<angle>"``: stable across runs and machines, and unchanged
    when other facts are added, so progress and Anki notes can be keyed by it.
    """

    id: str
    fact_id: str
    angle: str
    kind: FactKind
    topic: Topic
    prompt: str
    options: tuple[str, ...]
    answer: int
    explanation: str
    sources: tuple[str, ...]
    citations: tuple[str, ...]
    #: The fact's subject area ("politics", "economy", "culture", "visits", "defence", "history"), if given.
    theme: str | None = None
    #: What the answer is: "date", "person", "office", "place", "event", "agreement", "amount", "party"...
    answer_kind: str = ""

    @property
    def correct_option(self) -> str:
        """The text of the correct option."""
        return self.options[self.answer]


@dataclass(frozen=True)
class Quiz:
    """Questions drawn for one sitting, with what was asked for to draw them."""

    questions: tuple[Question, ...]
    topics: tuple[Topic, ...]
    seed: int | None
