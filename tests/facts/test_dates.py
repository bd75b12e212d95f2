"""PartialDate: a date that knows whether it is a year, a month or a day."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from azrs_quiz.facts.dates import PartialDate


@pytest.mark.parametrize(
    ("written", "precision", "rendered", "iso"),
    [
        (1944, "year", "1944", "1944"),
        ("1944", "year", "1944", "1944"),
        ("2011-02", "month", "February 2011", "2011-02"),
        ("1997-08-21", "day", "21 August 1997", "1997-08-21"),
        (datetime.date(1997, 8, 21), "day", "21 August 1997", "1997-08-21"),
        (" 2011-02 ", "month", "February 2011", "2011-02"),
        ({"year": 2011, "month": 2}, "month", "February 2011", "2011-02"),
        ("0999", "year", "999", "0999"),
    ],
)
def test_each_written_form_keeps_its_precision(written: object, precision: str, rendered: str, iso: str) -> None:
    date = PartialDate.model_validate(written)
    assert date.precision == precision
    assert str(date) == rendered
    assert date.iso() == iso


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2011-02-30", "February 2011 has only 28 days"),
        ("1900-02-29", "February 1900 has only 28 days"),
        ("2011-04-31", "April 2011 has only 30 days"),
        ("2011-13", "'2011-13' is not a date: there is no month 13"),
        ("2011-00", "'2011-00' is not a date: there is no month 0"),
        ("2011-01-00", "'2011-01-00' is not a date: there is no day 0"),
        ("0000", "'0000' is not a date: there is no year 0"),
        ("21 August 1997", "'21 August 1997' is not a date: write 1944, '2011-02' or 2011-02-21"),
        ("2011-2", "'2011-2' is not a date"),
        ("2011-02-21T10:00", "'2011-02-21T10:00' is not a date"),
        (True, "not true/false"),
        (2011.5, "not 2011.5"),
        ([2011], "not a list"),
        (datetime.datetime(2011, 2, 21, 10, 0), "must not carry a time of day"),
        ({"year": 2011, "day": 3}, "a date with a day needs a month"),
        (0, "greater than or equal to 1"),
        (10000, "less than or equal to 9999"),
    ],
)
def test_impossible_dates_are_refused_with_a_reason(written: object, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        PartialDate.model_validate(written)
    assert message in str(caught.value)


def test_leap_days_exist_only_in_leap_years() -> None:
    assert str(PartialDate.model_validate("2000-02-29")) == "29 February 2000"
    assert str(PartialDate.model_validate("2024-02-29")) == "29 February 2024"
    with pytest.raises(ValidationError):
        PartialDate.model_validate("2023-02-29")


def test_dates_are_frozen_and_compare_by_value() -> None:
    date = PartialDate.model_validate("2011-02")
    with pytest.raises(ValidationError):
        date.year = 2012
    assert date == PartialDate(year=2011, month=2)
    assert date != PartialDate(year=2011, month=2, day=1)
    assert hash(date) == hash(PartialDate(year=2011, month=2))


def test_sort_key_orders_chronologically_with_a_year_before_its_months() -> None:
    dates = [PartialDate.model_validate(text) for text in ("2011-02-21", "2011", "1997-08-21", "2011-02")]
    assert [date.iso() for date in sorted(dates, key=lambda date: date.sort_key)] == [
        "1997-08-21",
        "2011",
        "2011-02",
        "2011-02-21",
    ]


def test_month_names_are_english_whatever_the_locale() -> None:
    assert [str(PartialDate(year=2000, month=month)).split()[0] for month in (1, 5, 12)] == [
        "January",
        "May",
        "December",
    ]


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    day = draw(st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(year=day.year)
    if precision == "month":
        return PartialDate(year=day.year, month=day.month)
    return PartialDate(year=day.year, month=day.month, day=day.day)


@given(partial_dates())
def test_iso_form_round_trips_at_the_same_precision(date: PartialDate) -> None:
    again = PartialDate.model_validate(date.iso())
    assert again == date
    assert again.precision == date.precision
    # str() never shows more parts than the precision has.
    assert len(str(date).split()) == {"year": 1, "month": 2, "day": 3}[date.precision]
