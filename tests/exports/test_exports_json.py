"""``azrs-quiz export json`` and ``bank_to_json``: the whole bank, as a user gets it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import TINY_PACK
from helpers.cli import usage_error

from azrs_quiz.cli.main import main
from azrs_quiz.exports.json import bank_to_json
from azrs_quiz.facts.content import Content
from azrs_quiz.questions import question_bank, spaced_order

QUESTION_KEYS = [
    "id",
    "fact_id",
    "kind",
    "angle",
    "topic",
    "prompt",
    "options",
    "answer",
    "explanation",
    "sources",
    "citations",
]


def export(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, ["export", "json", "--content", str(TINY_PACK), *args])
    return result.exit_code, result.stdout, result.stderr


def test_writes_every_question_of_the_bank(runner: CliRunner, tmp_path: Path, tiny_content: Content) -> None:
    target = tmp_path / "bank.json"
    code, stdout, stderr = export(runner, "--output", str(target))
    assert code == 0, stderr
    bank = question_bank(tiny_content)
    assert stderr == f"Wrote {len(bank)} questions to {target}\n"
    assert stdout == ""
    document = json.loads(target.read_text(encoding="utf-8"))
    assert list(document) == ["format", "pack", "attribution", "questions"]
    assert document["format"] == "azrs-quiz-bank/1"
    assert document["attribution"] == "Test data written for azrs_quiz's tests."
    assert [pack["id"] for pack in document["pack"]] == ["tiny"]
    assert document["pack"][0]["licence"] == "CC-BY-SA-4.0"
    # Every question, in the exports' default order: rounds that keep give-aways apart.
    assert [question["id"] for question in document["questions"]] == [question.id for question in spaced_order(bank)]
    for question in document["questions"]:
        assert list(question) == QUESTION_KEYS
    first = document["questions"][0]
    assert first["prompt"] == "When did Serbia open its embassy in Azerbaijan?"
    assert first["options"][first["answer"]] == "February 2011"
    assert first["sources"] == ["ref-1"]
    assert first["citations"] == ["[1] A. Author, \u201cA book about the past\u201d, A Press, 2005"]


def test_output_is_utf8_with_a_final_newline_and_the_same_bytes_every_time(runner: CliRunner, tmp_path: Path) -> None:
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    assert export(runner, "-o", str(first))[0] == 0
    assert export(runner, "-o", str(second))[0] == 0
    data = first.read_bytes()
    assert data == second.read_bytes()
    assert data.endswith(b"}\n")
    assert "\u201c".encode() in data
    assert b"\\u201c" not in data


def test_dash_writes_to_standard_output(runner: CliRunner) -> None:
    code, stdout, stderr = export(runner, "--output", "-")
    assert code == 0
    assert json.loads(stdout)["questions"]
    assert stderr.endswith("questions to standard output\n")


def test_refuses_to_overwrite_without_force(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "bank.json"
    target.write_text("keep me", encoding="utf-8")
    code, _, stderr = export(runner, "--output", str(target))
    assert code == 1
    assert stderr == f"Error: '{target}' already exists; use --force to overwrite it\n"
    assert target.read_text(encoding="utf-8") == "keep me"
    code, _, _ = export(runner, "--output", str(target), "--force")
    assert code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["questions"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bank.json"]  # no temporary file left


def test_topic_limits_the_questions(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "dates.json"
    code, _, _ = export(runner, "--topic", "dates", "--topic", "agreements", "-o", str(target))
    assert code == 0
    topics = {question["topic"] for question in json.loads(target.read_text(encoding="utf-8"))["questions"]}
    assert topics == {"dates", "agreements"}


def test_topic_the_content_lacks_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "related.json"
    code, stdout, stderr = export(runner, "--topic", "related", "-o", str(target))
    assert code == 1
    assert (
        stderr
        == "Error: no questions on topic 'related'; topics available: dates, people, places, agreements, figures\n"
    )
    assert not target.exists()


def test_unknown_topic_name_is_a_usage_error(runner: CliRunner) -> None:
    code, _, stderr = export(runner, "--topic", "sport", "-o", "-")
    assert code == 2
    message = "Invalid value for '--topic': 'sport' is not one of 'dates', 'people', 'places', 'events', 'agreements', 'figures', 'related'."
    assert stderr == usage_error("export json", message)


def test_output_is_required(runner: CliRunner) -> None:
    code, _, stderr = export(runner)
    assert code == 2
    assert stderr == usage_error("export json", "Missing option '--output' / '-o'.")


def test_bank_to_json_round_trips_every_field(tiny_content: Content) -> None:
    bank = question_bank(tiny_content)
    questions = json.loads(bank_to_json(tiny_content, bank))["questions"]
    for question, loaded in zip(bank, questions, strict=True):
        assert loaded["options"] == list(question.options)
        assert loaded["answer"] == question.answer
        assert loaded["explanation"] == question.explanation
        assert loaded["kind"] == question.kind and loaded["angle"] == question.angle


def test_bundled_bank_exports(runner: CliRunner, bundled_content: Content) -> None:
    result = runner.invoke(main, ["export", "json", "-o", "-"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert len(document["questions"]) == len(question_bank(bundled_content))
    assert len(document["pack"]) == len(bundled_content.packs)
    assert "Creative Commons" in document["attribution"] or "CC BY-SA" in document["attribution"]
