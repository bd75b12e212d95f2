"""``--theme``: quizzes, reviews and drawn exports on the facts of some subject areas only."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner, Result
from helpers.cli import usage_error

from azrs_quiz.cli.main import main
from azrs_quiz.cli.options import THEME_CHOICES
from azrs_quiz.facts.content import Content
from azrs_quiz.facts.topics import THEMES
from azrs_quiz.progress import ProgressStore
from azrs_quiz.questions import question_bank
from azrs_quiz.questions.model import Question

THEMES_ALLOWED = "'politics', 'economy', 'culture', 'visits', 'defence', 'history'"
DRAWN_EXPORTS = ["html"]
EVERY_EXPORT = ["json", "csv", "gift", "moodle-xml", "html"]


def themes_of(bundled_content: Content) -> dict[str, Question]:
    return {question.id: question for question in question_bank(bundled_content)}


def quiz_json(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(main, ["quiz", "--no-color", "--json", *args], input="a\n" * 200)


def test_theme_choices_match_the_model() -> None:
    assert THEME_CHOICES == THEMES


def test_a_quiz_on_economy_asks_only_economy_questions(runner: CliRunner, bundled_content: Content) -> None:
    bank = themes_of(bundled_content)
    economy = [question for question in bank.values() if question.theme == "economy"]
    for seed in ("1", "7", "42"):
        result = quiz_json(runner, "--theme", "economy", "--seed", seed, "-n", "5")
        assert result.exit_code == 0, result.stderr
        asked = [answer["id"] for answer in json.loads(result.stdout)["questions"]]
        assert len(asked) == 5 <= len(economy)
        assert {bank[question].theme for question in asked} == {"economy"}


def test_theme_is_case_insensitive_repeatable_and_combines_with_topic(
    runner: CliRunner, bundled_content: Content
) -> None:
    bank = themes_of(bundled_content)
    wanted = {
        question.id
        for question in bank.values()
        if question.topic in ("dates", "places") and question.theme in ("culture", "visits")
    }
    result = quiz_json(
        runner, "--topic", "dates", "--topic", "places", "--theme", "CULTURE", "--theme", "Visits", "-n", "200"
    )
    assert result.exit_code == 0, result.stderr
    asked = {answer["id"] for answer in json.loads(result.stdout)["questions"]}
    assert asked and asked <= wanted
    assert {bank[question].theme for question in asked} == {"culture", "visits"}


def test_an_unknown_theme_is_a_usage_error_listing_the_themes(runner: CliRunner) -> None:
    result = runner.invoke(main, ["quiz", "--theme", "sports"], input="")
    assert result.exit_code == 2
    assert result.stderr == usage_error(
        "quiz", f"Invalid value for '--theme': 'sports' is not one of {THEMES_ALLOWED}."
    )
    assert result.stdout == ""


@pytest.mark.parametrize("command", [["quiz"], ["review"], ["export", "html", "-o", "-"]])
def test_a_theme_the_topics_lack_is_a_clear_error(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(main, [*command, "--topic", "related", "--theme", "economy"], input="")
    assert result.exit_code == 1
    assert result.stderr == "Error: no questions on theme 'economy'; themes available: politics\n"
    assert result.stdout == ""


@pytest.mark.parametrize("fmt", EVERY_EXPORT)
def test_an_unknown_theme_is_a_usage_error_in_every_export(runner: CliRunner, fmt: str) -> None:
    result = runner.invoke(main, ["export", fmt, "--theme", "sport", "-o", "-"])
    assert result.exit_code == 2
    assert result.stderr == usage_error(
        f"export {fmt}", f"Invalid value for '--theme': 'sport' is not one of {THEMES_ALLOWED}."
    )


@pytest.mark.parametrize("fmt", EVERY_EXPORT)
def test_an_export_holds_only_the_questions_of_its_themes(
    runner: CliRunner, bundled_content: Content, fmt: str
) -> None:
    bank = themes_of(bundled_content)
    drawn = ["-n", "500"] if fmt in DRAWN_EXPORTS else []
    result = runner.invoke(main, ["export", fmt, "--theme", "defence", "--theme", "history", *drawn, "-o", "-"])
    assert result.exit_code == 0, result.stderr
    expected = {question.id for question in bank.values() if question.theme in ("defence", "history")}
    assert result.stderr == f"Wrote {len(expected)} questions to standard output\n"
    if fmt in ("json", "html"):  # the formats that carry the questions' ids
        assert {question_id for question_id in bank if question_id in result.stdout} == expected


def test_a_drawn_export_draws_within_the_theme(runner: CliRunner, bundled_content: Content) -> None:
    bank = themes_of(bundled_content)
    result = runner.invoke(main, ["export", "html", "--theme", "politics", "--seed", "5", "-n", "6", "-o", "-"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "Wrote 6 questions (seed 5) to standard output\n"
    present = [question for question_id, question in bank.items() if question_id in result.stdout]
    assert len(present) == 6
    assert {question.theme for question in present} == {"politics"}


def test_review_brings_in_only_questions_of_the_theme(runner: CliRunner, bundled_content: Content) -> None:
    bank = themes_of(bundled_content)
    result = runner.invoke(main, ["review", "--no-color", "--theme", "culture", "--new", "50"], input="s\n" * 60)
    assert result.exit_code == 0, result.stderr
    with ProgressStore.open() as store:
        reviewed = [review.question_id for review in store.reviews()]
        scheduled = set(store.cards())
    assert reviewed and {bank[question].theme for question in reviewed} == {"culture"}
    assert scheduled and {bank[question].theme for question in scheduled} == {"culture"}


@pytest.mark.parametrize(
    ("args", "intro"),
    [
        (["--theme", "economy"], "3 questions on economy. Type ? for the keys.\n"),
        (
            ["--topic", "dates", "--theme", "politics", "--theme", "VISITS", "--theme", "politics"],
            "3 questions from dates on politics and visits. Type ? for the keys.\n",
        ),
    ],
)
def test_the_intro_names_the_themes(runner: CliRunner, args: list[str], intro: str) -> None:
    result = runner.invoke(main, ["quiz", "--no-color", "--seed", "2", "-n", "3", *args], input="a\nb\nc\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(intro)
