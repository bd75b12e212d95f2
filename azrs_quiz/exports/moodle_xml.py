"""Moodle XML: a ``<quiz>`` of multiple-choice questions, a category per topic.

Built with :mod:`xml.dom.minidom`, so the file is well-formed by construction. Text
is HTML (``format="html"``: ``<``, ``>`` and ``&`` escaped, line breaks as ``<br>``)
inside CDATA sections; a ``]]>`` in the text is split across two sections. Each
question has one answer at fraction 100 and the others at 0, ``<single>true</single>``
and a general feedback with the explanation and the citations. The source credit is
an XML comment and the description of every category.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.dom import minidom

from azrs_quiz.exports._shared import CATEGORY_ROOT, by_topic, clean_text, feedback_lines, html_text, pack_title
from azrs_quiz.facts.content import Content
from azrs_quiz.questions.model import Question

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'

#: Moodle's default penalty for each wrong try in interactive quizzes (one third).
PENALTY = "0.3333333"


def export(questions: Sequence[Question], content: Content, /, *, shuffle: bool = False) -> str:
    """``azrs-quiz export moodle-xml``: the questions under the packs' title and credit."""
    return questions_to_moodle_xml(
        questions, attribution=content.attribution, title=pack_title(content), shuffle=shuffle
    )


def questions_to_moodle_xml(
    questions: Sequence[Question], *, attribution: str, title: str, shuffle: bool = False
) -> str:
    """The questions as a Moodle XML file (UTF-8, with an XML declaration).

    ``shuffle`` lets Moodle shuffle the options; by default they keep azrs_quiz's
    order, which lists dates and amounts in order and balances the key's position.
    """
    document = minidom.Document()
    quiz = document.createElement("quiz")
    document.appendChild(quiz)
    quiz.appendChild(document.createComment(_comment_text(f"{title}\n{attribution}")))
    for topic, topic_questions in by_topic(questions):
        quiz.appendChild(_category(document, f"{CATEGORY_ROOT}/{topic}", attribution))
        for question in topic_questions:
            quiz.appendChild(_multichoice(document, question, shuffle=shuffle))
    _indent(quiz, 1)
    buffer = io.StringIO()
    # minidom's own declaration would share a line with <quiz>; the tree itself is minidom's.
    buffer.write(XML_DECLARATION + "\n")
    quiz.writexml(buffer)
    buffer.write("\n")
    return buffer.getvalue()


def cdata_sections(text: str) -> list[str]:
    """``text`` cut into pieces none of which contains ``]]>``, joined they give ``text``."""
    pieces = text.split("]]>")
    sections = [pieces[0]]
    for piece in pieces[1:]:
        sections[-1] += "]]"
        sections.append(">" + piece)
    return [section for section in sections if section]


def _category(document: minidom.Document, path: str, attribution: str) -> minidom.Element:
    question = _element(document, "question", type="category")
    question.appendChild(_text_holder(document, "category", path))
    question.appendChild(_html_holder(document, "info", html_text(attribution)))
    return question


def _multichoice(document: minidom.Document, question: Question, *, shuffle: bool) -> minidom.Element:
    element = _element(document, "question", type="multichoice")
    element.appendChild(_text_holder(document, "name", question.id))
    element.appendChild(_html_holder(document, "questiontext", html_text(question.prompt)))
    feedback = "<br>".join(html_text(line) for line in feedback_lines(question))
    element.appendChild(_html_holder(document, "generalfeedback", feedback))
    for name, value in (
        ("defaultgrade", "1"),
        ("penalty", PENALTY),
        ("hidden", "0"),
        ("single", "true"),
        ("shuffleanswers", "true" if shuffle else "false"),
        ("answernumbering", "ABCD"),
    ):
        element.appendChild(_simple(document, name, value))
    for index, option in enumerate(question.options):
        answer = _html_holder(document, "answer", html_text(option))
        answer.setAttribute("fraction", "100" if index == question.answer else "0")
        element.appendChild(answer)
    tags = document.createElement("tags")
    for tag in ("azrs_quiz", f"topic-{question.topic}", f"kind-{question.kind}"):
        tags.appendChild(_text_holder(document, "tag", tag))
    element.appendChild(tags)
    return element


def _element(document: minidom.Document, name: str, **attributes: str) -> minidom.Element:
    element = document.createElement(name)
    for key, value in attributes.items():
        element.setAttribute(key, value)
    return element


def _simple(document: minidom.Document, name: str, value: str) -> minidom.Element:
    element = document.createElement(name)
    element.appendChild(document.createTextNode(value))
    return element


def _text_holder(document: minidom.Document, name: str, text: str) -> minidom.Element:
    """``<name><text>text</text></name>`` with plain (escaped) text."""
    holder = document.createElement(name)
    holder.appendChild(_simple(document, "text", clean_text(text)))
    return holder


def _html_holder(document: minidom.Document, name: str, html: str) -> minidom.Element:
    """``<name format="html"><text><![CDATA[html]]></text></name>``."""
    holder = _element(document, name, format="html")
    text = document.createElement("text")
    for section in cdata_sections(html):
        text.appendChild(document.createCDATASection(section))
    holder.appendChild(text)
    return holder


def _comment_text(text: str) -> str:
    # A comment may not contain "--" nor end with "-".
    text = clean_text(text)
    while "--" in text:
        text = text.replace("--", "- -")
    return f" {text} "


def _indent(element: minidom.Element, level: int) -> None:
    """Put each child element on its own indented line, leaving text and CDATA untouched."""
    children = list(element.childNodes)
    if not any(child.nodeType == child.ELEMENT_NODE for child in children):
        return
    document = element.ownerDocument
    assert document is not None
    # Rebuilt in one pass: minidom's insertBefore looks its reference up in a list, so
    # inserting before each of n children took quadratic time (65 s for 8,000 facts).
    del element.childNodes[:]
    for child in children:
        child.parentNode = child.previousSibling = child.nextSibling = None
        element.appendChild(document.createTextNode("\n" + "  " * level))
        element.appendChild(child)
        if isinstance(child, minidom.Element):
            _indent(child, level + 1)
    element.appendChild(document.createTextNode("\n" + "  " * (level - 1)))
