"""Our decks in the real Anki: imported with the ``anki`` library into fresh collections."""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.paths import TINY_PACK

from azrs_quiz.anki import AnkiExport, export_anki
from azrs_quiz.anki.ids import pack_note_guid
from azrs_quiz.facts.content import Content
from azrs_quiz.facts.loader import load_content

anki_collection = pytest.importorskip("anki.collection")
Collection = anki_collection.Collection

TINY_DECK = "A tiny pack for tests"
T1 = 1_800_000_000
T2 = 1_800_086_400


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[object]:
    col = Collection(str(tmp_path / "collection.anki2"))
    yield col
    col.close()


def import_deck(col: object, path: Path) -> object:
    """Import with Anki's default options (update notes and note types only when newer)."""
    request = anki_collection.ImportAnkiPackageRequest(
        package_path=str(path), options=anki_collection.ImportAnkiPackageOptions()
    )
    return col.import_anki_package(request).log  # type: ignore[attr-defined]


def build(content: Content, path: Path, history: Path, now: int) -> AnkiExport:
    return export_anki(content, path, force=True, history=history, record_history=True, now=now)


def visible_text(rendered: str) -> str:
    without_style = re.sub(r"<style>.*?</style>", "", rendered, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", without_style)).strip()


def note_by_key(col: object, key: str) -> object:
    note_id = col.db.scalar("select id from notes where guid = ?", pack_note_guid(key, "tiny"))  # type: ignore[attr-defined]
    assert note_id is not None, key
    return col.get_note(note_id)  # type: ignore[attr-defined]


def copy_tiny(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(TINY_PACK, pack)
    return pack


def edit(pack: Path, old: str, new: str) -> None:
    facts = pack / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    assert old in text
    facts.write_text(text.replace(old, new), encoding="utf-8")


def test_deck_imports_with_every_note_card_deck_and_tag(
    tmp_path: Path, collection: object, tiny_content: Content
) -> None:
    deck = tmp_path / "tiny.apkg"
    result = build(tiny_content, deck, tmp_path / "history.json", T1)

    log = import_deck(collection, deck)

    assert len(log.new) == result.notes  # type: ignore[attr-defined]
    assert collection.note_count() == result.notes  # type: ignore[attr-defined]
    assert collection.card_count() == result.cards  # type: ignore[attr-defined]
    names = {entry.name for entry in collection.decks.all_names_and_ids()}  # type: ignore[attr-defined]
    assert names == {"Default", TINY_DECK}  # one deck for the pack; topics are tags
    assert len(collection.find_cards(f'"deck:{TINY_DECK}"')) == result.cards  # type: ignore[attr-defined]
    assert len(collection.find_cards("tag:azrs::dates")) > 0  # type: ignore[attr-defined]
    question = note_by_key(collection, "mc:embassy-opened:when")
    assert sorted(question.tags) == ["azrs::dates", "azrs::kind::event", "azrs::pack::tiny"]  # type: ignore[attr-defined]
    person = note_by_key(collection, "fact:president-a")
    assert sorted(person.tags) == ["azrs::kind::person", "azrs::pack::tiny", "azrs::people"]  # type: ignore[attr-defined]
    assert person.mod == T1  # type: ignore[attr-defined]


def test_every_card_renders_a_question_and_an_answer(tmp_path: Path, collection: object, tiny_content: Content) -> None:
    deck = tmp_path / "tiny.apkg"
    build(tiny_content, deck, tmp_path / "history.json", T1)
    import_deck(collection, deck)

    card_ids = collection.find_cards("")  # type: ignore[attr-defined]
    assert card_ids
    for card_id in card_ids:
        card = collection.get_card(card_id)  # type: ignore[attr-defined]
        question, answer = card.question(), card.answer()
        assert visible_text(question), card.note().fields
        assert len(visible_text(answer)) > len(visible_text(question))
        assert "{{" not in question and "{{" not in answer
        assert "Source:" in visible_text(answer)
        assert "Test data written for azrs_quiz" in visible_text(answer)  # the pack's credit


def test_multiple_choice_back_marks_the_correct_option(
    tmp_path: Path, collection: object, tiny_content: Content
) -> None:
    from azrs_quiz.questions import question_bank

    deck = tmp_path / "tiny.apkg"
    build(tiny_content, deck, tmp_path / "history.json", T1)
    import_deck(collection, deck)
    question = next(q for q in question_bank(tiny_content) if q.id == "embassy-opened:when")
    letter = "ABCDE"[question.answer]

    card = note_by_key(collection, "mc:embassy-opened:when").cards()[0]  # type: ignore[attr-defined]
    answer = card.answer()

    assert f'<div class="answer-{letter}">' in answer
    assert (
        f'<li class="option option-{letter.lower()}"><span class="letter">{letter}</span> {question.correct_option}</li>'
        in answer
    )
    assert f"Answer: {letter}" in visible_text(answer)
    assert f"Answer: {letter}" not in visible_text(card.question())


def test_reverse_recall_card_only_when_the_cue_has_one_answer(
    tmp_path: Path, collection: object, tiny_content: Content
) -> None:
    deck = tmp_path / "tiny.apkg"
    build(tiny_content, deck, tmp_path / "history.json", T1)
    import_deck(collection, deck)

    embassy = note_by_key(collection, "fact:embassy-opened")
    figure = note_by_key(collection, "fact:trade-2023")
    reverse = embassy.cards()[1]  # type: ignore[attr-defined]

    assert len(embassy.cards()) == 2  # type: ignore[attr-defined]
    assert visible_text(reverse.question()).split() == ["Dates", "Date", "February", "2011", "Event?"]
    assert "Serbia opened its embassy in Baku" in visible_text(reverse.answer())
    assert len(figure.cards()) == 1  # type: ignore[attr-defined]  # "$100 million → Figure?" is no fair question


def test_importing_the_same_deck_twice_adds_nothing(tmp_path: Path, collection: object, tiny_content: Content) -> None:
    deck = tmp_path / "tiny.apkg"
    result = build(tiny_content, deck, tmp_path / "history.json", T1)
    import_deck(collection, deck)

    again = import_deck(collection, deck)

    assert (len(again.new), len(again.updated), len(again.duplicate)) == (0, 0, result.notes)  # type: ignore[attr-defined]
    assert collection.note_count() == result.notes  # type: ignore[attr-defined]
    assert collection.card_count() == result.cards  # type: ignore[attr-defined]


def test_an_edited_fact_arrives_as_an_update_and_keeps_its_review_history(tmp_path: Path, collection: object) -> None:
    pack = copy_tiny(tmp_path)
    history = tmp_path / "history.json"
    first = build(load_content(pack), tmp_path / "v1.apkg", history, T1)
    import_deck(collection, tmp_path / "v1.apkg")
    card = note_by_key(collection, "mc:embassy-opened:when").cards()[0]  # type: ignore[attr-defined]
    card.start_timer()
    collection.sched.answerCard(card, 3)  # type: ignore[attr-defined]
    reviews_before = collection.db.scalar("select count() from revlog where cid = ?", card.id)  # type: ignore[attr-defined]

    edit(pack, "The embassy opened early in the year.", "The embassy opened in the first weeks of the year.")
    second = build(load_content(pack), tmp_path / "v2.apkg", history, T2)
    log = import_deck(collection, tmp_path / "v2.apkg")

    updated = {note.fields[-1] for note in log.updated}  # type: ignore[attr-defined]
    assert updated == {"embassy-opened", "embassy-opened:when", "embassy-opened:where"}
    assert len(log.new) == 0  # type: ignore[attr-defined]
    assert len(log.duplicate) == first.notes - len(updated)  # type: ignore[attr-defined]
    assert second.notes == first.notes
    assert collection.note_count() == first.notes  # type: ignore[attr-defined]
    note = note_by_key(collection, "mc:embassy-opened:when")
    assert "first weeks" in note["Explanation"]  # type: ignore[index]
    assert note.mod == T2  # type: ignore[attr-defined]
    card.load()
    assert reviews_before == 1
    assert collection.db.scalar("select count() from revlog where cid = ?", card.id) == 1  # type: ignore[attr-defined]
    assert card.reps == 1 and card.type != 0  # still reviewed, not reset to new


def test_an_unrecorded_edit_still_arrives_as_an_update(tmp_path: Path, collection: object) -> None:
    pack = copy_tiny(tmp_path)
    history = tmp_path / "history.json"
    build(load_content(pack), tmp_path / "v1.apkg", history, T1)
    import_deck(collection, tmp_path / "v1.apkg")

    edit(pack, "He spoke for Azerbaijan in the talks.", "He spoke for Azerbaijan at the talks.")
    result = export_anki(load_content(pack), tmp_path / "v2.apkg", history=history)
    log = import_deck(collection, tmp_path / "v2.apkg")

    assert result.unrecorded == 2  # the recall note and the role question of minister-b
    assert {note.fields[-1] for note in log.updated} == {"minister-b", "minister-b:role"}  # type: ignore[attr-defined]
    assert note_by_key(collection, "fact:minister-b").mod == T1 + 1  # type: ignore[attr-defined]


def test_markup_and_template_syntax_in_content_show_as_text(tmp_path: Path, collection: object) -> None:
    pack = copy_tiny(tmp_path)
    edit(pack, "The embassy opened early in the year.", "Early <script>alert(1)</script> {{Front}} {{c1::x}} & more.")
    edit(pack, "name: Ana Example", "name: Ana <b>Bold</b> {{Back}}")
    deck = tmp_path / "hostile.apkg"
    build(load_content(pack), deck, tmp_path / "history.json", T1)
    import_deck(collection, deck)

    rendered = [
        (card.question(), card.answer())
        for card in (collection.get_card(cid) for cid in collection.find_cards(""))  # type: ignore[attr-defined]
    ]
    everything = "".join(question + answer for question, answer in rendered)
    assert "<script>" not in everything and "<b>Bold</b>" not in everything
    assert all(visible_text(question) and visible_text(answer) for question, answer in rendered)
    assert "{{Back}}" not in (note_by_key(collection, "fact:president-a")["Back"])  # type: ignore[index]
    embassy = note_by_key(collection, "fact:embassy-opened").cards()[0].answer()  # type: ignore[attr-defined]
    assert "Early <script>alert(1)</script> {{Front}} {{c1::x}} & more." in visible_text(embassy)
    person = note_by_key(collection, "fact:president-a").cards()[0].question()  # type: ignore[attr-defined]
    assert "Ana <b>Bold</b> {{Back}}" in visible_text(person)


def test_a_polished_note_type_reaches_users_without_touching_notes(
    tmp_path: Path, collection: object, tiny_content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    from azrs_quiz.anki import notetypes

    history = tmp_path / "history.json"
    first = build(tiny_content, tmp_path / "v1.apkg", history, T1)
    import_deck(collection, tmp_path / "v1.apkg")
    polished = dataclasses.replace(notetypes.MULTIPLE_CHOICE, css=notetypes.CSS + ".prompt { color: teal; }\n")
    monkeypatch.setattr(notetypes, "NOTE_TYPES", (polished, notetypes.FACT))

    build(tiny_content, tmp_path / "v2.apkg", history, T2)
    log = import_deck(collection, tmp_path / "v2.apkg")

    model = collection.models.get(notetypes.MULTIPLE_CHOICE_MODEL_ID)  # type: ignore[attr-defined]
    assert ".prompt { color: teal; }" in model["css"]
    assert model["name"] == "azrs_quiz multiple choice"
    ours = [entry.name for entry in collection.models.all_names_and_ids() if "azrs" in entry.name]  # type: ignore[attr-defined]
    assert sorted(ours) == ["azrs_quiz fact", "azrs_quiz multiple choice"]  # updated, not forked
    assert (len(log.new), len(log.updated), len(log.duplicate)) == (0, 0, first.notes)  # type: ignore[attr-defined]


def test_media_syntax_in_content_stays_text_and_plays_nothing(tmp_path: Path, collection: object) -> None:
    pack = copy_tiny(tmp_path)
    edit(pack, "The embassy opened early in the year.", "'Listen: [sound:x.mp3] [anki:tts lang=en_US]hi[/anki:tts]'")
    deck = tmp_path / "media.apkg"
    build(load_content(pack), deck, tmp_path / "history.json", T1)
    import_deck(collection, deck)

    card = note_by_key(collection, "fact:embassy-opened").cards()[0]  # type: ignore[attr-defined]

    assert list(card.answer_av_tags()) == []  # nothing to play
    assert "Listen: [sound:x.mp3] [anki:tts lang=en_US]hi[/anki:tts]" in visible_text(card.answer())
    assert collection.media.check().missing == []  # type: ignore[attr-defined]  # no media referenced


def test_long_words_wrap_on_every_card(tmp_path: Path, collection: object, tiny_content: Content) -> None:
    deck = tmp_path / "tiny.apkg"
    build(tiny_content, deck, tmp_path / "history.json", T1)
    import_deck(collection, deck)

    for model_id in (2127439772, 1993031931):
        css = collection.models.get(model_id)["css"]  # type: ignore[attr-defined]
        card_rule = css[css.index(".card {") : css.index("}", css.index(".card {"))]
        assert "overflow-wrap: anywhere;" in card_rule


def test_anki_search_finds_text_as_it_is_typed(tmp_path: Path, collection: object, bundled_content: Content) -> None:
    deck = tmp_path / "bundled.apkg"
    export_anki(bundled_content, deck)
    import_deck(collection, deck)

    showing = [
        note_id
        for note_id in collection.find_notes("")  # type: ignore[attr-defined]
        if "Azerbaijan's" in html.unescape(" ".join(collection.get_note(note_id).fields))  # type: ignore[attr-defined]
    ]
    found = collection.find_notes('"Azerbaijan\'s"')  # type: ignore[attr-defined]

    assert len(showing) > 10
    assert sorted(found) == sorted(showing)


def test_with_our_deck_preset_a_fact_s_two_cards_are_buried_as_siblings(
    tmp_path: Path, collection: object, tiny_content: Content
) -> None:
    deck = tmp_path / "tiny.apkg"
    build(tiny_content, deck, tmp_path / "history.json", T1)
    options = anki_collection.ImportAnkiPackageOptions(with_deck_configs=True)  # "Import deck presets"
    collection.import_anki_package(  # type: ignore[attr-defined]
        anki_collection.ImportAnkiPackageRequest(package_path=str(deck), options=options)
    )
    deck_id = collection.decks.id_for_name(TINY_DECK)  # type: ignore[attr-defined]
    preset = collection.decks.config_dict_for_deck_id(deck_id)  # type: ignore[attr-defined]
    assert (preset["name"], preset["new"]["bury"], preset["rev"]["bury"]) == ("azrs_quiz (siblings buried)", True, True)
    preset["new"]["perDay"] = 9999
    collection.decks.update_config(preset)  # type: ignore[attr-defined]
    collection.decks.select(deck_id)  # type: ignore[attr-defined]

    shown = []
    while queued := collection.sched.get_queued_cards(fetch_limit=1).cards:  # type: ignore[attr-defined]
        card = collection.get_card(queued[0].card.id)  # type: ignore[attr-defined]
        shown.append(card)
        card.start_timer()
        collection.sched.answerCard(card, 4)  # type: ignore[attr-defined]

    assert shown and all(card.ord == 0 for card in shown)  # every reverse card waits for another day
    assert len(collection.find_cards("is:buried")) == len(collection.find_cards("card:2"))  # type: ignore[attr-defined]


def test_anki_finds_a_subject_area_s_notes_by_its_theme_tag(
    tmp_path: Path, collection: object, bundled_content: Content
) -> None:
    deck = tmp_path / "bundled.apkg"
    export_anki(bundled_content, deck)
    import_deck(collection, deck)

    economy = {fact.id for fact in bundled_content.iter_facts() if fact.theme == "economy"}
    found = collection.find_notes("tag:azrs::theme::economy")  # type: ignore[attr-defined]
    # The last field of every note is the id of its fact or question ("fact-id:angle").
    found_facts = {collection.get_note(note_id).fields[-1].split(":")[0] for note_id in found}  # type: ignore[attr-defined]

    assert len(economy) >= 5
    assert found_facts == economy
    assert not collection.find_notes("tag:azrs::theme::economy tag:azrs::theme::culture")  # type: ignore[attr-defined]
