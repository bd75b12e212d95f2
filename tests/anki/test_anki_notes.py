"""Note types, identities and fields: what must never change, and how content is escaped."""

from __future__ import annotations

import dataclasses

from azrs_quiz.anki.ids import PARENT_DECK_ID, TOPIC_DECKS, note_guid
from azrs_quiz.anki.notes import build_notes, credit_html, escape
from azrs_quiz.anki.notetypes import FACT, MULTIPLE_CHOICE
from azrs_quiz.facts.content import Content
from azrs_quiz.facts.models import TOPICS
from azrs_quiz.questions import question_bank


def test_published_identities_never_change() -> None:
    # Changing any of these forks every user's note type or duplicates their notes.
    assert (MULTIPLE_CHOICE.id, FACT.id, PARENT_DECK_ID) == (2127439772, 1993031931, 1742590699)
    assert {topic: deck_id for topic, (deck_id, _) in TOPIC_DECKS.items()} == {
        "dates": 1195433077,
        "people": 1406496232,
        "agreements": 1657747391,
        "related": 1222458092,
    }
    assert set(TOPIC_DECKS) == set(TOPICS)
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

    assert before.guid == after.guid == note_guid(f"mc:{question.id}")
    assert before.fingerprint() != after.fingerprint()


def test_escape_shows_markup_and_template_syntax_as_text() -> None:
    assert escape('<script>alert("x")</script>') == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    assert escape("{{Front}} & {{c1::x}}") == "&#123;&#123;Front&#125;&#125; &amp; &#123;&#123;c1::x&#125;&#125;"
    assert escape("one\ntwo") == "one<br>two"


def test_credit_links_only_web_addresses(tiny_content: Content) -> None:
    pack = tiny_content.packs[0]
    web = dataclasses.replace(
        tiny_content, packs=(pack.model_copy(update={"source_url": "https://example.org/a?b=1&c=2"}),)
    )
    script = dataclasses.replace(tiny_content, packs=(pack.model_copy(update={"source_url": "javascript:alert(1)"}),))

    assert credit_html(web) == (
        '<a href="https://example.org/a?b=1&amp;c=2">Test data written for azrs_quiz&#x27;s tests.</a>'
        " Licence: CC-BY-SA-4.0."
    )
    assert "href" not in credit_html(script)


def test_every_note_is_tagged_by_topic_and_kind_and_filed_by_topic(tiny_content: Content) -> None:
    notes = build_notes(tiny_content, question_bank(tiny_content), TOPICS)

    assert [note.topic for note in notes] == sorted((note.topic for note in notes), key=TOPICS.index)
    for note in notes:
        topic_tag, kind_tag = note.tags
        assert topic_tag == f"azrs::{note.topic}"
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


def test_each_note_credits_the_pack_its_fact_comes_from(bundled_content: Content) -> None:
    main, related = bundled_content.packs
    notes = build_notes(bundled_content, question_bank(bundled_content), TOPICS)
    for note in notes:
        credit = note.fields[note.note_type.fields.index("Credit")]
        own, other = (related, main) if note.topic == "related" else (main, related)
        assert escape(own.attribution).split(" (")[0] in credit, note.key
        assert escape(other.attribution).split(" (")[0] not in credit, note.key
