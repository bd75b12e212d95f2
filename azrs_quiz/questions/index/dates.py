"""Every date of the content, in order within its precision."""

from __future__ import annotations

import bisect
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
        #: Per precision, each date's month count (see :func:`month_count`), in the same order.
        self._months: dict[Precision, list[int]] = {}
        for precision, values in dates.items():
            ordered = sorted(values, key=lambda date: date.sort_key)
            self._by_precision[precision] = SortedValues([date.sort_key for date in ordered], list(ordered))
            self._months[precision] = [month_count(date) for date in ordered]

    def nearest_dates_within(self, date: PartialDate, limit: int, months: int) -> tuple[list[Hashable], list[Hashable]]:
        """Up to ``limit`` dates of ``date``'s precision below it and above it, nearest first,
        none more than ``months`` months away (a year counts as its January).

        Within one precision, date order is month order too: the window is a slice.
        """
        pool = self._by_precision.get(date.precision)
        if pool is None:
            return [], []
        counts, key, centre = self._months[date.precision], date.sort_key, month_count(date)
        low = bisect.bisect_left(pool.keys, key)  # type: ignore[arg-type,unused-ignore]
        high = bisect.bisect_right(pool.keys, key)  # type: ignore[arg-type,unused-ignore]
        first = max(low - limit, bisect.bisect_left(counts, centre - months))
        last = min(high + limit, bisect.bisect_right(counts, centre + months))
        return pool.values[first:low][::-1], pool.values[high:last]


def month_count(date: PartialDate) -> int:
    """Months since the start of year 0, a year alone counting as its January: how far apart dates are."""
    return date.year * 12 + (date.month or 1) - 1
