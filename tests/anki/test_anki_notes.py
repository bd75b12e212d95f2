"""Note types, identities and fields: what must never change, and how content is escaped."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azrs_quiz.anki.fields import escape
from azrs_quiz.anki.ids import TOPIC_LABELS, base91, deck_id, note_guid, pack_note_guid
from azrs_quiz.anki.notes import NoteSpec, build_notes, credit_html
from azrs_quiz.anki.notetypes import FACT, MULTIPLE_CHOICE
from azrs_quiz.facts.content import Content
from azrs_quiz.facts.models import TOPICS
from azrs_quiz.questions import question_bank


def test_published_identities_never_change() -> None:
    # Changing any of these forks every user's note type or duplicates their notes.
    assert (MULTIPLE_CHOICE.id, FACT.id, deck_id("azerbaijan-serbia")) == (2127439772, 1993031931, 1742590699)
    assert set(TOPIC_LABELS) == set(TOPICS)
    assert MULTIPLE_CHOICE.fields == (
        "Prompt",
        "A",
        "B",
        "C",
        "D",
        "E",
        "Answer",
        "Topic",
        "Explanation",
        "Source",
        "Credit",
        "Question ID",
    )
    assert FACT.fields == (
        "Front",
        "Back",
        "Front label",
        "Back label",
        "Add reverse",
        "Topic",
        "Explanation",
        "Source",
        "Credit",
        "Fact ID",
    )
    assert [template.name for template in MULTIPLE_CHOICE.templates] == ["Multiple choice"]
    assert [template.name for template in FACT.templates] == ["Recall", "Reverse recall"]
    assert (
        note_guid("mc:embassy-opened:when") == note_guid("mc:embassy-opened:when") != note_guid("fact:embassy-opened")
    )


def test_templates_use_no_javascript_and_style_night_mode() -> None:
    for note_type in (MULTIPLE_CHOICE, FACT):
        for template in note_type.templates:
            assert "<script" not in template.front + template.back
        assert ".nightMode" in note_type.css and ".night_mode" in note_type.css


def test_guid_follows_the_question_id_not_the_text(tiny_content: Content) -> None:
    bank = question_bank(tiny_content)
    question = bank[0]
    reworded = dataclasses.replace(question, prompt=question.prompt + " (reworded)", explanation="Another text.")

    (before,) = [n for n in build_notes(tiny_content, [question], TOPICS) if n.key.startswith("mc:")]
    (after,) = [n for n in build_notes(tiny_content, [reworded], TOPICS) if n.key.startswith("mc:")]

    assert before.guid == after.guid == pack_note_guid(f"mc:{question.id}", "tiny")
    assert before.fingerprint != after.fingerprint


def test_escape_escapes_only_markup_so_search_finds_the_text() -> None:
    assert escape('<script>alert("x")</script>') == '&lt;script&gt;alert("x")&lt;/script&gt;'
    assert escape("Azerbaijan's {{Front}} & {{c1::x}}") == "Azerbaijan's {{Front}} &amp; {{c1::x}}"
    assert escape("one\ntwo\r\nthree\x1ffour\tfive") == "one<br>two<br>threefour five"


def test_escape_neutralises_anki_media_and_speech_syntax() -> None:
    assert escape("[sound:x.mp3] and [SOUND: y.ogg]") == "&#91;sound:x.mp3] and &#91;SOUND: y.ogg]"
    assert escape("[anki:tts lang=en_US]hi[/anki:tts]") == "&#91;anki:tts lang=en_US]hi[/anki:tts]"
    assert escape("[1] a citation") == "[1] a citation"


def test_deck_ids_come_from_pack_ids() -> None:
    assert deck_id("my-pack") == deck_id("my-pack") != deck_id("other-pack")
    assert all(2**30 <= deck_id(pack) < 2**31 for pack in ("my-pack", "other-pack", "related-relations"))


def test_credit_links_only_web_addresses(tiny_content: Content) -> None:
    pack = tiny_content.packs[0]
    web = dataclasses.replace(
        tiny_content, packs=(pack.model_copy(update={"source_url": "https://example.org/a?b=1&c=2"}),)
    )
    script = dataclasses.replace(tiny_content, packs=(pack.model_copy(update={"source_url": "javascript:alert(1)"}),))

    assert credit_html(web) == (
        '<a href="https://example.org/a?b=1&amp;c=2">Test data written for azrs_quiz\'s tests.</a>'
        " Licence: CC-BY-SA-4.0."
    )
    assert "href" not in credit_html(script)


def test_every_note_is_tagged_by_topic_kind_and_pack(tiny_content: Content) -> None:
    notes = build_notes(tiny_content, question_bank(tiny_content), TOPICS)

    assert [note.topic for note in notes] == sorted((note.topic for note in notes), key=TOPICS.index)
    for note in notes:
        topic_tag, kind_tag, pack_tag = note.tags
        assert topic_tag == f"azrs::{note.topic}"
        assert pack_tag == "azrs::pack::tiny"
        assert kind_tag in {"azrs::kind::event", "azrs::kind::person", "azrs::kind::agreement", "azrs::kind::figure"}
    kinds = {note.key: note.tags[1] for note in notes}
    assert kinds["fact:president-a"] == "azrs::kind::person"
    assert kinds["fact:trade-2023"] == "azrs::kind::figure"
    assert kinds["mc:motorway-loan:value"] == "azrs::kind::agreement"


def test_topic_filter_keeps_only_those_topics_without_changing_notes(tiny_content: Content) -> None:
    bank = question_bank(tiny_content)
    everything = {note.key: note for note in build_notes(tiny_content, bank, TOPICS)}

    dates_only = build_notes(tiny_content, bank, ["dates"])

    assert {note.topic for note in dates_only} == {"dates"}
    assert all(everything[note.key] == note for note in dates_only)


def test_guid_is_genankis_guid_for_the_key() -> None:
    import genanki

    keys = ["mc:embassy-opened:when", "fact:president-a", "mc:x:y", "fact:" + "z" * 120, ""]

    assert [note_guid(key) for key in keys] == [genanki.guid_for("azrs-quiz", key) for key in keys]


@given(st.text())
def test_any_key_has_genankis_guid(key: str) -> None:
    import genanki

    assert note_guid(key) == genanki.guid_for("azrs-quiz", key)


def _genanki_base91(number: int) -> str:
    """genanki's own digit loop (``guid_for``), for numbers no hash gives in practice."""
    from genanki.util import BASE91_TABLE

    digits = []
    while number > 0:
        digits.append(BASE91_TABLE[number % len(BASE91_TABLE)])
        number //= len(BASE91_TABLE)
    return "".join(reversed(digits))


@given(st.one_of(st.integers(min_value=0, max_value=2**64 - 1), st.integers(min_value=0, max_value=91**3)))
def test_every_64_bit_number_is_written_as_genanki_writes_it(number: int) -> None:
    assert base91(number) == _genanki_base91(number)


def test_small_numbers_lose_their_leading_zero_digits() -> None:
    assert [base91(number) for number in (0, 1, 90, 91, 8281, 2**64 - 1)] == [
        _genanki_base91(number) for number in (0, 1, 90, 91, 8281, 2**64 - 1)
    ]


def test_each_note_credits_the_pack_its_fact_comes_from(bundled_content: Content) -> None:
    main, related = bundled_content.packs
    notes = build_notes(bundled_content, question_bank(bundled_content), TOPICS)
    for note in notes:
        credit = note.fields[note.note_type.fields.index("Credit")]
        own, other = (related, main) if note.topic == "related" else (main, related)
        assert escape(own.attribution).split(" (")[0] in credit, note.key
        assert escape(other.attribution).split(" (")[0] not in credit, note.key


def _reverse_of(notes: list[NoteSpec], key: str) -> str:
    (note,) = [note for note in notes if note.key == key]
    return note.fields[FACT.fields.index("Add reverse")]


def test_a_reverse_card_only_for_a_cue_with_one_answer(tiny_content: Content) -> None:
    from azrs_quiz.facts.dates import PartialDate

    def with_dates(**dates: str) -> Content:
        events = {
            fact_id: event.model_copy(update={"date": PartialDate.model_validate(dates.get(fact_id, event.date))})
            for fact_id, event in tiny_content.events.items()
        }
        return dataclasses.replace(tiny_content, events=events)

    def reverse(content: Content, key: str) -> str:
        return _reverse_of(build_notes(content, question_bank(content), TOPICS), key)

    assert reverse(tiny_content, "fact:embassy-opened") == "y"  # February 2011: no other fact then
    # A year names every day in it: "2011" and "February 2011" may be the same day.
    assert reverse(with_dates(**{"relations-established": "2011"}), "fact:embassy-opened") == ""
    assert reverse(with_dates(**{"relations-established": "2011"}), "fact:relations-established") == ""
    assert reverse(with_dates(**{"relations-established": "2011-03"}), "fact:embassy-opened") == "y"
    # An office is asked with its years, and only while no other holder shares them.
    notes = build_notes(tiny_content, question_bank(tiny_content), TOPICS)
    (president,) = [note for note in notes if note.key == "fact:president-a"]
    assert president.fields[:4] == ("Ana Example", "President of Serbia in 2010", "Person", "Office")
    assert _reverse_of(notes, "fact:president-a") == "y"
    assert _reverse_of(notes, "fact:minister-b") == ""  # no dated fact gives the years of his office


def test_a_reverse_card_once_shipped_is_retired_not_dropped(tiny_content: Content) -> None:
    shipped = ["card:fact:minister-b:reverse", "card:fact:embassy-opened:reverse"]

    notes = build_notes(tiny_content, question_bank(tiny_content), TOPICS, known_keys=shipped)

    assert _reverse_of(notes, "fact:minister-b") == "retired"  # renders, saying it is retired
    (minister,) = [note for note in notes if note.key == "fact:minister-b"]
    assert "azrs::reverse-retired" in minister.tags and minister.cards == (0,)
    assert _reverse_of(notes, "fact:embassy-opened") == "y"  # still fair: still asked


def test_a_note_that_left_the_content_is_retired_with_its_guid(tiny_content: Content) -> None:
    notes = build_notes(tiny_content, question_bank(tiny_content), TOPICS, known_keys=["mc:gone-fact:when"])

    (retired,) = [note for note in notes if note.retired]
    assert retired.guid == pack_note_guid("mc:gone-fact:when", "tiny")
    assert retired.tags == ("azrs::retired", "azrs::pack::tiny") and retired.cards == ()
    assert "removed from the content" in retired.fields[0]


def test_bundled_packs_keep_their_published_guids() -> None:
    key = "mc:embassy-opened:when"
    assert pack_note_guid(key, "azerbaijan-serbia") == pack_note_guid(key, "related-relations") == note_guid(key)
    assert pack_note_guid(key, "my-pack") != note_guid(key)


def test_a_note_spec_is_a_frozen_dataclass_like_any_other(tiny_content: Content) -> None:
    note = build_notes(tiny_content, question_bank(tiny_content), TOPICS)[0]
    copy = dataclasses.replace(note)

    assert copy == note and copy is not note and hash(copy.fields) == hash(note.fields)
    assert dataclasses.asdict(copy) == dataclasses.asdict(note)
    assert [field.name for field in dataclasses.fields(NoteSpec)] == list(vars(note))[:8]
    with pytest.raises(dataclasses.FrozenInstanceError):
        note.key = "changed"  # type: ignore[misc]
    assert copy.fingerprint == note.fingerprint
