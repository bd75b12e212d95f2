"""Events built in a test, for content too crowded or too sparse to write as a pack."""

from __future__ import annotations

from azrs_quiz.facts.models import Event


def delegation_event(fact_id: str, number: int, year: int, *, prompt: str, explanation: str) -> Event:
    """The event "delegation <number> arrived" in ``year``, asked only as "which of these happened then"."""
    return Event.model_validate(
        {
            "id": fact_id,
            "topic": "dates",
            "date": year,
            "what": f"delegation {number} arrived",
            "sources": ["ref-1"],
            "explanation": explanation,
            "prompts": {"what": prompt},
        }
    )
