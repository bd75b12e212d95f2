"""The state of a sitting: scoring, per-topic breakdown, missed questions, JSON result."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azrs_quiz.facts.models import Topic
from azrs_quiz.questions.model import Question
from azrs_quiz.session import Answer, Score, Session

WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


def make_question(fact: str, topic: Topic = "dates", answer: int = 1) -> Question:
    return Question(
        id=f"{fact}:when",
        fact_id=fact,
        angle="when",
        kind="event",
        topic=topic,
        prompt=f"When did {fact} happen?",
        options=("2009", "2010", "2011", "2012"),
        answer=answer,
        explanation=f"{fact} happened in {2009 + answer}.",
        sources=("ref-1",),
        citations=("[1] A. Author, \u201cA book\u201d, 2005",),
    )


def answer(question: Question, choice: int | None, elapsed: float = 2.0) -> Answer:
    return Answer(question, choice, elapsed, WHEN)


def test_an_answer_is_correct_only_when_the_key_is_chosen() -> None:
    question = make_question("a", answer=2)
    assert answer(question, 2).correct
    assert not answer(question, 1).correct
    skipped = answer(question, None)
    assert not skipped.correct
    assert skipped.skipped


def test_score_counts_skips_as_asked_but_not_right() -> None:
    questions = [make_question("a"), make_question("b"), make_question("c"), make_question("d")]
    session = Session.of(questions, [answer(questions[0], 1), answer(questions[1], 0), answer(questions[2], None)])
    assert session.score == Score(1, 3)
    assert str(session.score) == "1/3 (33%)"
    assert not session.finished


def test_percent_of_nothing_asked_is_zero() -> None:
    assert Score(0, 0).percent == 0.0
    assert str(Score(0, 0)) == "0/0 (0%)"


def test_by_topic_follows_the_canonical_topic_order() -> None:
    questions = [make_question("a", "related"), make_question("b", "dates"), make_question("c", "dates")]
    session = Session.of(questions, [answer(questions[0], 1), answer(questions[1], 1), answer(questions[2], 3)])
    breakdown = session.by_topic()
    assert list(breakdown) == ["dates", "related"]
    assert breakdown["dates"] == Score(1, 2)
    assert breakdown["related"] == Score(1, 1)


def test_missed_keeps_wrong_and_skipped_in_the_order_asked() -> None:
    questions = [make_question("a"), make_question("b"), make_question("c")]
    session = Session.of(questions, [answer(questions[0], None), answer(questions[1], 1), answer(questions[2], 0)])
    assert [missed.question.fact_id for missed in session.missed()] == ["a", "c"]
    assert session.missed_questions() == (questions[0], questions[2])


def test_json_result_has_questions_answers_and_score() -> None:
    questions = [make_question("a", "dates"), make_question("b", "people")]
    session = Session.of(
        questions, [answer(questions[0], 1, 1.23456), answer(questions[1], 3)], duration=12.5
    ).with_retry(Session.of([questions[1]], [answer(questions[1], 1)]))
    result = session.to_json(seed=7)
    assert json.loads(json.dumps(result)) == result
    assert result["seed"] == 7
    assert result["score"] == {"correct": 1, "total": 2, "percent": 50.0}
    assert result["topics"] == {
        "dates": {"correct": 1, "total": 1, "percent": 100.0},
        "people": {"correct": 0, "total": 1, "percent": 0.0},
    }
    assert (result["asked"], result["planned"], result["duration_seconds"]) == (2, 2, 12.5)
    first, second = result["questions"]
    assert first["id"] == "a:when"
    assert first["options"] == ["2009", "2010", "2011", "2012"]
    assert (first["given"], first["given_option"], first["correct"]) == (1, "2010", True)
    assert first["elapsed_seconds"] == 1.235
    assert first["answered_at"] == "2026-01-02T03:04:05+00:00"
    assert (second["given_option"], second["correct_option"], second["correct"]) == ("2012", "2010", False)
    assert result["retries"][0]["score"] == {"correct": 1, "total": 1, "percent": 100.0}


def test_a_skip_is_null_in_json() -> None:
    question = make_question("a")
    entry = Session.of([question], [answer(question, None)]).to_json()["questions"][0]
    assert (entry["given"], entry["given_option"], entry["skipped"], entry["correct"]) == (None, None, True, False)


@pytest.mark.parametrize(("ended_early", "interrupted"), [(True, False), (False, True)])
def test_an_early_end_is_recorded(ended_early: bool, interrupted: bool) -> None:
    questions = [make_question("a"), make_question("b")]
    session = Session.of(questions, [answer(questions[0], 1)], ended_early=ended_early, interrupted=interrupted)
    result = session.to_json()
    assert (result["ended_early"], result["interrupted"]) == (ended_early, interrupted)
    assert (result["asked"], result["planned"]) == (1, 2)
    assert result["not_asked"] == ["b:when"]


@given(
    st.lists(
        st.tuples(st.sampled_from(["dates", "people", "agreements", "related"]), st.none() | st.integers(0, 3)),
        max_size=30,
    )
)
def test_scores_add_up_whatever_the_answers(given_answers: list[tuple[Topic, int | None]]) -> None:
    questions = [make_question(f"f{index}", topic) for index, (topic, _) in enumerate(given_answers)]
    answers = [answer(question, choice) for question, (_, choice) in zip(questions, given_answers)]
    session = Session.of(questions, answers)
    score = session.score
    assert score.total == len(answers)
    assert score.correct + len(session.missed()) == score.total
    assert sum(part.correct for part in session.by_topic().values()) == score.correct
    assert sum(part.total for part in session.by_topic().values()) == score.total
    assert 0.0 <= score.percent <= 100.0
    assert session.finished
