"""The content model's rules, one by one, on the models themselves."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from azrs_quiz.facts.models import (
    AMOUNT_DECIMAL_PLACES,
    AMOUNT_LIMIT,
    SECTIONS,
    TOPICS,
    Agreement,
    Amount,
    Doubt,
    Event,
    Figure,
    Organisation,
    PackMeta,
    Person,
    Place,
    Source,
    _bounded_amount,
)

FACT = {"topic": "dates", "explanation": "Some context.", "sources": ["ref-1"]}

#: One minimal valid record of every model a content file or pack.yaml can hold.
MINIMAL: dict[type[BaseModel], dict[str, Any]] = {
    PackMeta: {"id": "pack", "title": "A pack", "licence": "CC-BY-SA-4.0", "attribution": "Someone"},
    Source: {"id": "ref-1", "title": "A book"},
    Place: {"id": "serbia", "name": "Serbia", "kind": "country"},
    Organisation: {"id": "socar", "name": "SOCAR", "kind": "company"},
    Person: {"id": "someone", "name": "Someone", "explanation": "A person.", "sources": ["ref-1"]},
    Event: {"id": "an-event", "what": "something happened", **FACT},
    Agreement: {"id": "a-deal", "kind": "deal", "what": "a deal", **FACT},
    Figure: {"id": "a-figure", "what": "trade", "amount": {"value": 1, "currency": "EUR"}, **FACT},
    Doubt: {"id": "a-doubt", "text": "Unclear.", "sources": ["ref-1"]},
}


def _errors(model: type[BaseModel], data: dict[str, Any]) -> list[str]:
    """The messages of every error validating ``data`` gives (empty when it is valid)."""
    try:
        model.model_validate(data)
    except ValidationError as error:
        return [f"{'.'.join(map(str, detail['loc']))}: {detail['msg']}" for detail in error.errors()]
    return []


def test_every_section_model_has_a_minimal_example() -> None:
    assert set(SECTIONS.values()) | {PackMeta} == set(MINIMAL)


@pytest.mark.parametrize("model", list(MINIMAL), ids=lambda model: model.__name__)
def test_minimal_records_are_valid(model: type[BaseModel]) -> None:
    assert _errors(model, MINIMAL[model]) == []


@pytest.mark.parametrize("model", list(MINIMAL), ids=lambda model: model.__name__)
def test_records_are_frozen(model: type[BaseModel]) -> None:
    record = model.model_validate(MINIMAL[model])
    with pytest.raises(ValidationError):
        record.id = "another-id"  # type: ignore[attr-defined]
    assert record.id == MINIMAL[model]["id"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("model", list(MINIMAL), ids=lambda model: model.__name__)
def test_unknown_keys_are_errors(model: type[BaseModel]) -> None:
    assert _errors(model, {**MINIMAL[model], "titel": "typo"}) == ["titel: Extra inputs are not permitted"]


def test_unknown_keys_are_errors_in_nested_records_too() -> None:
    event = {**MINIMAL[Event], "prompts": {"whn": "When?"}}
    assert _errors(Event, event) == ["prompts.whn: Extra inputs are not permitted"]
    figure = {**MINIMAL[Figure], "amount": {"value": 1, "currency": "EUR", "valeu": 2}}
    assert _errors(Figure, figure) == ["amount.valeu: Extra inputs are not permitted"]


@pytest.mark.parametrize("slug", ["a", "embassy-opened", "ref-13", "1997", "un-resolution-62-243"])
def test_valid_slugs(slug: str) -> None:
    assert _errors(Source, {"id": slug, "title": "A book"}) == []


@pytest.mark.parametrize(
    "slug",
    ["", "Embassy", "embassy_opened", "embassy--opened", "-embassy", "embassy-", "em bassy", "ambasáda", "x" * 121],
)
def test_invalid_slugs(slug: str) -> None:
    assert len(_errors(Source, {"id": slug, "title": "A book"})) == 1


@pytest.mark.parametrize("field", ["sources", "people", "organisations"])
def test_references_must_be_slugs(field: str) -> None:
    assert _errors(Event, {**MINIMAL[Event], field: ["Not A Slug"]}) == [
        f"{field}.0: String should match pattern '^[a-z0-9]+(?:-[a-z0-9]+)*$'"
    ]


def test_a_fact_cites_at_least_one_source() -> None:
    assert _errors(Event, {**MINIMAL[Event], "sources": []}) == [
        "sources: List should have at least 1 item after validation, not 0"
    ]


def test_topics_are_the_quiz_topics() -> None:
    assert TOPICS == ("dates", "people", "places", "events", "agreements", "figures", "related")
    assert _errors(Event, {**MINIMAL[Event], "topic": "history"})[0].startswith("topic: Input should be 'dates'")


def test_a_person_is_a_people_fact_unless_told_otherwise() -> None:
    assert Person.model_validate(MINIMAL[Person]).topic == "people"


def test_text_must_not_be_empty_or_blank() -> None:
    assert _errors(Event, {**MINIMAL[Event], "what": "   "}) == ["what: String should have at least 1 character"]
    assert _errors(Source, {**MINIMAL[Source], "author": ""}) == ["author: String should have at least 1 character"]


def test_text_is_stripped() -> None:
    assert Event.model_validate({**MINIMAL[Event], "what": "  opened  "}).what == "opened"


def test_dates_keep_their_precision_in_records() -> None:
    event = Event.model_validate({**MINIMAL[Event], "date": "2011-02"})
    assert event.date is not None
    assert (event.date.precision, str(event.date)) == ("month", "February 2011")
    assert _errors(Event, {**MINIMAL[Event], "date": "2011-02-30"}) == [
        "date: Value error, February 2011 has only 28 days"
    ]


def test_urls_are_web_addresses() -> None:
    assert _errors(Source, {**MINIMAL[Source], "url": "https://www.rusi.org/explore-our-research"}) == []
    for wrong in ("www.rusi.org", "ftp://x.org/a", "https://x.org/a b", ""):
        assert len(_errors(Source, {**MINIMAL[Source], "url": wrong})) == 1, wrong
    assert len(_errors(PackMeta, {**MINIMAL[PackMeta], "source_url": "en.wikipedia.org"})) == 1


def test_source_numbers_are_whole_positive_numbers_never_text_or_booleans() -> None:
    assert Source.model_validate({**MINIMAL[Source], "number": 13}).number == 13
    for wrong in ("13", True, 0, 1.5):
        assert len(_errors(Source, {**MINIMAL[Source], "number": wrong})) == 1, wrong


def test_citation_reads_like_a_reference() -> None:
    source = Source.model_validate(
        {
            "id": "ref-13",
            "number": 13,
            "author": "Vuk Vuksanovic",
            "title": "An Unlikely Alliance",
            "publisher": "RUSI",
            "date": "2020-08-19",
        }
    )
    assert source.citation() == "[13] Vuk Vuksanovic, \u201cAn Unlikely Alliance\u201d, RUSI, 19 August 2020"
    assert Source.model_validate(MINIMAL[Source]).citation() == "\u201cA book\u201d"


class TestAmounts:
    def test_money_has_a_currency(self) -> None:
        amount = Amount.model_validate({"value": "300000000", "currency": "EUR"})
        assert (amount.value, amount.currency, amount.unit) == (Decimal(300000000), "EUR", None)

    def test_counted_things_have_a_unit(self) -> None:
        amount = Amount.model_validate({"value": 12, "unit": "howitzers", "qualifier": "about"})
        assert (amount.unit, amount.qualifier) == ("howitzers", "about")

    @pytest.mark.parametrize("fields", [{}, {"currency": "EUR", "unit": "loans"}])
    def test_exactly_one_of_currency_or_unit(self, fields: dict[str, str]) -> None:
        assert _errors(Amount, {"value": 1, **fields}) == [
            ": Value error, give exactly one of 'currency' (money) or 'unit' (anything else)"
        ]

    @pytest.mark.parametrize("value", [0, -5, "nan", float("inf"), "1,000", True])
    def test_the_value_is_a_finite_positive_number(self, value: object) -> None:
        assert len(_errors(Amount, {"value": value, "currency": "EUR"})) == 1

    @pytest.mark.parametrize("currency", ["eur", "EURO", "E", "€"])
    def test_currencies_are_iso_codes(self, currency: str) -> None:
        assert len(_errors(Amount, {"value": 1, "currency": currency})) == 1


class TestPromptsNeedTheirAnswers:
    @pytest.mark.parametrize(
        ("model", "prompt", "answer_field", "answer"),
        [
            (Event, "when", "date", 2011),
            (Event, "who", "actor", "someone"),
            (Event, "where", "place", "baku"),
            (Person, "role", "role", "President of Serbia"),
            (Agreement, "when", "date", "2013-04"),
            (Agreement, "value", "value", {"value": 1, "currency": "EUR"}),
            (Agreement, "parties", "parties", ["serbia", "azerbaijan"]),
        ],
    )
    def test_a_prompt_without_its_answer_is_refused(
        self, model: type[BaseModel], prompt: str, answer_field: str, answer: object
    ) -> None:
        with_prompt = {**MINIMAL[model], "prompts": {prompt: "A question?"}}
        assert len(_errors(model, with_prompt)) == 1
        assert f"prompts.{prompt} is given" in _errors(model, with_prompt)[0]
        assert _errors(model, {**with_prompt, answer_field: answer}) == []

    def test_every_missing_answer_is_named_at_once(self) -> None:
        event = {**MINIMAL[Event], "prompts": {"when": "When?", "who": "Who?"}}
        assert _errors(Event, event) == [
            ": Value error, prompts.who is given but 'actor' is missing; prompts.when is given but 'date' is missing"
        ]

    def test_a_parties_prompt_needs_two_parties(self) -> None:
        agreement = {**MINIMAL[Agreement], "prompts": {"parties": "Between whom?"}, "parties": ["serbia"]}
        assert _errors(Agreement, agreement) == [
            ": Value error, prompts.parties is given but there are fewer than two 'parties'"
        ]

    def test_prompts_that_need_no_extra_field(self) -> None:
        assert _errors(Event, {**MINIMAL[Event], "prompts": {"what": "What happened?"}}) == []
        assert _errors(Person, {**MINIMAL[Person], "prompts": {"who": "Who?"}}) == []
        assert _errors(Figure, {**MINIMAL[Figure], "prompts": {"amount": "How much?"}}) == []

    def test_a_prompt_is_never_empty(self) -> None:
        assert _errors(Event, {**MINIMAL[Event], "prompts": {"what": ""}}) == [
            "prompts.what: String should have at least 1 character"
        ]


def test_skip_takes_only_the_angles_of_its_kind() -> None:
    event = Event.model_validate(
        {"id": "e", "topic": "dates", "what": "x", "explanation": "y", "sources": ["s"], "skip": ["where"]}
    )
    assert event.skip == ["where"]
    with pytest.raises(ValidationError) as raised:
        Event.model_validate(
            {"id": "e", "topic": "dates", "what": "x", "explanation": "y", "sources": ["s"], "skip": ["role"]}
        )
    assert "'when', 'what', 'who' or 'where'" in str(raised.value)


def _decimal_places_as_counted_before(value: Decimal) -> bool:
    """Whether the amount check accepted ``value``'s decimals, as it counted them on every value."""
    _, digits, exponent = value.as_tuple()
    trailing_zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return not (isinstance(exponent, int) and exponent + trailing_zeros < -AMOUNT_DECIMAL_PLACES)


@given(
    st.decimals(min_value=Decimal("1e-12"), max_value=AMOUNT_LIMIT - 1, allow_nan=False, allow_infinity=False)
    | st.builds(Decimal, st.from_regex(r"\A[1-9]\d{0,8}(\.\d{0,12})?(E-?\d{1,3})?\Z"))
)
def test_decimal_places_are_counted_only_where_they_can_be_too_many(value: Decimal) -> None:
    if value <= 0 or value >= AMOUNT_LIMIT:
        return
    try:
        _bounded_amount(value)
        accepted = True
    except ValueError as error:
        assert str(error) == f"must have at most {AMOUNT_DECIMAL_PLACES} decimal places"
        accepted = False
    assert accepted == _decimal_places_as_counted_before(value)
