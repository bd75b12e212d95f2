"""What each fact of a pack yields, told to its author: the questions, or what is missing.

The question engine decides which questions a fact yields (:func:`question_bank`);
this module only groups them by fact and, for an angle a fact cannot be asked from,
names the field the content model says that angle needs (the angles are described in
the README's "How questions are made").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from azrs_quiz.facts.content import Content
from azrs_quiz.facts.models import Agreement, Event, Fact, Person
from azrs_quiz.questions.bank import question_bank
from azrs_quiz.questions.model import Question

#: Why a fact that has what an angle needs may still yield nothing (the engine's reasons, in short).
NO_FAIR_QUESTION = (
    "no fair question could be made: too few other facts of its kind"
    " to give wrong options (add more, such as a second person with a role), or its question would"
    " have two answers in this content"
)


@dataclass(frozen=True)
class FactYield:
    """One fact, the questions it yields, and what it would need for the angles it cannot ask."""

    fact: Fact
    questions: tuple[Question, ...]
    #: One hint per angle that lacks its field, such as "add a 'place' to ask where".
    needs: tuple[str, ...]


def fact_yields(content: Content, bank: Sequence[Question] | None = None) -> list[FactYield]:
    """Every fact of ``content`` in content order, with its questions from ``bank`` (default: built)."""
    if bank is None:
        bank = question_bank(content)
    by_fact: dict[str, list[Question]] = defaultdict(list)
    for question in bank:
        by_fact[question.fact_id].append(question)
    reports = []
    for fact in content.iter_facts():
        questions = tuple(by_fact.get(fact.id, ()))
        missing = [
            (angles, hint)
            for angles, has, hint in _ANGLE_NEEDS.get(type(fact), ())
            if not has(fact) and not set(angles) <= set(fact.skip)
        ]
        needs = [hint for _, hint in missing]
        if not questions:
            unanswered = {angle for angles, _ in missing for angle in angles}
            answered = [angle for angle in authored_angles(fact) if angle not in unanswered]
            if answered:
                named = " and ".join(f"prompts.{angle}" for angle in answered)
                verb = "has its answer" if len(answered) == 1 else "have their answers"
                needs.insert(0, f"{named} {verb}, but {NO_FAIR_QUESTION}")
            elif not needs:
                needs.append(
                    f"its skip list leaves out {', '.join(fact.skip)}" if fact.skip else f"it {NO_FAIR_QUESTION}"
                )
        reports.append(FactYield(fact, questions, tuple(needs)))
    return reports


def authored_angles(fact: Fact) -> list[str]:
    """The angles the author wrote a prompt for."""
    return [angle for angle, prompt in fact.prompts.model_dump().items() if prompt is not None]


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
