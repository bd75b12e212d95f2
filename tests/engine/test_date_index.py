"""The date index finds the content's dates near a key, the way a date question's options need them."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from azrs_quiz.facts.dates import PartialDate
from azrs_quiz.questions.index import DateIndex

days = st.dates().map(lambda day: PartialDate(year=day.year, month=day.month, day=day.day))
months = st.builds(PartialDate, year=st.integers(1, 9999), month=st.integers(1, 12))
years = st.builds(PartialDate, year=st.integers(1, 9999))
any_date = st.one_of(days, months, years)


def index_of(dates: list[PartialDate]) -> DateIndex:
    events = {str(number): SimpleNamespace(date=date) for number, date in enumerate(dates)}
    content: Any = SimpleNamespace(events=events, agreements={}, figures={})
    return DateIndex(content)


def months_apart(first: PartialDate, second: PartialDate) -> int:
    return abs((first.year - second.year) * 12 + (first.month or 1) - (second.month or 1))


@given(
    st.lists(st.one_of(any_date, st.builds(PartialDate, year=st.integers(1990, 2000))), max_size=60),
    any_date,
    st.integers(0, 8),
    st.integers(0, 120),
)
def test_nearest_dates_are_the_closest_of_the_key_precision_within_the_window(
    dates: list[PartialDate], key: PartialDate, limit: int, window: int
) -> None:
    below, above = index_of(dates).nearest_dates_within(key, limit, window)

    same = sorted({date for date in dates if date.precision == key.precision}, key=lambda date: date.sort_key)
    earlier = [date for date in same if date.sort_key < key.sort_key][::-1][:limit]
    later = [date for date in same if date.sort_key > key.sort_key][:limit]
    assert below == [date for date in earlier if months_apart(date, key) <= window]
    assert above == [date for date in later if months_apart(date, key) <= window]


def test_a_date_of_a_precision_the_content_lacks_has_no_neighbours() -> None:
    index = index_of([PartialDate(year=2011), PartialDate(year=2012)])

    assert index.nearest_dates_within(PartialDate(year=2011, month=5), 6, 100) == ([], [])
    assert index.nearest_dates_within(PartialDate(year=2013), 6, 12) == ([PartialDate(year=2012)], [])
    assert index.nearest_dates_within(PartialDate(year=2013), 6, 11) == ([], [])
    assert index.nearest_dates_within(PartialDate(year=2010), 1, 100) == ([], [PartialDate(year=2011)])
