"""The topic a learner would look for a question under, worked out apart from the engine."""

from __future__ import annotations

from azrs_quiz.facts.models import Agreement, Fact, Figure, Person


def expected_topic(answer_kind: str, fact: Fact) -> str:
    """The topic a learner would look for a question under, from what its answer is.

    An answer that is a thing of its own (a date, a person, a place, an event, an agreement)
    is filed under that thing; one that is a detail of its fact (a person's office, an
    agreement's value or parties, an amount the source gives) under the kind of fact it details.
    """
    if fact.topic == "related":
        return "related"
    if answer_kind == "person":
        return "people"
    if answer_kind in ("date", "place", "event", "agreement"):
        return f"{answer_kind}s"
    detailed = {Person: "people", Agreement: "agreements", Figure: "figures"}
    return detailed[type(fact)]
