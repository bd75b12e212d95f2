"""The tab-separated export: Anki's text import (parsed back, and imported into real Anki) and Quizlet."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.anki_text import parse_anki_tsv
from helpers.exports import NASTY_ATTRIBUTION, from_html, nasty_questions, split_options

from azrs_quiz.exports.csv import ANKI_HEADERS, PLAIN_CREDIT_TERM, questions_to_tsv
from azrs_quiz.questions.model import Question


def test_every_question_option_and_key_survives_the_anki_file() -> None:
    questions = nasty_questions()
    headers, rows = parse_anki_tsv(questions_to_tsv(questions, attribution=NASTY_ATTRIBUTION))

    assert len(rows) == len(questions)
    for question, (front, back, tags, guid) in zip(questions, rows):
        prompt, options = front.split("<br><br>", 1)
        assert from_html(prompt) == question.prompt
        assert [from_html(text) for _, text in split_options(options)] == list(question.options)
        key, feedback = back.split("<br><br>", 1)
        assert key[:3] == f"{'ABCDE'[question.answer]}) "
        assert from_html(key[3:]) == question.correct_option
        assert from_html(feedback) == "\n".join(
            [question.explanation, *(f"Source: {citation}" for citation in question.citations)]
        )
        assert tags.split(" ") == [
            "azrs_quiz",
            f"azrs_quiz::topic::{question.topic}",
            f"azrs_quiz::kind::{question.kind}",
        ]
        assert guid == f"azrs-quiz:{question.id}"


def test_anki_file_starts_with_anki_headers_then_carries_the_credit_as_comments() -> None:
    text = questions_to_tsv(nasty_questions(), attribution=NASTY_ATTRIBUTION)
    headers, _ = parse_anki_tsv(text)

    assert headers[: len(ANKI_HEADERS)] == list(ANKI_HEADERS)
    assert "#columns:Front\tBack\tTags\tGUID" in headers
    credit = [line for line in headers if line.startswith("# ")]
    assert '# Text from "Azerbaijan–Serbia relations" -- CC BY-SA 4.0 <https://x.org/?a=1&b=2>' in credit
    assert "# Second line: {#}" in credit


def test_anki_fields_have_no_raw_newlines_or_markup_from_the_content() -> None:
    text = questions_to_tsv(nasty_questions(), attribution="Credit")
    _, rows = parse_anki_tsv(text)

    for row in rows:
        for field in row:
            assert "\n" not in field and "\r" not in field
            assert "<b>" not in field  # the content's own markup is escaped, shown as text
    # One physical line per card: the file is headers + comments + one line per question.
    assert len(text.splitlines()) == len(ANKI_HEADERS) + 2 + len(rows)


def test_anki_text_import_reads_every_card_and_updates_instead_of_duplicating(tmp_path: Path) -> None:
    collection_module = pytest.importorskip("anki.collection")
    from anki.import_export_pb2 import ImportCsvRequest

    questions = nasty_questions()
    first = tmp_path / "cards.txt"
    first.write_text(questions_to_tsv(questions, attribution=NASTY_ATTRIBUTION), encoding="utf-8")
    collection = collection_module.Collection(str(tmp_path / "collection.anki2"))
    try:
        metadata = collection.get_csv_metadata(str(first), None)
        assert list(metadata.column_labels) == ["Front", "Back", "Tags", "GUID"]
        assert (metadata.is_html, metadata.tags_column, metadata.guid_column) == (True, 3, 4)
        log = collection.import_csv(ImportCsvRequest(path=str(first), metadata=metadata)).log
        assert len(log.new) == len(questions)

        notes = {note.guid: note for note in map(collection.get_note, collection.find_notes(""))}
        assert set(notes) == {f"azrs-quiz:{question.id}" for question in questions}
        nasty = notes["azrs-quiz:nasty-prompt:when"]
        assert from_html(nasty.fields[0].split("<br><br>")[0]) == questions[0].prompt
        assert nasty.tags == ["azrs_quiz", "azrs_quiz::kind::person", "azrs_quiz::topic::people"]
        assert notes["azrs-quiz:hash-start:what"].fields[0].startswith("#1 starts with a hash")

        changed = [questions[0], *(_reworded(question) for question in questions[1:2]), *questions[2:]]
        second = tmp_path / "cards-v2.txt"
        second.write_text(questions_to_tsv(changed, attribution=NASTY_ATTRIBUTION), encoding="utf-8")
        metadata = collection.get_csv_metadata(str(second), None)
        log = collection.import_csv(ImportCsvRequest(path=str(second), metadata=metadata)).log
        assert (len(log.new), len(log.updated)) == (0, 1)
        assert collection.note_count() == len(questions)
    finally:
        collection.close()


def _reworded(question: Question) -> Question:
    from dataclasses import replace

    return replace(question, explanation="A better explanation.")


def test_plain_file_is_one_line_per_card_with_exactly_one_tab() -> None:
    questions = nasty_questions()
    lines = questions_to_tsv(questions, attribution=NASTY_ATTRIBUTION, plain=True).split("\n")

    assert lines[-1] == ""  # ends with a newline
    lines = lines[:-1]
    assert len(lines) == 1 + len(questions)
    assert all(line.count("\t") == 1 for line in lines)
    assert lines[0] == (
        f'{PLAIN_CREDIT_TERM}\tText from "Azerbaijan–Serbia relations" -- CC BY-SA 4.0 '
        "<https://x.org/?a=1&b=2> Second line: {#}"
    )


def test_plain_file_keeps_every_option_and_key_as_plain_text() -> None:
    questions = nasty_questions()
    lines = questions_to_tsv(questions, attribution="Credit", plain=True).splitlines()[1:]

    for question, line in zip(questions, lines):
        term, definition = line.split("\t")
        parts = term.split(" | ")
        assert parts[0] == _one_line(question.prompt)
        assert parts[1:] == [f"{'ABCDE'[index]}) {_one_line(option)}" for index, option in enumerate(question.options)]
        assert definition.split(" | ")[0] == f"{'ABCDE'[question.answer]}) {_one_line(question.correct_option)}"
        assert _one_line(question.explanation) in definition
        assert "&amp;" not in line and "<br>" not in line  # Quizlet shows text as it is


def test_output_is_deterministic() -> None:
    questions = nasty_questions()
    assert questions_to_tsv(questions, attribution="C") == questions_to_tsv(list(questions), attribution="C")


def _one_line(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())
