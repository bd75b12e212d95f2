"""The tab-separated export: Anki's text import (parsed back, and imported into real Anki) and Quizlet."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.anki_text import parse_anki_tsv
from helpers.exports import NASTY_ATTRIBUTION, from_html, nasty_questions, split_options

from azrs_quiz.anki.ids import pack_note_guid
from azrs_quiz.exports.csv import ANKI_HEADERS, PLAIN_CREDIT_TERM, questions_to_tsv
from azrs_quiz.facts.content import Content
from azrs_quiz.questions.model import Question

TINY_CREDIT = "Test data written for azrs_quiz's tests. Licence: CC-BY-SA-4.0."


def as_field(text: str) -> str:
    """Text as an Anki field keeps it: tabs become spaces (the one escaping policy for Anki fields)."""
    return text.replace("\t", " ")


def tsv(questions: list[Question], content: Content, attribution: str = NASTY_ATTRIBUTION) -> str:
    return questions_to_tsv(questions, attribution=attribution, content=content)


def test_every_question_option_and_key_survives_the_anki_file(tiny_content: Content) -> None:
    questions = nasty_questions()
    headers, rows = parse_anki_tsv(tsv(questions, tiny_content))

    assert len(rows) == len(questions)
    for question, (front, back, tags, guid, deck) in zip(questions, rows):
        prompt, options = front.split("<br><br>", 1)
        assert from_html(prompt) == as_field(question.prompt)
        assert [from_html(text) for _, text in split_options(options)] == [as_field(text) for text in question.options]
        key, feedback, credit = back.split("<br><br>", 2)
        assert key[:3] == f"{'ABCDE'[question.answer]}) "
        assert from_html(key[3:]) == as_field(question.correct_option)
        assert from_html(feedback) == as_field(
            "\n".join([question.explanation, *(f"Source: {citation}" for citation in question.citations)])
        )
        assert from_html(credit) == TINY_CREDIT  # the pack's credit on every note
        assert tags.split(" ") == [f"azrs::{question.topic}", f"azrs::kind::{question.kind}", "azrs::pack::tiny"]
        assert guid == pack_note_guid(f"mc:{question.id}", "tiny")  # the package's GUID
        assert deck == "A tiny pack for tests"


def test_anki_file_starts_with_anki_headers_then_carries_the_credit_as_comments(tiny_content: Content) -> None:
    text = tsv(nasty_questions(), tiny_content)
    headers, _ = parse_anki_tsv(text)

    assert headers[: len(ANKI_HEADERS)] == list(ANKI_HEADERS)
    assert not any(header.startswith("#columns") for header in headers)  # fields map by position
    credit = [line for line in headers if line.startswith("# ")]
    assert '# Text from "Azerbaijan–Serbia relations" -- CC BY-SA 4.0 <https://x.org/?a=1&b=2>' in credit
    assert "# Second line: {#}" in credit


def test_anki_fields_have_no_raw_newlines_or_markup_from_the_content(tiny_content: Content) -> None:
    text = tsv(nasty_questions(), tiny_content, "Credit")
    _, rows = parse_anki_tsv(text)

    for row in rows:
        for field in row:
            assert "\n" not in field and "\r" not in field
            assert "<b>" not in field  # the content's own markup is escaped, shown as text
    # One physical line per card: the file is headers + comments + one line per question.
    assert len(text.splitlines()) == len(ANKI_HEADERS) + 2 + len(rows)


def test_anki_text_import_reads_every_card_and_updates_instead_of_duplicating(
    tmp_path: Path, tiny_content: Content
) -> None:
    collection_module = pytest.importorskip("anki.collection")
    from anki.import_export_pb2 import ImportCsvRequest

    questions = nasty_questions()
    first = tmp_path / "cards.txt"
    first.write_text(tsv(questions, tiny_content), encoding="utf-8")
    collection = collection_module.Collection(str(tmp_path / "collection.anki2"))
    try:
        metadata = collection.get_csv_metadata(str(first), None)
        assert (metadata.is_html, metadata.tags_column, metadata.guid_column, metadata.deck_column) == (True, 3, 4, 5)
        log = collection.import_csv(ImportCsvRequest(path=str(first), metadata=metadata)).log
        assert len(log.new) == len(questions)

        notes = {note.guid: note for note in map(collection.get_note, collection.find_notes(""))}
        assert set(notes) == {pack_note_guid(f"mc:{question.id}", "tiny") for question in questions}
        nasty = notes[pack_note_guid("mc:nasty-prompt:when", "tiny")]
        assert from_html(nasty.fields[0].split("<br><br>")[0]) == as_field(questions[0].prompt)
        assert nasty.tags == ["azrs::kind::person", "azrs::pack::tiny", "azrs::people"]
        assert collection.decks.name(nasty.cards()[0].did) == "A tiny pack for tests"
        assert notes[pack_note_guid("mc:hash-start:what", "tiny")].fields[0].startswith("#1 starts with a hash")

        changed = [questions[0], *(_reworded(question) for question in questions[1:2]), *questions[2:]]
        second = tmp_path / "cards-v2.txt"
        second.write_text(tsv(changed, tiny_content), encoding="utf-8")
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


def test_output_is_deterministic(tiny_content: Content) -> None:
    questions = nasty_questions()
    assert tsv(questions, tiny_content, "C") == tsv(list(questions), tiny_content, "C")


def _one_line(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def _german_collection(path: Path) -> object:
    """A collection whose Basic note type is named as in a German profile."""
    from anki.collection import Collection

    collection = Collection(str(path))
    basic = collection.models.by_name("Basic")
    basic["name"] = "Einfach"
    collection.models.rename_field(basic, basic["flds"][0], "Vorderseite")
    collection.models.rename_field(basic, basic["flds"][1], "Rückseite")
    collection.models.save(basic)
    return collection


def test_fields_map_in_a_profile_whose_basic_note_type_has_another_name(tmp_path: Path, tiny_content: Content) -> None:
    pytest.importorskip("anki.collection")
    from anki.import_export_pb2 import ImportCsvRequest

    cards = tmp_path / "cards.txt"
    cards.write_text(tsv(nasty_questions(), tiny_content), encoding="utf-8")
    collection = _german_collection(tmp_path / "collection.anki2")
    try:
        metadata = collection.get_csv_metadata(str(cards), None)  # type: ignore[attr-defined]
        collection.import_csv(ImportCsvRequest(path=str(cards), metadata=metadata))  # type: ignore[attr-defined]
        notes = [collection.get_note(nid) for nid in collection.find_notes("")]  # type: ignore[attr-defined]

        assert len(notes) == len(nasty_questions())
        for note in notes:
            assert note.note_type()["name"] == "Einfach"
            assert note["Vorderseite"] and note["Rückseite"]  # no empty backs
            assert TINY_CREDIT.split(".")[0] in from_html(note["Rückseite"])
    finally:
        collection.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize("package_first", [True, False])
def test_text_file_and_package_never_duplicate_each_other(
    tmp_path: Path, tiny_content: Content, package_first: bool
) -> None:
    collection_module = pytest.importorskip("anki.collection")
    from anki.import_export_pb2 import ImportCsvRequest

    from azrs_quiz.anki import export_anki
    from azrs_quiz.questions import question_bank

    bank = question_bank(tiny_content)
    package = export_anki(tiny_content, tmp_path / "tiny.apkg")
    text = tmp_path / "tiny.txt"
    text.write_text(tsv(bank, tiny_content), encoding="utf-8")
    collection = collection_module.Collection(str(tmp_path / "collection.anki2"))

    def import_package() -> None:
        request = collection_module.ImportAnkiPackageRequest(
            package_path=str(package.path), options=collection_module.ImportAnkiPackageOptions()
        )
        collection.import_anki_package(request)

    def import_text() -> None:
        metadata = collection.get_csv_metadata(str(text), None)
        collection.import_csv(ImportCsvRequest(path=str(text), metadata=metadata))

    try:
        for step in (import_package, import_text) if package_first else (import_text, import_package):
            step()
        assert collection.note_count() == package.notes  # every question once, whichever came first
        decks = {collection.decks.name(collection.get_card(cid).did) for cid in collection.find_cards("")}
        assert decks == {"A tiny pack for tests"}
    finally:
        collection.close()
