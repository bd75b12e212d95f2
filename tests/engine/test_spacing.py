"""No give-aways within a sitting: quizzes, review sessions, retry rounds and export order."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from azrs_quiz.facts.content import Content
from azrs_quiz.questions import Question, build_quiz, gives_away, question_bank, space_out, spaced_order

SEEDS = 300


@pytest.fixture(scope="module")
def bundled_bank(bundled_content: Content) -> list[Question]:
    return question_bank(bundled_content)


def give_away_pairs(questions: tuple[Question, ...] | list[Question]) -> list[tuple[str, str]]:
    return [(a.id, b.id) for i, a in enumerate(questions) for b in questions[i + 1 :] if gives_away(a, b)]


def question(prompt: str, answer: str, *, fact: str, kind: str = "person") -> Question:
    return Question(
        id=f"{fact}:q",
        fact_id=fact,
        angle="q",
        kind="event",
        topic="people",
        prompt=prompt,
        options=(answer, "Other one", "Another one"),
        answer=0,
        explanation="",
        sources=(),
        citations=(),
        answer_kind=kind,
    )


def test_a_stem_printing_another_answer_gives_it_away() -> None:
    who = question("Which Azerbaijani politician visited Niš?", "Ilham Aliyev", fact="a")
    reviewed = question("In which year did President Ilham Aliyev review equipment?", "2023", fact="b", kind="date")
    surname = question("Which bust did Aliyev and Tadić unveil?", "Uzeyir Hajibeyov", fact="c")
    unrelated = question("Which Serbian city hosted the talks?", "Belgrade", fact="d", kind="place")
    assert gives_away(who, reviewed) and gives_away(reviewed, who)
    assert gives_away(who, surname)  # "Aliyev" alone is enough
    assert not gives_away(who, unrelated)


def test_accents_and_case_do_not_hide_a_give_away() -> None:
    who = question("Which Serbian president confirmed the contract?", "Aleksandar Vučić", fact="a")
    talks = question("In which city did president VUCIC meet the minister?", "Belgrade", fact="b", kind="place")
    assert gives_away(who, talks)


def test_an_office_is_given_away_in_its_possessive_form() -> None:
    role = question("What office did Jeyhun Bayramov hold?", "Foreign Minister of Azerbaijan", fact="a", kind="office")
    stem = question("Whom did Azerbaijan's foreign minister meet?", "Aleksandar Vučić", fact="b")
    assert gives_away(role, stem)


def test_a_stem_printing_one_part_of_a_compound_answer_gives_it_away() -> None:
    sites = question(
        "Tašmajdan Park was one of three restored sites. What were the other two?",
        "The Bajrakli Mosque and the Church of St. Petka",
        fact="a",
        kind="event",
    )
    mosque = question("In which year was the Bajrakli Mosque in Belgrade restored?", "2011", fact="b", kind="date")
    church = question("Near which city stands the Church of St. Petka?", "Novi Sad", fact="c", kind="place")
    goods = question("What did the two countries agree on gas?", "Oil and gas; arms equipment", fact="d", kind="event")
    assert gives_away(sites, mosque) and gives_away(mosque, sites)
    assert gives_away(sites, church)
    # One-word parts ("gas") are too likely to be an ordinary word to count on their own.
    assert not gives_away(goods, question("Whose gas does Serbia buy?", "Azerbaijan's", fact="e", kind="event"))


def test_two_questions_on_one_fact_give_each_other_away() -> None:
    first = question("In which year did it happen?", "2011", fact="same", kind="date")
    second = question("Where did it happen?", "Belgrade", fact="same", kind="place")
    assert gives_away(first, replace(second, id="same:other"))


@pytest.mark.slow
def test_no_quiz_of_300_seeds_holds_a_give_away_pair(bundled_content: Content) -> None:
    for seed in range(SEEDS):
        quiz = build_quiz(bundled_content, count=10, seed=seed)
        assert len(quiz.questions) == 10, seed
        assert not give_away_pairs(quiz.questions), (seed, give_away_pairs(quiz.questions))


@pytest.mark.slow
def test_no_quiz_on_one_topic_holds_a_give_away_pair(bundled_content: Content) -> None:
    for topic in ("dates", "people", "places", "events", "agreements", "figures", "related"):
        for seed in range(50):
            quiz = build_quiz(bundled_content, topics=[topic], count=10, seed=seed)
            assert not give_away_pairs(quiz.questions), (topic, seed)


@given(st.integers(0, 2**32 - 1), st.integers(1, 40))
@settings(max_examples=300)
def test_space_out_of_any_session_keeps_no_pair_and_drops_only_give_aways(
    bundled_bank: list[Question], seed: int, size: int
) -> None:
    # A review session or a retry round: any questions, in any order.
    session = random.Random(seed).sample(bundled_bank, min(size, len(bundled_bank)))
    kept = space_out(session)
    assert not give_away_pairs(kept)
    assert [question for question in session if question in kept] == kept  # order kept
    for dropped in (question for question in session if question not in kept):
        assert any(gives_away(dropped, other) for other in kept)
    assert space_out(session, limit=3) == kept[:3]


def test_spaced_order_keeps_every_question_in_rounds_free_of_give_aways(bundled_bank: list[Question]) -> None:
    ordered = spaced_order(bundled_bank)
    assert sorted(question.id for question in ordered) == sorted(question.id for question in bundled_bank)
    first_round = space_out(bundled_bank)
    assert ordered[: len(first_round)] == first_round
    # Read front to back, the first 10 of the export are a sitting of their own.
    assert not give_away_pairs(ordered[:10])


@pytest.mark.parametrize("seed", range(40))
def test_spaced_order_is_rounds_of_space_out_whatever_the_order(bundled_bank: list[Question], seed: int) -> None:
    # The definition, spelt out the slow way: it compares every pair in every round.
    shuffled = list(bundled_bank)
    random.Random(seed).shuffle(shuffled)
    remaining, expected = shuffled, []
    while remaining:
        round_ = space_out(remaining)
        expected += round_
        remaining = [question for question in remaining if question not in round_]
    assert [question.id for question in spaced_order(shuffled)] == [question.id for question in expected]
