"""Properties of the question engine over generated content.

The content is drawn from small vocabularies on purpose, so that facts share
clauses, dates, names and roles: exactly the cases where a careless engine offers
a second true answer. Every check compares the bank with a brute-force reading of
the content, independent of the engine's own indexes.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from azrs_quiz.facts.content import Content
from azrs_quiz.facts.dates import MONTH_NAMES, PartialDate
from azrs_quiz.facts.models import TOPICS, Agreement, Event, Figure, PackMeta, Person, Place, Source
from azrs_quiz.questions import Question, build_quiz, gives_away, question_bank
from azrs_quiz.questions.index import compatible
from azrs_quiz.questions.quiz import _draw_positions
from azrs_quiz.questions.wording import amount_text, join_names, normalise

COUNTRIES = {"azerbaijan": "Azerbaijan", "serbia": "Serbia", "turkey": "Turkey", "spain": "Spain"}
CITIES = {
    "baku": ("Baku", "azerbaijan"),
    "belgrade": ("Belgrade", "serbia"),
    "novi-sad": ("Novi Sad", "serbia"),
    "ankara": ("Ankara", "turkey"),
    "madrid": ("Madrid", "spain"),
}
EVENT_WHATS = [
    "an embassy opened",
    "a treaty was signed",
    "a monument was unveiled",
    "a state visit took place",
    "a bridge was built",
    "talks were held in the capital",
]
AGREEMENT_WHATS = ["the cancellation of visas", "building a motorway", "gas supplies", "a cultural exchange"]
FIGURE_WHATS = ["trade between the two countries", "exports of wine", "visitors from abroad"]
NAMES = ["Ana Example", "Bo Example", "Cy Example", "Di Example", "Ed Example"]
OFFICES = ["President", "Foreign Minister", "Ambassador"]

settings.register_profile("engine", max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ENGINE = settings.get_profile("engine")

#: Property tests: hundreds of generated packs each, so they run in the full suite, not the fast one.
pytestmark = pytest.mark.slow


@st.composite
def dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.integers(2000, 2004))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(year=year)
    month = draw(st.integers(1, 3))
    if precision == "month":
        return PartialDate(year=year, month=month)
    return PartialDate(year=year, month=month, day=draw(st.integers(1, 28)))


def maybe(draw: st.DrawFn, strategy: st.SearchStrategy[Any]) -> Any:
    return draw(st.one_of(st.none(), strategy))


@st.composite
def contents(draw: st.DrawFn) -> Content:
    """Content with every kind of fact, sharing clauses, dates, names and roles."""
    base = {"sources": ["ref-1"], "explanation": "Context for the learner."}
    places = {key: Place(id=key, name=name, kind="country") for key, name in COUNTRIES.items()}
    places |= {key: Place(id=key, name=name, kind="city", country=country) for key, (name, country) in CITIES.items()}

    people: dict[str, Person] = {}
    for number in range(draw(st.integers(0, 6))):
        name = draw(st.sampled_from(NAMES))
        country = draw(st.sampled_from(sorted(COUNTRIES)))
        role = maybe(draw, st.sampled_from([f"{office} of {COUNTRIES[country]}" for office in OFFICES]))
        prompts: dict[str, str] = {}
        if role is not None and draw(st.booleans()):
            prompts["role"] = f"What office did person {number} hold at the summit?"
        if draw(st.booleans()):
            prompts["who"] = f"Who was person number {number}?"
        people[f"person-{number}"] = Person.model_validate(
            {"id": f"person-{number}", "name": name, "role": role, "country": country, "prompts": prompts, **base}
        )

    events: dict[str, Event] = {}
    for number in range(draw(st.integers(0, 10))):
        date = maybe(draw, dates())
        actor = maybe(draw, st.sampled_from(sorted(people))) if people else None
        place = maybe(draw, st.sampled_from(sorted(places)))
        prompts = {}
        if actor is not None and draw(st.booleans()):
            prompts["who"] = f"Who led event number {number}?"
        if date is not None and draw(st.booleans()):
            prompts["when"] = f"When did event number {number} happen?"
        record: dict[str, Any] = {
            "id": f"event-{number}",
            "topic": draw(st.sampled_from(TOPICS)),
            "what": draw(st.sampled_from(EVENT_WHATS)),
            "date": date.iso() if date else None,
            "actor": actor,
            "people": [actor] if actor else [],
            "place": place,
            "prompts": prompts,
            **base,
        }
        events[record["id"]] = Event.model_validate(record)

    agreements: dict[str, Agreement] = {}
    for number in range(draw(st.integers(0, 6))):
        parties = draw(st.lists(st.sampled_from(sorted(COUNTRIES)), min_size=2, max_size=3, unique=True))
        value = maybe(
            draw,
            st.fixed_dictionaries(
                {
                    "value": st.sampled_from([100, 150, 300]).map(lambda amount: amount * 10**6),
                    "currency": st.sampled_from(["EUR", "USD"]),
                    "qualifier": st.sampled_from(["exact", "about", "over"]),
                }
            ),
        )
        date = maybe(draw, dates())
        record = {
            "id": f"agreement-{number}",
            "topic": "agreements",
            "kind": draw(st.sampled_from(["agreement", "loan", "treaty"])),
            "what": draw(st.sampled_from(AGREEMENT_WHATS)),
            "parties": parties,
            "value": value,
            "date": date.iso() if date else None,
            **base,
        }
        agreements[record["id"]] = Agreement.model_validate(record)

    figures: dict[str, Figure] = {}
    for number in range(draw(st.integers(0, 4))):
        date = maybe(draw, dates())
        money = draw(st.booleans())
        amount: dict[str, Any] = {"value": draw(st.sampled_from([31, 69, 100, 400])) * 10**6}
        amount |= {"currency": "USD"} if money else {"unit": "cubic metres", "per": "year"}
        record = {
            "id": f"figure-{number}",
            "topic": "agreements",
            "what": draw(st.sampled_from(FIGURE_WHATS)),
            "amount": amount,
            "date": date.iso() if date else None,
            "prompts": {} if money else {"amount": f"How much gas went through pipeline {number}?"},
            **base,
        }
        figures[record["id"]] = Figure.model_validate(record)

    return Content(
        packs=(PackMeta(id="generated", title="Generated", licence="CC0-1.0", attribution="Generated."),),
        sources={"ref-1": Source(id="ref-1", number=1, title="A source")},
        places=places,
        people=people,
        events=events,
        agreements=agreements,
        figures=figures,
    )


def parse_date(text: str) -> PartialDate:
    match = re.fullmatch(r"(?:(\d{1,2}) )?(?:([A-Z][a-z]+) )?(\d{4})", text)
    assert match is not None, f"not a date: {text!r}"
    day, month, year = match.groups()
    return PartialDate(
        year=int(year), month=MONTH_NAMES.index(month) + 1 if month else None, day=int(day) if day else None
    )


def true_answers(content: Content, question: Question) -> tuple[set[str], Callable[[str], bool] | None]:
    """Every answer the content makes true for the question (folded), found by brute force.

    For dates, a predicate instead: is this rendered date possibly the same day as a true one?
    """
    fact = content.fact(question.fact_id)
    angle = question.angle
    if isinstance(fact, Event):
        namesakes = [event for event in content.events.values() if normalise(event.what) == normalise(fact.what)]
        if angle == "when":
            dates_true = [event.date for event in namesakes if event.date is not None]
            return set(), lambda text: any(compatible(parse_date(text), date) for date in dates_true)
        if angle == "what":
            assert fact.date is not None
            return {
                normalise(event.what)
                for event in content.events.values()
                if event.date is not None and compatible(event.date, fact.date)
            }, None
        if angle == "who":
            ids = {person for event in namesakes for person in [*event.people, event.actor] if person}
            return {normalise(content.people[person].name) for person in ids}, None
        if angle == "where":
            return {normalise(content.places[event.place].name) for event in namesakes if event.place}, None
    if isinstance(fact, Person):
        if angle == "role":
            return {
                normalise(person.role) for person in content.people.values() if person.role and person.name == fact.name
            }, None
        if angle == "who":
            return {
                normalise(person.name)
                for person in content.people.values()
                if person.name == fact.name or (fact.role and person.role == fact.role)
            }, None
    if isinstance(fact, Agreement):
        deals = [other for other in content.agreements.values() if normalise(other.what) == normalise(fact.what)]
        if angle == "what":
            return {
                normalise(other.what)
                for other in content.agreements.values()
                if other.kind == fact.kind
                and set(other.parties) == set(fact.parties)
                and (fact.date is None or other.date is None or compatible(other.date, fact.date))
            }, None
        if angle == "when":
            dates_true = [other.date for other in deals if other.date is not None]
            return set(), lambda text: any(compatible(parse_date(text), date) for date in dates_true)
        if angle == "parties":
            return {normalise(join_names([COUNTRIES[party] for party in other.parties])) for other in deals}, None
        if angle == "value":
            assert fact.value is not None
            return {
                normalise(
                    amount_text(
                        other.value.value,
                        currency=other.value.currency,
                        unit=None,
                        per=None,
                        qualifier=fact.value.qualifier,
                    )
                )
                for other in deals
                if other.value is not None and other.value.currency == fact.value.currency
            }, None
    if isinstance(fact, Figure) and angle == "amount":
        return {
            normalise(
                amount_text(
                    other.amount.value,
                    currency=other.amount.currency,
                    unit=other.amount.unit,
                    per=other.amount.per,
                    qualifier=fact.amount.qualifier,
                )
            )
            for other in content.figures.values()
            if normalise(other.what) == normalise(fact.what)
            and (other.date is None or fact.date is None or compatible(other.date, fact.date))
        }, None
    raise AssertionError(f"unexpected question {question.id}")


@given(contents(), st.integers(3, 5))
@settings(parent=ENGINE)
def test_every_question_has_one_true_option_among_distinct_options(content: Content, options: int) -> None:
    for question in question_bank(content, options=options):
        assert 3 <= len(question.options) <= options
        assert len({normalise(option) for option in question.options}) == len(question.options), question
        assert 0 <= question.answer < len(question.options)
        if question.correct_option.startswith("Over "):
            # "over $300 million" makes "over $150 million" true too: only larger amounts may stand beside it.
            assert question.answer == 0, question
        truths, is_true = true_answers(content, question)
        for index, option in enumerate(question.options):
            true = is_true(option) if is_true is not None else normalise(option) in truths
            assert true == (index == question.answer), (question, option)


@given(contents())
@settings(parent=ENGINE)
def test_distractors_are_of_the_key_kind(content: Content) -> None:
    people = {person.name for person in content.people.values()}
    for question in question_bank(content):
        key = question.correct_option
        if question.angle == "when":
            precision = parse_date(key).precision
            parsed = [parse_date(option) for option in question.options]
            assert {date.precision for date in parsed} == {precision}, question
            assert [date.sort_key for date in parsed] == sorted(date.sort_key for date in parsed)
        elif question.angle == "who":
            assert set(question.options) <= people
        elif question.angle == "where":
            kinds = {place.kind for place in content.places.values() if place.name in question.options}
            assert len(kinds) == 1 and all(
                any(place.name == option for place in content.places.values()) for option in question.options
            ), question
        elif question.angle in ("value", "amount"):
            unit = re.sub(r"[\d.,]+", "#", key)
            assert all(re.sub(r"[\d.,]+", "#", option) == unit for option in question.options), question


@given(contents(), st.integers(0, 2**32 - 1), st.integers(1, 12))
@settings(parent=ENGINE)
def test_a_quiz_is_determined_by_content_and_seed(content: Content, seed: int, count: int) -> None:
    bank = question_bank(content)
    if not bank:
        return
    quiz = build_quiz(content, count=count, seed=seed)
    assert quiz == build_quiz(content, count=count, seed=seed)
    assert len({question.id for question in quiz.questions}) == len(quiz.questions)
    asked = quiz.questions
    # No two questions give each other away (one fact, or a stem printing another's answer)...
    assert not [(a.id, b.id) for a in asked for b in asked if a.id < b.id and gives_away(a, b)]
    # ...and the quiz is short of ``count`` only when every question left out would.
    if len(asked) < count:
        for question in bank:
            if question not in asked:
                assert any(gives_away(question, other) for other in asked), question.id


@given(contents())
@settings(parent=ENGINE)
def test_ids_are_stable_and_an_unrelated_fact_changes_no_other_question(content: Content) -> None:
    before = question_bank(content)
    assert all(question.id == f"{question.fact_id}:{question.angle}" for question in before)
    assert len({question.id for question in before}) == len(before)
    extra = Figure.model_validate(
        {
            "id": "zz-new-figure",
            "topic": "agreements",
            "what": "widgets made in the new plant",
            "amount": {"value": 12, "unit": "widgets"},
            "sources": ["ref-1"],
            "explanation": "New.",
            "prompts": {"amount": "How many widgets did the new plant make?"},
        }
    )
    grown = Content(
        packs=content.packs,
        sources=content.sources,
        places=content.places,
        people=content.people,
        events=content.events,
        agreements=content.agreements,
        figures={**content.figures, extra.id: extra},
    )
    after = question_bank(grown)
    assert [question for question in after if question.fact_id != extra.id] == before
    assert [question.id for question in after if question.fact_id == extra.id] == ["zz-new-figure:amount"]


@given(contents())
@settings(parent=ENGINE)
def test_no_prompt_is_shared_by_two_answers(content: Content) -> None:
    answers: dict[str, set[str]] = {}
    for question in question_bank(content):
        answers.setdefault(normalise(question.prompt), set()).add(normalise(question.correct_option))
    assert all(len(keys) == 1 for keys in answers.values()), answers


def _draw_as_first_written(
    topic_of: list[str], fact_of: list[str], count: int, rng: random.Random, apart: set[tuple[int, int]]
) -> list[int]:
    """The draw as it was first written (every fact's questions shuffled, however few): the reference."""
    by_topic: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for position in range(len(topic_of)):
        by_topic[topic_of[position]][fact_of[position]].append(position)
    queues = []
    for topic in sorted(by_topic):
        facts = list(by_topic[topic].values())
        rng.shuffle(facts)
        for questions in facts:
            rng.shuffle(questions)
        depth = max(len(questions) for questions in facts)
        queues.append([questions[rank] for rank in range(depth) for questions in facts if rank < len(questions)])
    rng.shuffle(queues)
    drawn: list[int] = []
    next_of = [0] * len(queues)
    while len(drawn) < count and any(start < len(queue) for start, queue in zip(next_of, queues)):
        for turn, queue in enumerate(queues):
            while next_of[turn] < len(queue) and len(drawn) < count:
                candidate = queue[next_of[turn]]
                next_of[turn] += 1
                if not any((min(candidate, other), max(candidate, other)) in apart for other in drawn):
                    drawn.append(candidate)
                    break
    return drawn


@given(
    st.lists(st.tuples(st.sampled_from("abc"), st.integers(0, 12)), min_size=1, max_size=60),
    st.sets(st.tuples(st.integers(0, 59), st.integers(0, 59))),
    st.integers(1, 20),
    st.integers(0, 2**32 - 1),
)
def test_a_draw_is_the_one_first_written_for_every_seed(
    questions: list[tuple[str, int]], apart: set[tuple[int, int]], count: int, seed: int
) -> None:
    # Skipping the shuffle of a fact's lone question must leave every quiz of every seed as it was.
    topic_of = [topic for topic, _ in questions]
    fact_of = [f"fact-{fact}" for _, fact in questions]
    pairs = {(min(a, b), max(a, b)) for a, b in apart}

    def keeps_apart(position: int, drawn: Sequence[int]) -> bool:
        return not any((min(position, other), max(position, other)) in pairs for other in drawn)

    drawn = _draw_positions(range(len(questions)), topic_of, fact_of, count, random.Random(seed), keeps_apart)

    assert drawn == _draw_as_first_written(topic_of, fact_of, count, random.Random(seed), pairs)
