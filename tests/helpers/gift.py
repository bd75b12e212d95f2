"""A port of Moodle's own GIFT reader (multiple choice only), to read our exports back."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Moodle's qformat_gift swaps escaped characters for placeholders before parsing and back after.
_PLACEHOLDERS = {":": "&&058;", "#": "&&035;", "=": "&&061;", "{": "&&123;", "}": "&&125;", "~": "&&126;", "n": "&&010"}
_WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")


@dataclass
class GiftQuestion:
    """What Moodle would store for one imported multiple-choice question."""

    category: str | None
    name: str
    text_format: str
    text: str
    answers: list[tuple[float, str]] = field(default_factory=list)
    general_feedback: str = ""


def escaped_pre(text: str) -> str:
    text = text.replace("\\\\", "&&092;")
    for char, placeholder in _PLACEHOLDERS.items():
        text = text.replace("\\" + char, placeholder)
    return text.replace("&&092;", "\\")


def escaped_post(text: str) -> str:
    for char, placeholder in _PLACEHOLDERS.items():
        text = text.replace(placeholder, "\n" if char == "n" else char)
    return text


def _with_format(text: str, default: str) -> tuple[str, str]:
    fmt = default
    if text.startswith("["):
        end = text.find("]")
        if text[1:end] in ("moodle", "html", "plain", "markdown"):
            fmt, text = text[1:end], text[end + 1 :]
    return fmt, escaped_post(text).strip()


def parse_gift(source: str) -> tuple[list[str], list[GiftQuestion]]:
    """Comments and questions of a GIFT file, split and read the way Moodle does."""
    comments: list[str] = []
    blocks: list[list[str]] = [[]]
    for line in source.split("\n"):
        line = line.strip()
        if not line:
            blocks.append([])
        elif line.startswith("//"):
            comments.append(line[2:].strip())
        else:
            blocks[-1].append(line)
    category: str | None = None
    questions: list[GiftQuestion] = []
    for block in filter(None, blocks):
        text = escaped_pre("\n".join(block).strip())
        if text.startswith("$CATEGORY:"):
            category = text[len("$CATEGORY:") :].strip()
            continue
        assert text.startswith("::"), text
        name_end = text.index("::", 2)
        name, text = escaped_post(text[2:name_end]).strip(), text[name_end + 2 :].strip()
        start, finish = text.index("{"), text.index("}")
        assert finish == len(text) - 1, "nothing may follow the answers"
        answer_text = text[start + 1 : finish].strip()
        text_format, question_text = _with_format(text[:start], "moodle")
        feedback_at = answer_text.rfind("####")
        general = ""
        if feedback_at >= 0:
            general = _with_format(answer_text[feedback_at + 4 :].strip(), text_format)[1]
            answer_text = answer_text[:feedback_at].strip()
        assert "~" in answer_text, "a multiple-choice question has wrong answers"
        question = GiftQuestion(category, name, text_format, question_text, general_feedback=general)
        for answer in filter(None, (part.strip() for part in answer_text.replace("=", "~=").split("~"))):
            if answer.startswith("="):
                weight, answer = 1.0, answer[1:]
            elif match := _WEIGHT.match(answer):
                weight, answer = float(match.group(1)) / 100, answer[match.end() :]
            else:
                weight = 0.0
            assert "#" not in answer, "no per-answer feedback is written"
            question.answers.append((weight, _with_format(answer.strip(), text_format)[1]))
        questions.append(question)
    return comments, questions
