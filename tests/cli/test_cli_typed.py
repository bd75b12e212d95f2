"""Typed recall through pipes: one answer per line, marked by meaning, recorded as typed."""

from __future__ import annotations

import json
import unicodedata

from click.testing import CliRunner, Result
from helpers.paths import TINY_PACK

from azrs_quiz.cli.main import main
from azrs_quiz.facts.loader import load_content
from azrs_quiz.progress import ProgressStore
from azrs_quiz.questions import Question, build_quiz
from azrs_quiz.questions.marking import typable

#: Seed 21 draws one people question whose key has accents: "Vuk Jeremić" among other Serbian names.
ACCENTED = ["--topic", "people", "--count", "1", "--seed", "21"]


def quiz(runner: CliRunner, typed: str, *args: str) -> Result:
    return runner.invoke(main, ["quiz", "--typed", *args], input=typed)


def accented_question() -> Question:
    (question,) = build_quiz(load_content(), topics=["people"], count=1, seed=21).questions
    # Guards the seed: a content change that draws another question must fail here, not pass silently.
    assert question.correct_option == "Vuk Jeremić"
    assert "Boris Tadić" in question.options
    return question


def bare(text: str) -> str:
    """The text as typed on a keyboard without accents, in lower case."""
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)).lower()


def test_typed_quiz_reads_one_answer_per_line_and_json_reports_the_text(runner: CliRunner) -> None:
    questions = build_quiz(load_content(TINY_PACK), count=5, seed=2).questions
    lines = [
        f"  {question.correct_option.upper()} " if typable(question) else "abcde"[question.answer]
        for question in questions
    ]
    result = quiz(
        runner,
        "".join(f"{line}\n" for line in lines),
        "--content",
        str(TINY_PACK),
        "--count",
        "5",
        "--seed",
        "2",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["score"] == {"correct": 5, "total": 5, "percent": 100.0}
    typed_entries = [entry for entry in document["questions"] if entry["form"] == "typed"]
    assert typed_entries, "the tiny pack has dates, places and amounts to type"
    for entry, question in zip(document["questions"], questions):
        if entry["form"] == "typed":
            assert entry["given"] == question.correct_option.upper()
            assert entry["given_option"] is None
        else:
            assert entry["given"] == question.answer
    # Typed questions show no options; the others still do.
    assert "type the answer" in result.stderr


def test_the_key_typed_without_accents_in_lower_case_is_right(runner: CliRunner) -> None:
    question = accented_question()
    result = quiz(runner, f"{bare(question.correct_option)}\n", *ACCENTED, "--json")
    assert result.exit_code == 0
    assert "\u2713 Right! The answer is Vuk Jeremić." in result.stderr
    (entry,) = json.loads(result.stdout)["questions"]
    assert (entry["given"], entry["correct"], entry["near_miss"]) == ("vuk jeremic", True, False)
    # The options are not shown: recall, not recognition.
    assert "Boris Tadić" not in result.stderr.split("Your answer")[0]


def test_a_surname_alone_and_a_near_miss_are_right(runner: CliRunner) -> None:
    assert quiz(runner, "Jeremic\n", *ACCENTED).stdout.count("\u2713 Right!") == 1
    near = quiz(runner, "vuk jeremik\n", *ACCENTED)
    assert "\u2713 Right, with a typo: you typed \u201cvuk jeremik\u201d; it is spelt Vuk Jeremić." in " ".join(
        near.stdout.split()
    )


def test_a_distractor_typed_is_wrong(runner: CliRunner) -> None:
    question = accented_question()
    result = quiz(runner, "Boris Tadic\n", *ACCENTED, "--json")
    assert result.exit_code == 0
    (entry,) = json.loads(result.stdout)["questions"]
    assert (entry["given"], entry["correct"]) == ("Boris Tadic", False)
    assert "\u2717 Wrong. You typed \u201cBoris Tadic\u201d; the answer is Vuk Jeremić." in " ".join(
        result.stderr.split()
    )
    assert question.id == entry["id"]


def test_typed_answers_are_saved_as_typed(runner: CliRunner) -> None:
    quiz(runner, "vuk jeremic\n", *ACCENTED)
    with ProgressStore.open() as store:
        (review,) = store.reviews()
    assert (review.form, review.correct, review.choice) == ("typed", True, None)


def test_an_empty_line_asks_again_and_s_skips(runner: CliRunner) -> None:
    result = quiz(runner, "\ns\n", *ACCENTED, "--json")
    assert "Type an answer, or s to skip, q to stop, ? for help." in result.stderr
    (entry,) = json.loads(result.stdout)["questions"]
    assert (entry["skipped"], entry["given"], entry["form"]) == (True, None, "typed")


def test_review_typed_and_choices_force_the_form(runner: CliRunner) -> None:
    typed = runner.invoke(main, ["review", "--content", str(TINY_PACK), "--typed", "--new", "1"], input="s\n")
    assert "\u00b7 type the answer" in typed.stdout
    choices = runner.invoke(main, ["review", "--content", str(TINY_PACK), "--choices", "--new", "2"], input="s\n")
    assert "type the answer" not in choices.stdout
    assert "  a) " in choices.stdout
    with ProgressStore.open() as store:
        forms = [review.form for review in store.reviews()]
    assert forms == ["typed", "choice"]


def test_ctrl_d_on_the_first_question_says_no_answers_given(runner: CliRunner) -> None:
    result = runner.invoke(main, ["quiz", "--content", str(TINY_PACK), "--count", "3"], input="")
    assert result.exit_code == 0
    assert "No answers given." in result.stdout
    assert "Score: 0/0" not in result.stdout


def test_a_question_asked_with_choices_in_a_typed_sitting_says_why(runner: CliRunner) -> None:
    questions = build_quiz(load_content(TINY_PACK), count=5, seed=2).questions
    phrases = [question for question in questions if not typable(question)]
    assert phrases and len(phrases) < len(questions), "seed 2 must draw both kinds"
    lines = [question.correct_option if typable(question) else "abcde"[question.answer] for question in questions]
    result = quiz(runner, "".join(f"{line}\n" for line in lines), "--content", str(TINY_PACK), "-n", "5", "--seed", "2")
    assert result.exit_code == 0, result.output
    note = "Pick this one from the options: only names, places, dates and amounts are typed."
    assert result.output.count(note) == len(phrases)
