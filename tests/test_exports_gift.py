"""The GIFT export, read back by a port of Moodle's own GIFT reader (multiple choice only)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hypothesis import given
from hypothesis import strategies as st

from azrs_quiz.exports.gift import gift_escape, questions_to_gift
from test_exports_support import NASTY_ATTRIBUTION, from_html, nasty_questions

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


def _escaped_pre(text: str) -> str:
    text = text.replace("\\\\", "&&092;")
    for char, placeholder in _PLACEHOLDERS.items():
        text = text.replace("\\" + char, placeholder)
    return text.replace("&&092;", "\\")


def _escaped_post(text: str) -> str:
    for char, placeholder in _PLACEHOLDERS.items():
        text = text.replace(placeholder, "\n" if char == "n" else char)
    return text


def _with_format(text: str, default: str) -> tuple[str, str]:
    fmt = default
    if text.startswith("["):
        end = text.find("]")
        if text[1:end] in ("moodle", "html", "plain", "markdown"):
            fmt, text = text[1:end], text[end + 1 :]
    return fmt, _escaped_post(text).strip()


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
        text = _escaped_pre("\n".join(block).strip())
        if text.startswith("$CATEGORY:"):
            category = text[len("$CATEGORY:") :].strip()
            continue
        assert text.startswith("::"), text
        name_end = text.index("::", 2)
        name, text = _escaped_post(text[2:name_end]).strip(), text[name_end + 2 :].strip()
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


def _from_gift_html(text: str) -> str:
    # A line break is written "<br>" plus GIFT's \n, which HTML shows as one break.
    return from_html(text.replace("<br>\n", "<br>"))


def test_every_question_option_and_key_survives_moodles_reader() -> None:
    questions = nasty_questions()
    _, parsed = parse_gift(questions_to_gift(questions, attribution=NASTY_ATTRIBUTION, title="A pack"))

    by_name = {question.name: question for question in parsed}
    assert sorted(by_name) == sorted(question.id for question in questions)
    for question in questions:
        read = by_name[question.id]
        assert read.text_format == "html"
        assert _from_gift_html(read.text) == question.prompt
        assert [_from_gift_html(text) for _, text in read.answers] == list(question.options)
        assert [weight for weight, _ in read.answers] == [
            1.0 if index == question.answer else 0.0 for index in range(len(question.options))
        ]
        assert _from_gift_html(read.general_feedback) == "\n".join(
            [question.explanation, *(f"Source: {citation}" for citation in question.citations)]
        )


def test_one_category_per_topic_in_topic_order() -> None:
    _, parsed = parse_gift(questions_to_gift(nasty_questions(), attribution="C", title="T"))

    assert [(question.category, question.name) for question in parsed] == [
        ("azrs/dates", "plain-one:who"),
        ("azrs/dates", "plain-two:where"),
        ("azrs/people", "nasty-prompt:when"),
        ("azrs/agreements", "hash-start:what"),
        ("azrs/agreements", "cdata-end:value"),
    ]


def test_title_and_source_credit_are_comments_at_the_top() -> None:
    text = questions_to_gift(nasty_questions(), attribution=NASTY_ATTRIBUTION, title="A pack")
    comments, _ = parse_gift(text)

    assert text.startswith("// A pack\n")
    assert comments == [
        "A pack",
        "Text from \"Azerbaijan–Serbia relations\" -- CC BY-SA 4.0 <https://x.org/?a=1&b=2>",
        "Second line: {#}",
        "5 questions, made by azrs_quiz.",
    ]


def test_question_layout_is_what_moodle_itself_writes() -> None:
    text = questions_to_gift(nasty_questions()[1:2], attribution="C", title="T")

    assert text.endswith(
        "$CATEGORY: azrs/dates\n\n"
        "::plain-one\\:who::[html]What happened at plain-one?{\n"
        "\t=one\n\t~two\n\t~three\n\t~four\n"
        "\t####Because it did.<br>\\nSource\\: [1] A. Author, \u201cA book\u201d, A Press, 2005\n"
        "}\n"
    )


def test_escape_covers_every_special_character() -> None:
    assert gift_escape("a~b=c#d{e}f:g\\h\ni") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni"


@given(st.text(alphabet=st.sampled_from("ab \\~=#{}:n\n[%"), min_size=1))
def test_any_text_survives_escaping(text: str) -> None:
    # The question's own framing must not change what Moodle reads as the text.
    assert _escaped_post(_escaped_pre(gift_escape(text))) == text
