"""Moodle GIFT: one multiple-choice question per question, one category per topic.

Each question reads ``::<id>::[html]<prompt>{ =<key> ~<distractor>... ####<feedback> }``
under ``$CATEGORY: azrs/<topic>``. Text is HTML (``<``, ``>``, ``&`` escaped), then
every character GIFT reserves is escaped with a backslash (``\\ ~ = # { } :``) and a
line break is written as ``<br>`` followed by GIFT's ``\\n``, so no question ever spans
a blank line. The general feedback holds the explanation and the citations; ``//``
comments at the top carry the title and the source credit.
"""

from __future__ import annotations

from collections.abc import Sequence

from azrs_quiz.exports._shared import CATEGORY_ROOT, by_topic, clean_text, feedback_lines, html_text, pack_title
from azrs_quiz.facts.content import Content
from azrs_quiz.questions.model import Question

#: The characters GIFT gives a meaning to; each is written with a backslash before it.
GIFT_SPECIAL = "\\~=#{}:"

#: Entities (GIFT-escaped) for characters Moodle would misread at the start of an answer.
_LEADING_ENTITIES = {"%": "&\\#37;", "[": "&\\#91;"}


def gift_escape(text: str) -> str:
    """``text`` with every GIFT special character escaped and line breaks as ``\\n``."""
    escaped = "".join(f"\\{char}" if char in GIFT_SPECIAL else char for char in text)
    return escaped.replace("\n", "\\n")


def export(questions: Sequence[Question], content: Content, /) -> str:
    """``azrs-quiz export gift``: the questions under the packs' title and credit."""
    return questions_to_gift(questions, attribution=content.attribution, title=pack_title(content))


def questions_to_gift(questions: Sequence[Question], *, attribution: str, title: str) -> str:
    """The questions as a GIFT file Moodle imports into a category per topic."""
    header = f"{title}\n{attribution}\n{len(questions)} questions, made by azrs_quiz."
    blocks = [_comment(header)]
    for topic, topic_questions in by_topic(questions):
        blocks.append(f"$CATEGORY: {CATEGORY_ROOT}/{topic}")
        blocks.extend(question_to_gift(question) for question in topic_questions)
    return "\n\n".join(blocks) + "\n"


def question_to_gift(question: Question) -> str:
    """One multiple-choice question in GIFT, answers one per line, general feedback last."""
    lines = [f"::{gift_escape(question.id)}::[html]{_html(question.prompt)}{{"]
    for index, option in enumerate(question.options):
        mark = "=" if index == question.answer else "~"
        lines.append(f"\t{mark}{_html_start_safe(option)}")
    feedback = "\n".join(feedback_lines(question))
    lines.append(f"\t####{_html_start_safe(feedback)}")
    lines.append("}")
    return "\n".join(lines)


def _html(text: str) -> str:
    # <br> renders the break in Moodle; the escaped \n keeps the source readable.
    return gift_escape(html_text(text).replace("<br>", "<br>\n"))


def _html_start_safe(text: str) -> str:
    # Moodle reads a leading "%50%" of an answer as a weight, and a leading "[html]" as a
    # text format; an HTML entity for the first character keeps both literal.
    escaped = _html(text)
    entity = _LEADING_ENTITIES.get(escaped[:1])
    return entity + escaped[1:] if entity else escaped


def _comment(text: str) -> str:
    return "\n".join(f"// {line}".rstrip() for line in clean_text(text).split("\n"))
