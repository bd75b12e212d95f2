"""What each fact of a pack yields, told to its author: the questions, or what is missing.

The question engine decides which questions a fact yields, and why it leaves an angle
out (:mod:`azrs_quiz.questions.yields`); this module adds, for an angle a fact cannot be
asked from, the field the content model says that angle needs (the angles are described in
the README's "How questions are made").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from azrs_quiz.facts.content import Content
from azrs_quiz.facts.models import Agreement, Event, Fact, Person
from azrs_quiz.questions.bank import BankReport, bank_report
from azrs_quiz.questions.model import Question
from azrs_quiz.questions.yields import FactYield, fact_yields


@dataclass(frozen=True)
class FactExplained:
    """One fact as its author sees it: what the engine made of it, and what it lacks."""

    fact: Fact
    #: The questions the fact yields, in bank order.
    questions: tuple[Question, ...]
    #: The engine's account: the angles it left out and why, the questions a person answers.
    yielded: FactYield
    #: One hint per angle that lacks its field, such as "add a 'place' to ask where".
    needs: tuple[str, ...]


def explain_facts(content: Content, report: BankReport | None = None) -> list[FactExplained]:
    """Every fact of ``content`` in content order, with what the engine's ``report`` says of it.

    The questions and the reasons come from the engine (:func:`azrs_quiz.questions.yields.fact_yields`);
    this adds only the hints for fields a fact lacks.
    """
    report = report if report is not None else bank_report(content)
    by_id = {question.id: question for question in report.questions}
    explained = []
    for fact, yielded in zip(content.iter_facts(), fact_yields(content, report=report), strict=True):
        needs = [
            hint
            for angles, has, hint in _ANGLE_NEEDS.get(type(fact), ())
            if not has(fact) and not set(angles) <= set(fact.skip)
        ]
        if not yielded.asked and not yielded.unasked and not needs:
            needs.append(f"its skip list leaves out {', '.join(fact.skip)}" if fact.skip else str(yielded.reason))
        questions = tuple(by_id[question_id] for question_id in yielded.questions)
        explained.append(FactExplained(fact, questions, yielded, tuple(needs)))
    return explained


def _has_parties(fact: Fact) -> bool:
    return isinstance(fact, Agreement) and len(fact.parties) >= 2 and fact.prompts.parties is not None


def _has(field: str) -> Callable[[Fact], bool]:
    return lambda fact: getattr(fact, field, None) is not None


def _has_actor_and_prompt(fact: Fact) -> bool:
    return isinstance(fact, Event) and fact.actor is not None and fact.prompts.who is not None


#: Per kind of fact: the angles a field opens, a test that the fact has it, and the hint when not.
_ANGLE_NEEDS: dict[type, tuple[tuple[tuple[str, ...], Callable[[Fact], bool], str], ...]] = {
    Event: (
        (("when", "what"), _has("date"), "add a 'date' to ask when it happened and what happened then"),
        (("where",), _has("place"), "add a 'place' to ask where"),
        (("who",), _has_actor_and_prompt, "add an 'actor' and prompts.who to ask who did it"),
    ),
    Person: ((("role",), _has("role"), "add a 'role' to ask what office they held"),),
    Agreement: (
        (("when",), _has("date"), "add a 'date' to ask when"),
        (("value",), _has("value"), "add a 'value' to ask what it was worth"),
        (("parties",), _has_parties, "list two 'parties' and write prompts.parties to ask between whom"),
    ),
}
