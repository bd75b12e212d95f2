"""``azrs-quiz export csv|gift|moodle-xml`` through the real CLI, on the tiny pack and the bundled content."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TINY_PACK
from helpers.anki_text import parse_anki_tsv
from helpers.cli import usage_error
from helpers.gift import parse_gift
from helpers.moodle_xml import parse

from azrs_quiz.cli.main import main
from azrs_quiz.facts.content import Content
from azrs_quiz.questions import question_bank

FORMATS = ("csv", "gift", "moodle-xml")
TINY_CREDIT = "Test data written for azrs_quiz's tests."


@functools.cache
def _questions_by_guid() -> dict[str, str]:
    """The question id behind each Anki GUID, for the tiny pack and the bundled content."""
    from azrs_quiz.anki.notes import NoteMaker
    from azrs_quiz.facts.loader import load_content

    guids = {}
    for content in (load_content(TINY_PACK), load_content()):
        maker = NoteMaker(content)
        guids.update({maker.multiple_choice(question).guid: question.id for question in question_bank(content)})
    return guids


def _ids(fmt: str, text: str) -> list[str]:
    """The question ids an export holds, read back with the format's own parser."""
    if fmt == "csv":  # the GUID column holds the package's GUID of each question's note
        return [_questions_by_guid()[row[3]] for row in parse_anki_tsv(text)[1]]
    if fmt == "gift":
        return [question.name for question in parse_gift(text)[1]]
    quiz = parse(text)
    return [element.findtext("name/text") or "" for element in quiz.findall("question[@type='multichoice']")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_writes_every_question_to_standard_output_with_the_credit(
    runner: CliRunner, tiny_content: Content, fmt: str
) -> None:
    result = runner.invoke(main, ["export", fmt, "--content", str(TINY_PACK), "--output", "-"])

    assert result.exit_code == 0, result.output
    bank = question_bank(tiny_content)
    assert sorted(_ids(fmt, result.stdout)) == sorted(question.id for question in bank)
    assert TINY_CREDIT in result.stdout
    assert result.stderr == f"Wrote {len(bank)} questions to standard output\n"


@pytest.mark.parametrize("fmt", FORMATS)
def test_writes_a_file_and_refuses_to_overwrite_it_without_force(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / "out" / f"questions.{fmt}"
    args = ["export", fmt, "--content", str(TINY_PACK), "--output", str(target)]

    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.output
    assert first.stdout == ""
    written = target.read_text(encoding="utf-8")
    assert TINY_CREDIT in written

    target.write_text("keep me", encoding="utf-8")
    refused = runner.invoke(main, args)
    assert refused.exit_code == 1
    assert refused.stderr == f"Error: '{target}' already exists; use --force to overwrite it\n"
    assert target.read_text(encoding="utf-8") == "keep me"

    forced = runner.invoke(main, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    assert target.read_text(encoding="utf-8") == written  # the same content gives the same file
    assert [path.name for path in target.parent.iterdir()] == [target.name]  # no temporary left behind


@pytest.mark.parametrize("fmt", FORMATS)
def test_topic_limits_the_questions(runner: CliRunner, tiny_content: Content, fmt: str) -> None:
    result = runner.invoke(
        main, ["export", fmt, "--content", str(TINY_PACK), "--topic", "agreements", "--topic", "PEOPLE", "-o", "-"]
    )

    assert result.exit_code == 0, result.output
    expected = [question.id for question in question_bank(tiny_content) if question.topic in ("agreements", "people")]
    assert sorted(_ids(fmt, result.stdout)) == sorted(expected)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_topic_the_content_lacks_is_an_error(runner: CliRunner, fmt: str) -> None:
    result = runner.invoke(main, ["export", fmt, "--content", str(TINY_PACK), "--topic", "related", "-o", "-"])

    assert result.exit_code == 1
    assert result.stdout == ""
    assert (
        result.stderr
        == "Error: no questions on topic 'related'; topics available: dates, people, places, agreements, figures\n"
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unknown_topic_is_a_usage_error_listing_the_topics(runner: CliRunner, fmt: str) -> None:
    result = runner.invoke(main, ["export", fmt, "--topic", "history", "-o", "-"])

    assert result.exit_code == 2
    message = "Invalid value for '--topic': 'history' is not one of 'dates', 'people', 'places', 'events', 'agreements', 'figures', 'related'."
    assert result.stderr == usage_error(f"export {fmt}", message)


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_required(runner: CliRunner, fmt: str) -> None:
    result = runner.invoke(main, ["export", fmt])

    assert result.exit_code == 2
    assert result.stderr == usage_error(f"export {fmt}", "Missing option '--output' / '-o'.")


def test_csv_plain_writes_quizlet_lines(runner: CliRunner, tiny_content: Content) -> None:
    result = runner.invoke(main, ["export", "csv", "--plain", "--content", str(TINY_PACK), "-o", "-"])

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"Source credit\t{TINY_CREDIT}"
    assert len(lines) == 1 + len(question_bank(tiny_content))
    assert all(line.count("\t") == 1 and not line.startswith("#") for line in lines)


def test_moodle_xml_shuffle_flag(runner: CliRunner) -> None:
    kept = runner.invoke(main, ["export", "moodle-xml", "--content", str(TINY_PACK), "-o", "-"])
    shuffled = runner.invoke(main, ["export", "moodle-xml", "--content", str(TINY_PACK), "--shuffle", "-o", "-"])

    assert "<shuffleanswers>true</shuffleanswers>" not in kept.stdout
    assert "<shuffleanswers>false</shuffleanswers>" not in shuffled.stdout
    assert shuffled.stdout.count("<shuffleanswers>true</shuffleanswers>") == kept.stdout.count("<single>true</single>")


@pytest.mark.parametrize("fmt", FORMATS)
def test_bundled_content_exports_every_question(runner: CliRunner, bundled_content: Content, fmt: str) -> None:
    result = runner.invoke(main, ["export", fmt, "-o", "-"])

    assert result.exit_code == 0, result.output
    assert sorted(_ids(fmt, result.stdout)) == sorted(question.id for question in question_bank(bundled_content))
    assert "Creative Commons" in result.stdout or "CC BY-SA" in result.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_help_explains_the_command_with_an_example(runner: CliRunner, fmt: str) -> None:
    result = runner.invoke(main, ["export", fmt, "--help"])

    assert result.exit_code == 0
    assert f"azrs-quiz export {fmt} " in result.stdout
    assert "--output" in result.stdout and "--topic" in result.stdout and "--force" in result.stdout


def test_an_anki_package_is_never_written_to_a_terminal(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("azrs_quiz.cli.export_anki._stdout_is_a_terminal", lambda: True)
    result = runner.invoke(main, ["export", "anki", "--output", "-"])
    assert result.exit_code == 2
    assert result.stderr == usage_error(
        "export anki",
        "an Anki package is binary and standard output is a terminal: redirect it (--output - > deck.apkg)"
        " or give a file name with --output",
    )
    assert result.stdout_bytes == b""


@pytest.mark.slow
def test_what_export_anki_wrote_wraps_whole_words_in_an_80_column_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from helpers.terminal import spawn_cli, transcript

    monkeypatch.chdir(tmp_path)  # a short path: only the words of the summary decide where it breaks
    screen = transcript(spawn_cli(["export", "anki", "-o", "out.apkg"], rows=24, columns=80))

    assert screen.startswith("Wrote 243 notes")
    assert all(len(line) <= 80 for line in screen.splitlines()), screen
    assert '"Azerbaijan–Serbia relations"' in screen.replace("\n  ", " "), screen  # a deck's name stays whole
