"""Every date of the content, in order within its precision."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable

from azrs_quiz.facts.content import Content
from azrs_quiz.facts.dates import PartialDate, Precision
from azrs_quiz.questions.index.keys import SortedValues


class DateIndex:
    """Every distinct date of an event, agreement or figure, in order within its precision."""

    def __init__(self, content: Content) -> None:
        dates: dict[Precision, set[PartialDate]] = defaultdict(set)
        for event in content.events.values():
            if event.date is not None:
                dates[event.date.precision].add(event.date)
        for agreement in content.agreements.values():
            if agreement.date is not None:
                dates[agreement.date.precision].add(agreement.date)
        for figure in content.figures.values():
            if figure.date is not None:
                dates[figure.date.precision].add(figure.date)
        #: The newest year any date names (1 when there are none): made-up dates stay at or before it.
        self.latest_year = max((date.year for values in dates.values() for date in values), default=1)
        self._by_precision: dict[Precision, SortedValues] = {}
        for precision, values in dates.items():
            ordered = sorted(values, key=lambda date: date.sort_key)
            self._by_precision[precision] = SortedValues([date.sort_key for date in ordered], list(ordered))

    def nearest_dates(self, date: PartialDate, limit: int) -> tuple[list[Hashable], list[Hashable]]:
        """Up to ``limit`` dates of ``date``'s precision below it and above it, nearest first."""
        pool = self._by_precision.get(date.precision)
        if pool is None:
            return [], []
        return pool.nearest(date.sort_key, limit)
