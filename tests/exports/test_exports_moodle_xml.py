"""The Moodle XML export, parsed back with xml.etree."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from helpers.exports import NASTY_ATTRIBUTION, from_html, nasty_questions
from helpers.moodle_xml import parse
from hypothesis import given
from hypothesis import strategies as st

from azrs_quiz.exports.moodle_xml import cdata_sections, questions_to_moodle_xml


def _text(element: ET.Element, path: str) -> str:
    found = element.find(path)
    assert found is not None, path
    return found.text or ""


def test_every_question_option_and_key_survives() -> None:
    questions = nasty_questions()
    quiz = parse(questions_to_moodle_xml(questions, attribution=NASTY_ATTRIBUTION, title="A pack"))

    read = {_text(element, "name/text"): element for element in quiz.findall("question[@type='multichoice']")}
    assert sorted(read) == sorted(question.id for question in questions)
    for question in questions:
        element = read[question.id]
        assert element.find("questiontext").get("format") == "html"  # type: ignore[union-attr]
        assert from_html(_text(element, "questiontext/text")) == question.prompt
        answers = element.findall("answer")
        assert [from_html(_text(answer, "text")) for answer in answers] == list(question.options)
        assert [answer.get("fraction") for answer in answers] == [
            "100" if index == question.answer else "0" for index in range(len(question.options))
        ]
        assert _text(element, "single") == "true"
        assert _text(element, "shuffleanswers") == "false"
        assert from_html(_text(element, "generalfeedback/text")) == "\n".join(
            [question.explanation, *(f"Source: {citation}" for citation in question.citations)]
        )
        assert [tag.text for tag in element.findall("tags/tag/text")] == [
            "azrs_quiz",
            f"topic-{question.topic}",
            f"kind-{question.kind}",
        ]


def test_a_category_question_opens_each_topic_in_topic_order() -> None:
    quiz = parse(questions_to_moodle_xml(nasty_questions(), attribution="Credit", title="T"))

    sequence = [
        _text(element, "category/text") if element.get("type") == "category" else _text(element, "name/text")
        for element in quiz.findall("question")
    ]
    assert sequence == [
        "azrs/dates",
        "plain-one:who",
        "plain-two:where",
        "azrs/people",
        "nasty-prompt:when",
        "azrs/agreements",
        "hash-start:what",
        "cdata-end:value",
    ]
    assert {_text(element, "info/text") for element in quiz.findall("question[@type='category']")} == {"Credit"}


def test_file_is_utf8_with_a_declaration_cdata_text_and_the_credit_as_a_comment() -> None:
    text = questions_to_moodle_xml(nasty_questions(), attribution=NASTY_ATTRIBUTION, title="A pack")
    quiz = parse(text)

    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n')
    assert "<text><![CDATA[What happened at plain-one?]]></text>" in text
    infos = {_text(element, "info/text") for element in quiz.findall("question[@type='category']")}
    assert {from_html(info) for info in infos} == {NASTY_ATTRIBUTION}
    comments = [node.text for node in quiz if not isinstance(node.tag, str)]  # ET.Comment nodes
    assert comments == [
        ' A pack\nText from "Azerbaijan–Serbia relations" - - CC BY-SA 4.0 <https://x.org/?a=1&b=2>\nSecond line: {#} '
    ]
    assert "Azerbaijan\u2013Serbia" in text  # UTF-8 text, not character references


def test_shuffle_lets_moodle_shuffle_the_options() -> None:
    quiz = parse(questions_to_moodle_xml(nasty_questions(), attribution="C", title="T", shuffle=True))

    assert {_text(element, "shuffleanswers") for element in quiz.findall("question[@type='multichoice']")} == {"true"}


def test_control_characters_are_dropped_so_the_file_stays_well_formed() -> None:
    question = nasty_questions()[1]
    from dataclasses import replace

    broken = replace(question, prompt="Bell\x07 and null\x00 and escape\x1b?")
    quiz = parse(questions_to_moodle_xml([broken], attribution="C\x0c", title="T"))

    assert _text(quiz, "question[@type='multichoice']/questiontext/text") == "Bell and null and escape?"


def test_output_is_deterministic() -> None:
    questions = nasty_questions()
    first = questions_to_moodle_xml(questions, attribution="C", title="T")
    assert first == questions_to_moodle_xml(list(questions), attribution="C", title="T")


@given(st.text(alphabet=st.sampled_from("]>a<![CDATA"), max_size=30))
def test_cdata_sections_never_hold_the_end_marker_and_join_back(text: str) -> None:
    sections = cdata_sections(text)
    assert "".join(sections) == text
    assert all("]]>" not in section and section for section in sections)


def test_text_with_the_cdata_end_marker_round_trips_through_xml() -> None:
    # The exports escape ">" in HTML, so split CDATA is exercised here directly.
    from xml.dom import minidom

    document = minidom.Document()
    element = document.createElement("text")
    for section in cdata_sections("a]]>b]]]]>>c"):
        element.appendChild(document.createCDATASection(section))
    document.appendChild(element)

    assert ET.fromstring(document.toxml()).text == "a]]>b]]]]>>c"
