"""Each bundled pack's review.yaml: an entry per question, kept in step with the bank.

The file numbers the article's statements in its order and reviews every question
against them: the statement it asks, its key, why each wrong option is wrong per the
source, and the verdict. A question without an entry, or an entry without a question,
fails here, so the review cannot go stale (benchmarks/review_draft.py drafts entries).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from azrs_quiz.facts.bundled import bundled_content_path
from azrs_quiz.facts.content import Content
from azrs_quiz.questions import Question, question_bank

#: The main pack reviews the article's body, the other the related articles' summaries.
PACKS = {"azerbaijan-serbia": 0.95, "related-relations": 0.85}
VERDICTS = ("sound",)


def review_of(pack: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((bundled_content_path() / pack / "review.yaml").read_text(encoding="utf-8"))
    return data


def pack_bank(content: Content, pack: str) -> dict[str, Question]:
    return {
        question.id: question
        for question in question_bank(content)
        if content.record_packs.get(question.fact_id) == pack
    }


def numbers(entry: dict[str, Any]) -> list[int]:
    statement = entry["statement"]
    return statement if isinstance(statement, list) else [statement]


@pytest.mark.parametrize("pack", PACKS)
def test_every_question_has_an_entry_and_every_entry_a_question(bundled_content: Content, pack: str) -> None:
    entries = [entry["id"] for entry in review_of(pack)["questions"]]
    bank = pack_bank(bundled_content, pack)
    assert len(entries) == len(set(entries)), "an entry is there twice"
    assert sorted(set(bank) - set(entries)) == [], "questions without a review entry"
    assert sorted(set(entries) - set(bank)) == [], "review entries without a question"


@pytest.mark.parametrize("pack", PACKS)
def test_each_entry_reviews_the_question_as_the_bank_asks_it(bundled_content: Content, pack: str) -> None:
    review = review_of(pack)
    bank = pack_bank(bundled_content, pack)
    known = {statement["number"] for statement in review["statements"]}
    for entry in review["questions"]:
        question = bank[entry["id"]]
        assert entry["key"] == question.correct_option, entry["id"]
        wrong = [option for position, option in enumerate(question.options) if position != question.answer]
        assert sorted(item["option"] for item in entry["wrong"]) == sorted(wrong), entry["id"]
        for item in entry["wrong"]:
            assert len(item["why"].split()) >= 5, (entry["id"], item)
        assert entry["verdict"] in VERDICTS, entry["id"]
        assert set(numbers(entry)) <= known, entry["id"]


@pytest.mark.parametrize(("pack", "target"), PACKS.items())
def test_the_statements_are_asked_or_say_why_not(pack: str, target: float) -> None:
    review = review_of(pack)
    asked = {number for entry in review["questions"] for number in numbers(entry)}
    statements = review["statements"]
    assert [statement["number"] for statement in statements] == sorted(statement["number"] for statement in statements)
    for statement in statements:
        if statement["number"] not in asked:
            assert statement.get("note", "").startswith("Not asked: "), statement
        else:
            assert "note" not in statement, statement
    share = sum(statement["number"] in asked for statement in statements) / len(statements)
    assert share >= target, f"{share:.0%} of the statements asked"


def test_the_review_files_are_not_read_as_content(tmp_path: Path) -> None:
    from azrs_quiz.facts.loader import load_content

    content = load_content(bundled_content_path())
    assert "statements" not in content.counts()
    assert all(not str(origin.path).endswith("review.yaml") for origin in content.origins.values())
