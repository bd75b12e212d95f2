"""What each fact yields: the questions it asks, or why it asks none. Nothing is dropped silently.

``validate`` turns what is left out into problems an author can act on: an authored
prompt that yields no question, and a fact that yields none at all, are errors naming
the file, the line and the reason, unless the content says ``skip:`` (or the author
passes ``--allow-unasked``), which makes them warnings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from azrs_quiz.errors import ContentProblem
from azrs_quiz.facts.content import Content
from azrs_quiz.facts.models import Fact, Person
from azrs_quiz.questions.bank import DEFAULT_OPTIONS, BankReport, Unasked, bank_report


@dataclass(frozen=True)
class FactYield:
    """The questions one fact yields, and every question it could have asked but does not."""

    fact_id: str
    #: Ids of the questions asked about the fact.
    questions: tuple[str, ...]
    #: Ids of other facts' questions whose answer is this fact (a person asked as "who").
    answered_in: tuple[str, ...]
    unasked: tuple[Unasked, ...]

    @property
    def asked(self) -> bool:
        """True when a learner meets the fact in some question."""
        return bool(self.questions or self.answered_in)

    @property
    def reason(self) -> str | None:
        """Why the fact yields no question (``None`` when it is asked)."""
        if self.asked:
            return None
        if self.unasked:
            return "; ".join(f"{item.angle}: {item.reason}" for item in self.unasked)
        return "it has nothing a question can ask: no date, place, actor, role, parties, amount, prompt or choice"


def fact_yields(
    content: Content, *, options: int = DEFAULT_OPTIONS, report: BankReport | None = None
) -> list[FactYield]:
    """Per fact, in content order: the questions it yields, or the reason it yields none."""
    report = report if report is not None else bank_report(content, options=options)
    asked: dict[str, list[str]] = {}
    by_name: dict[str, list[str]] = {}
    for question in report.questions:
        asked.setdefault(question.fact_id, []).append(question.id)
        if question.answer_kind == "person":
            by_name.setdefault(question.correct_option, []).append(question.id)
    unasked: dict[str, list[Unasked]] = {}
    for item in report.unasked:
        unasked.setdefault(item.fact_id, []).append(item)
    yields = []
    for fact in content.iter_facts():
        answered = by_name.get(fact.name, []) if isinstance(fact, Person) else []
        yields.append(
            FactYield(
                fact_id=fact.id,
                questions=tuple(asked.get(fact.id, ())),
                answered_in=tuple(question for question in answered if not question.startswith(f"{fact.id}:")),
                unasked=tuple(unasked.get(fact.id, ())),
            )
        )
    return yields


def unasked_problems(
    content: Content, *, allow_unasked: bool = False, options: int = DEFAULT_OPTIONS, report: BankReport | None = None
) -> tuple[list[ContentProblem], list[ContentProblem]]:
    """The errors and the warnings about questions the content asks for but does not get.

    Errors: an authored prompt or choice that yields no question; a fact that yields none
    (a person named as the answer of another fact's question counts as asked). A
    ``skip:`` on the fact, or ``allow_unasked``, makes them warnings; a prompt whose angle
    the fact skips is always a warning.
    """
    errors: list[ContentProblem] = []
    warnings: list[ContentProblem] = []
    for item in fact_yields(content, options=options, report=report):
        fact = content.fact(item.fact_id)
        lenient = allow_unasked or bool(fact.skip)
        for unasked in item.unasked:
            if unasked.authored:
                field, line_path = _authored_field(fact, unasked.angle)
                message = f"asks no question: {unasked.reason}"
                (warnings if lenient else errors).append(_problem(content, fact, field, line_path, message))
        for angle in fact.skip:
            if getattr(fact.prompts, angle, None) is not None:
                message = "asks no question: its angle is listed in 'skip'"
                warnings.append(_problem(content, fact, f"prompts.{angle}", ("prompts", angle), message))
        if not item.asked and not any(unasked.authored for unasked in item.unasked):
            message = f"yields no question: {item.reason}"
            (warnings if lenient else errors).append(_problem(content, fact, "fact", (), message))
    return sorted(errors, key=_where), sorted(warnings, key=_where)


def _where(problem: ContentProblem) -> tuple[str, int]:
    return (str(problem.path), problem.line or 0)


def _authored_field(fact: Fact, angle: str) -> tuple[str, tuple[str | int, ...]]:
    for position, choice in enumerate(fact.choices):
        if choice.angle == angle:
            return f"choices[{position}]", ("choices", position)
    return f"prompts.{angle}", ("prompts", angle)


def _problem(content: Content, fact: Fact, field: str, deeper: tuple[str | int, ...], message: str) -> ContentProblem:
    origin = content.origins.get(fact.id)
    if origin is None:
        return ContentProblem(Path(fact.id), None, field, message)
    return ContentProblem(origin.path, origin.line_of(deeper), f"{fact.id}.{field}", message)
