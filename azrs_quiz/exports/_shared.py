"""What the exports share: cleaning and escaping text, labelling options, grouping by topic."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from azrs_quiz.facts.content import Content
from azrs_quiz.facts.models import TOPICS, Topic
from azrs_quiz.questions.model import Question

#: The Moodle question category every topic's questions go under: ``azrs/<topic>``.
CATEGORY_ROOT = "azrs"

#: Characters no export may carry: C0 controls other than tab and newline (XML 1.0 forbids them).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def option_label(index: int) -> str:
    """The letter shown before an option: 0 -> "A", 1 -> "B"..."""
    return chr(ord("A") + index)


def clean_text(text: str) -> str:
    """Newlines made ``\\n`` whatever their origin, and control characters dropped."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def html_text(text: str) -> str:
    """``text`` as an HTML fragment: ``<``, ``>`` and ``&`` escaped, newlines as ``<br>``."""
    return html.escape(clean_text(text), quote=False).replace("\n", "<br>")


def feedback_lines(question: Question) -> list[str]:
    """What a learner reads after answering: the explanation, then one line per citation."""
    return [question.explanation, *(f"Source: {citation}" for citation in question.citations)]


def by_topic(questions: Iterable[Question]) -> list[tuple[Topic, list[Question]]]:
    """The questions grouped by topic, topics in the canonical order, questions in bank order."""
    groups: dict[Topic, list[Question]] = {}
    for question in questions:
        groups.setdefault(question.topic, []).append(question)
    return [(topic, groups[topic]) for topic in TOPICS if topic in groups]


def pack_title(content: Content) -> str:
    """The title of the content: its packs' titles, joined."""
    return "; ".join(pack.title for pack in content.packs)
