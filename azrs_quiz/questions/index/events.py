"""Events by what they say and by year."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from azrs_quiz.facts.content import Content
from azrs_quiz.facts.dates import PartialDate
from azrs_quiz.facts.models import Event
from azrs_quiz.questions.index.keys import compatible


class EventIndex:
    """Events by what they say, and the clauses of dated events by year.

    Answers "which events are told in these words?" (their dates, places and people are
    true answers too), "may this event have happened then?" and "what else happened in
    the years around this one?" (for "nearby" distractors).
    """

    def __init__(self, content: Content, fold: Callable[[str], str]) -> None:
        self._fold = fold
        self._by_what: dict[str, list[Event]] = defaultdict(list)
        self._whats_by_year: dict[int, list[str]] = defaultdict(list)
        for event in content.events.values():
            self._by_what[fold(event.what)].append(event)
            if event.date is not None:
                self._whats_by_year[event.date.year].append(event.what)

    def namesakes(self, what: str) -> Sequence[Event]:
        """Every event told in the same words as ``what`` (compared folded), in content order."""
        return self._by_what.get(self._fold(what), ())

    def happened_at(self, what: str, at: PartialDate) -> bool:
        """True when an event told as ``what`` may have happened on ``at``, each date at its own precision."""
        return any(event.date is not None and compatible(event.date, at) for event in self.namesakes(what))

    def whats_around(self, year: int, years: int) -> list[list[str]]:
        """The clauses of dated events, as written, one list per year from ``year - years`` to ``year + years``."""
        return [self._whats_by_year.get(each, []) for each in range(year - years, year + years + 1)]
