"""The question engine over the tiny pack: stems, options, keys, ids and quizzes."""

from __future__ import annotations

import re

import pytest
from helpers.events import delegation_event
from helpers.topics import expected_topic

from azrs_quiz.errors import UnknownTopic
from azrs_quiz.facts.content import Content
from azrs_quiz.facts.models import Event
from azrs_quiz.questions import InvalidCount, InvalidOptionCount, Question, build_quiz, question_bank


@pytest.fixture(scope="module")
def bank(tiny_content: Content) -> list[Question]:
    return question_bank(tiny_content)


def by_id(bank: list[Question], question_id: str) -> Question:
    return next(question for question in bank if question.id == question_id)


def test_every_question_has_one_correct_option_among_distinct_options(bank: list[Question]) -> None:
    assert len(bank) >= 10
    for question in bank:
        assert 3 <= len(question.options) <= 4, question
        assert len({option.casefold() for option in question.options}) == len(question.options), question
        assert 0 <= question.answer < len(question.options)


def test_ids_are_fact_and_angle(bank: list[Question]) -> None:
    ids = [question.id for question in bank]
    assert len(ids) == len(set(ids))
    assert all(question.id == f"{question.fact_id}:{question.angle}" for question in bank)


def test_authored_prompt_is_used(bank: list[Question]) -> None:
    question = by_id(bank, "embassy-opened:when")
    assert question.prompt == "When did Serbia open its embassy in Azerbaijan?"
    assert question.correct_option == "February 2011"


def test_a_dated_event_is_not_asked_again_as_which_of_these_happened_then(bank: list[Question]) -> None:
    # "Which of these happened in February 2011?" asks "when" the other way round: one of them is enough.
    ids = {question.id for question in bank}
    assert {"embassy-opened:when", "relations-established:when", "state-visit:when"} <= ids
    assert not {"embassy-opened:what", "relations-established:what", "state-visit:what"} & ids


def test_no_stem_has_an_unfilled_slot(bank: list[Question]) -> None:
    for question in bank:
        assert not re.search(r"[{}<>_]|None|\bevent\b", question.prompt), question.prompt
        assert question.prompt.endswith("?")
        assert question.prompt[0].isupper()


def test_date_options_share_the_key_precision_and_are_in_order(bank: list[Question]) -> None:
    month = by_id(bank, "embassy-opened:when")
    assert all(re.fullmatch(r"[A-Z][a-z]+ \d{4}", option) for option in month.options), month.options
    day = by_id(bank, "relations-established:when")
    assert all(re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", option) for option in day.options), day.options
    year = by_id(bank, "state-visit:when")
    years = [int(option) for option in year.options]
    assert all(re.fullmatch(r"\d{4}", option) for option in year.options)
    assert years == sorted(years)
    assert all(abs(value - 2010) <= 10 for value in years)


def test_amount_options_share_currency_and_magnitude(bank: list[Question]) -> None:
    question = by_id(bank, "motorway-loan:value")
    assert question.correct_option == "€300 million"
    values = [int(re.fullmatch(r"€(\d+) million", option).group(1)) for option in question.options]  # type: ignore[union-attr]
    assert values == sorted(values)
    assert all(100 <= value <= 1000 for value in values)


def test_where_question_offers_places_of_the_same_kind_and_country(bank: list[Question]) -> None:
    question = by_id(bank, "embassy-opened:where")
    assert question.correct_option == "Baku"
    assert question.topic == "places"
    # An Azerbaijani city among Azerbaijani cities: Belgrade would be ruled out at a glance.
    assert set(question.options) == {"Baku", "Ganja", "Quba"}


def test_offices_are_offered_only_among_offices_of_the_same_country(bank: list[Question]) -> None:
    question = by_id(bank, "president-a:role")
    assert question.correct_option == "President of Serbia"
    assert set(question.options) == {"President of Serbia", "Foreign Minister of Serbia", "Prime Minister of Serbia"}


def test_topics_follow_what_the_question_asks(tiny_content: Content, bank: list[Question]) -> None:
    for question in bank:
        assert question.topic == expected_topic(question.answer_kind, tiny_content.fact(question.fact_id)), question


def test_explanation_sources_and_citations_come_from_the_fact(bank: list[Question]) -> None:
    question = by_id(bank, "embassy-opened:when")
    assert question.explanation == "The embassy opened early in the year."
    assert question.sources == ("ref-1",)
    assert question.citations == ("[1] A. Author, \u201cA book about the past\u201d, A Press, 2005",)


def test_bank_is_the_same_every_time(tiny_content: Content, bank: list[Question]) -> None:
    assert question_bank(tiny_content) == bank


def test_option_count_can_be_three_or_five(tiny_content: Content) -> None:
    assert all(len(question.options) == 3 for question in question_bank(tiny_content, options=3))
    five = question_bank(tiny_content, options=5)
    assert any(len(question.options) == 5 for question in five)
    with pytest.raises(InvalidOptionCount) as raised:
        question_bank(tiny_content, options=6)
    assert str(raised.value) == "options must be between 3 and 5 (got 6)"


def test_quiz_is_determined_by_its_seed(tiny_content: Content) -> None:
    first = build_quiz(tiny_content, count=5, seed=7)
    assert first == build_quiz(tiny_content, count=5, seed=7)
    assert first.seed == 7
    assert len(first.questions) == 5
    others = {build_quiz(tiny_content, count=5, seed=seed).questions for seed in range(8)}
    assert len(others) > 1


def test_quiz_without_seed_records_the_seed_it_drew(tiny_content: Content) -> None:
    quiz = build_quiz(tiny_content, count=3)
    assert quiz.seed is not None
    assert build_quiz(tiny_content, count=3, seed=quiz.seed) == quiz


def test_quiz_never_asks_twice_about_one_fact(tiny_content: Content) -> None:
    facts = {question.fact_id for question in question_bank(tiny_content)}
    for seed in range(20):
        quiz = build_quiz(tiny_content, count=len(facts), seed=seed)
        assert len({question.fact_id for question in quiz.questions}) == len(quiz.questions)


def test_quiz_spreads_questions_across_topics(tiny_content: Content, bank: list[Question]) -> None:
    from azrs_quiz.questions import gives_away

    for seed in range(20):
        quiz = build_quiz(tiny_content, count=5, seed=seed)
        topics = {question.topic for question in quiz.questions}
        # A topic is missing only when each of its questions would give away one already asked.
        for question in bank:
            if question.topic not in topics:
                assert any(gives_away(question, other) for other in quiz.questions), (seed, question.id)
        assert len(topics) >= 3


def test_quiz_larger_than_the_bank_gives_every_question_that_can_share_a_sitting(
    tiny_content: Content, bank: list[Question]
) -> None:
    from azrs_quiz.questions import gives_away

    quiz = build_quiz(tiny_content, count=1000, seed=1)
    asked = set(quiz.questions)
    # Every question left out would give away (or be given away by) one that is asked.
    for question in bank:
        if question not in asked:
            assert any(gives_away(question, other) for other in asked), question


def test_quiz_topics_filter(tiny_content: Content) -> None:
    quiz = build_quiz(tiny_content, topics=["agreements"], count=10, seed=3)
    assert quiz.topics == ("agreements",)
    assert quiz.questions
    assert {question.topic for question in quiz.questions} == {"agreements"}


def test_unknown_topic_lists_the_available_ones(tiny_content: Content) -> None:
    with pytest.raises(UnknownTopic) as raised:
        build_quiz(tiny_content, topics=["related"], seed=1)
    assert (
        str(raised.value)
        == "no questions on topic 'related'; topics available: dates, people, places, agreements, figures"
    )


def test_count_below_one_is_an_error(tiny_content: Content) -> None:
    with pytest.raises(InvalidCount) as raised:
        build_quiz(tiny_content, count=0)
    assert str(raised.value) == "count must be at least 1 (got 0)"


def test_a_single_topic_may_be_given_as_a_string(tiny_content: Content) -> None:
    quiz = build_quiz(tiny_content, topics="dates", count=3, seed=5)
    assert quiz.topics == ("dates",)
    assert {question.topic for question in quiz.questions} == {"dates"}


def test_three_option_questions_still_spread_the_key(tiny_content: Content) -> None:
    positions = {question.answer for question in question_bank(tiny_content, options=3)}
    assert positions == {0, 1, 2}


def test_a_year_full_of_events_still_finds_the_few_false_ones(tiny_content: Content) -> None:
    # 60 events in 2011 make every one of them true for "what happened in 2011?": the
    # distractors must come from the three events of other years of the same decade, however rare.
    def event(number: int, year: int) -> Event:
        prompt = f"Which of these happened in 2011, the year of visit {number}?"
        return delegation_event(f"busy-{number}", number, year, prompt=prompt, explanation="A busy year.")

    events = {
        item.id: item
        for item in [event(number, 2011) for number in range(60)] + [event(60 + n, 2007 + n) for n in range(3)]
    }
    content = Content(packs=tiny_content.packs, sources=tiny_content.sources, places=tiny_content.places, events=events)
    bank = {question.id: question for question in question_bank(content)}
    for number in range(60):
        question = bank[f"busy-{number}:what"]
        assert question.correct_option == f"Delegation {number} arrived"
        assert sorted(question.options) == sorted(
            [f"Delegation {number} arrived", "Delegation 60 arrived", "Delegation 61 arrived", "Delegation 62 arrived"]
        )


def test_events_told_alike_are_told_apart_by_place_or_dropped(tiny_content: Content) -> None:
    def visit(number: int, year: int, place: str | None) -> Event:
        return Event.model_validate(
            {
                "id": f"visit-{number}",
                "topic": "dates",
                "date": year,
                "what": "the president visited the capital",
                "place": place,
                "sources": ["ref-1"],
                "explanation": "One of several visits.",
            }
        )

    from azrs_quiz.facts.models import Place

    events = {item.id: item for item in [visit(1, 2009, "baku"), visit(2, 2012, "belgrade"), visit(3, 2015, None)]}
    cities = {"ganja": "azerbaijan", "quba": "azerbaijan", "nis": "serbia"}
    places = {
        **tiny_content.places,
        **{key: Place(id=key, name=key.title(), kind="city", country=country) for key, country in cities.items()},
    }
    content = Content(packs=tiny_content.packs, sources=tiny_content.sources, places=places, events=events)
    bank = {question.id: question for question in question_bank(content)}
    assert bank["visit-1:when"].prompt == "The president visited the capital in Baku. In which year did this happen?"
    assert (
        bank["visit-2:when"].prompt == "The president visited the capital in Belgrade. In which year did this happen?"
    )
    assert "visit-3:when" not in bank  # nothing tells it apart from the others
    for question_id in ("visit-1:when", "visit-2:when"):
        assert not {"2009", "2012", "2015"} & (set(bank[question_id].options) - {bank[question_id].correct_option})
    where = bank["visit-1:where"]
    assert where.prompt == "The president visited the capital in 2009. Where did this happen?"
    assert where.correct_option == "Baku" and "Belgrade" not in where.options


def test_content_without_any_question_is_an_error(tiny_content: Content) -> None:
    from azrs_quiz.questions import NoQuestions

    people_only = Content(
        packs=tiny_content.packs,
        sources=tiny_content.sources,
        people={
            key: person.model_copy(
                update={"role": None, "prompts": person.prompts.model_copy(update={"role": None, "who": None})}
            )
            for key, person in tiny_content.people.items()
        },
    )
    assert question_bank(people_only) == []
    with pytest.raises(NoQuestions) as raised:
        build_quiz(people_only, seed=1)
    assert (
        str(raised.value) == "the content yields no questions: its facts need dates, places, roles, parties or amounts"
    )


def test_skipped_angles_are_never_asked(tiny_content: Content) -> None:
    event = tiny_content.events["embassy-opened"]
    assert {"embassy-opened:when", "embassy-opened:where"} <= {question.id for question in question_bank(tiny_content)}
    skipping = event.model_copy(update={"skip": ["where"]})
    content = Content(
        packs=tiny_content.packs,
        sources=tiny_content.sources,
        places=tiny_content.places,
        people=tiny_content.people,
        events={**tiny_content.events, event.id: skipping},
    )

    ids = {question.id for question in question_bank(content)}

    assert "embassy-opened:where" not in ids
    assert "embassy-opened:when" in ids


def test_questions_on_filters_the_bank_by_checked_topics(tiny_content: Content, bank: list[Question]) -> None:
    from azrs_quiz.questions.quiz import questions_on

    assert questions_on(bank, None) == bank
    assert questions_on(bank, []) == bank
    dates = questions_on(bank, ["DATES"])
    assert dates and all(question.topic == "dates" for question in dates)
    assert dates == [question for question in bank if question.topic == "dates"]
    with pytest.raises(UnknownTopic):
        questions_on(bank, ["related"])
