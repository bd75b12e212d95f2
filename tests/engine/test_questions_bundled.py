"""The bank-wide measures of /work/shared/QUESTIONS.md, over the bundled bank and a large synthetic one.

Even key positions, a key that is not the longest option more often than chance,
no distractor of another kind than its key, year distractors near the key, no
prompt shared by two answers, and no stem with an unfilled slot.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from azrs_quiz.facts.content import Content
from azrs_quiz.facts.dates import MONTH_NAMES
from azrs_quiz.facts.loader import load_content
from azrs_quiz.questions import Question, question_bank
from azrs_quiz.questions.wording import normalise
from benchmarks.synthetic import write_synthetic_pack

_MONTHS = "|".join(MONTH_NAMES)
DATE_FORMS = {
    "year": re.compile(r"\d{4}"),
    "month": re.compile(rf"(?:{_MONTHS}) \d{{4}}"),
    "day": re.compile(rf"\d{{1,2}} (?:{_MONTHS}) \d{{4}}"),
}


@pytest.fixture(scope="module")
def bundled_bank(bundled_content: Content) -> list[Question]:
    return question_bank(bundled_content)


@pytest.fixture(scope="module")
def synthetic_bank(tmp_path_factory: pytest.TempPathFactory) -> list[Question]:
    pack = write_synthetic_pack(tmp_path_factory.mktemp("synthetic"), 1000, seed=3)
    return question_bank(load_content(pack))


def key_position_shares(bank: list[Question]) -> dict[int, float]:
    four = [question for question in bank if len(question.options) == 4]
    counts = Counter(question.answer for question in four)
    return {position: counts[position] / len(four) for position in range(4)}


def key_longest(bank: list[Question]) -> tuple[int, float]:
    """How often the key is the one longest option, and how often chance would make it so."""
    observed, expected = 0, 0.0
    for question in bank:
        lengths = [len(option) for option in question.options]
        longest = max(lengths)
        if lengths.count(longest) == 1:
            expected += 1 / len(lengths)
            observed += lengths[question.answer] == longest
    return observed, expected


def date_precision(text: str) -> str | None:
    return next((name for name, form in DATE_FORMS.items() if form.fullmatch(text)), None)


def assert_kinds_match(bank: list[Question], content: Content) -> None:
    people = {person.name for person in content.people.values()}
    place_kinds = {place.name: place.kind for place in content.places.values()}
    for question in bank:
        key = question.correct_option
        precision = date_precision(key)
        if question.angle == "when":
            assert precision is not None, question
            assert {date_precision(option) for option in question.options} == {precision}, question
        elif question.angle == "who":
            assert set(question.options) <= people, question
        elif question.angle == "where":
            assert len({place_kinds.get(option) for option in question.options}) == 1, question
            assert all(option in place_kinds for option in question.options), question
        elif question.angle in ("value", "amount"):
            assert len({_amount_shape(option) for option in question.options}) == 1, question
            numbers = [_amount_number(option) for option in question.options]
            assert numbers == sorted(numbers), question
            assert max(numbers) <= 10 * min(numbers), question


def _amount_shape(option: str) -> str:
    """The option with its number taken out: "$#", "Over €#", "# cubic metres per year"."""
    return re.sub(r"[\d.,]+(?: (?:million|billion))?", "#", option)


def _amount_number(option: str) -> float:
    match = re.search(r"([\d.,]+)(?: (million|billion))?", option)
    assert match is not None, option
    scale = {"million": 1e6, "billion": 1e9, None: 1.0}[match.group(2)]
    return float(match.group(1).replace(",", "")) * scale


def year_distances(bank: list[Question]) -> list[int]:
    distances = []
    for question in bank:
        if all(DATE_FORMS["year"].fullmatch(option) for option in question.options):
            key = int(question.correct_option)
            distances += [abs(int(option) - key) for option in question.options if option != question.correct_option]
    return distances


def assert_unambiguous(bank: list[Question]) -> None:
    answers: dict[str, set[str]] = {}
    for question in bank:
        answers.setdefault(normalise(question.prompt), set()).add(normalise(question.correct_option))
    shared = {prompt: keys for prompt, keys in answers.items() if len(keys) > 1}
    assert not shared


# The bundled bank.


def test_bundled_bank_asks_about_every_fact_at_most_twice(
    bundled_content: Content, bundled_bank: list[Question]
) -> None:
    from azrs_quiz.questions import fact_yields

    unasked = [(item.fact_id, item.reason) for item in fact_yields(bundled_content) if not item.asked]
    assert not unasked
    per_fact = Counter(question.fact_id for question in bundled_bank)
    assert max(per_fact.values()) <= 2, per_fact.most_common(3)
    assert {question.topic for question in bundled_bank} == {
        "dates",
        "people",
        "places",
        "events",
        "agreements",
        "figures",
        "related",
    }


def test_bundled_questions_have_one_key_among_distinct_options(bundled_bank: list[Question]) -> None:
    for question in bundled_bank:
        # Three options where the content has only two fair wrong ones: never padded from elsewhere.
        assert len(question.options) in (3, 4), question
        assert len({normalise(option) for option in question.options}) == len(question.options), question
        assert question.explanation and question.citations and question.sources


def test_which_president_offers_only_presidents(bundled_content: Content, bundled_bank: list[Question]) -> None:
    presidents = {person.name for person in bundled_content.people.values() if person.role == "President of Serbia"}
    asked = [question for question in bundled_bank if question.prompt.startswith("Which Serbian president")]
    assert len(asked) >= 3
    for question in asked:
        assert set(question.options) <= presidents, question.options


def test_an_official_is_offered_only_among_officials_of_the_same_country(
    bundled_content: Content, bundled_bank: list[Question]
) -> None:
    # Vučić offered as an "Azerbaijani politician" would be ruled out at a glance. Questions
    # written out in full (choices) pick their own options, each with a reviewed "why".
    people = {person.name: person for person in bundled_content.people.values()}
    written = {f"{fact.id}:{choice.angle}" for fact in bundled_content.iter_facts() for choice in fact.choices}
    asked = [
        question
        for question in bundled_bank
        if question.answer_kind == "person" and question.angle == "who" and question.id not in written
    ]
    assert len(asked) >= 8
    for question in asked:
        key = people[question.correct_option]
        for option in question.options:
            assert (people[option].country, people[option].category) == (key.country, key.category), question


def test_parties_are_asked_only_with_an_authored_stem(bundled_content: Content, bundled_bank: list[Question]) -> None:
    for question in bundled_bank:
        if question.angle == "parties":
            agreement = bundled_content.agreements[question.fact_id]
            assert question.prompt == agreement.prompts.parties


def test_bundled_key_positions_are_even(bundled_bank: list[Question]) -> None:
    assert all(0.15 <= share <= 0.35 for share in key_position_shares(bundled_bank).values())


def test_bundled_key_is_not_the_longest_more_often_than_chance(bundled_bank: list[Question]) -> None:
    observed, expected = key_longest(bundled_bank)
    assert observed <= expected * 1.25 + 2


def test_bundled_distractors_are_of_the_key_kind(bundled_content: Content, bundled_bank: list[Question]) -> None:
    assert_kinds_match(bundled_bank, bundled_content)


def test_bundled_year_distractors_are_near_the_key(bundled_bank: list[Question]) -> None:
    distances = year_distances(bundled_bank)
    assert distances
    assert max(distances) <= 6
    assert sum(distances) / len(distances) <= 3.5


def test_bundled_bank_has_no_ambiguous_prompt(bundled_bank: list[Question]) -> None:
    assert_unambiguous(bundled_bank)


def test_bundled_prompts_have_no_unfilled_slot(bundled_bank: list[Question]) -> None:
    for question in bundled_bank:
        assert not re.search(r"[{}<>]|\bNone\b|_|\s{2}|\.\.", question.prompt), question.prompt
        assert question.prompt[0].isupper(), question.prompt
        for option in question.options:
            assert (option == option.strip() and option[0].isupper()) or option[0].isdigit() or option[0] in "$€£", (
                option
            )


# A large synthetic bank: the measures hold at scale.


def test_synthetic_key_positions_are_even(synthetic_bank: list[Question]) -> None:
    shares = key_position_shares(synthetic_bank)
    assert all(0.22 <= share <= 0.28 for share in shares.values()), shares


def test_synthetic_key_is_not_the_longest_more_often_than_chance(synthetic_bank: list[Question]) -> None:
    observed, expected = key_longest(synthetic_bank)
    assert observed <= expected * 1.1


def test_synthetic_bank_keeps_kinds_years_and_prompts_apart(tmp_path: Path, synthetic_bank: list[Question]) -> None:
    assert len(synthetic_bank) > 1000
    assert_unambiguous(synthetic_bank)
    distances = year_distances(synthetic_bank)
    assert max(distances) <= 6 and sum(distances) / len(distances) <= 3
    content = load_content(write_synthetic_pack(tmp_path, 1000, seed=3))
    assert_kinds_match(synthetic_bank, content)


def test_a_place_is_set_only_among_places_of_its_kind_country_and_category(
    bundled_content: Content, bundled_bank: list[Question]
) -> None:
    # Dakar or Madrid offered as Turkish cities, a park for a place of worship: found at a glance.
    places = {place.name: place for place in bundled_content.places.values()}
    asked = [question for question in bundled_bank if question.correct_option in places and question.angle == "where"]
    assert len(asked) >= 5
    for question in asked:
        key = places[question.correct_option]
        for option in question.options:
            place = places[option]
            assert (place.kind, place.country, place.category) == (key.kind, key.country, key.category), question
