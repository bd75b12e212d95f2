"""The GIFT export, read back by a port of Moodle's own GIFT reader (multiple choice only)."""

from __future__ import annotations

from helpers.exports import NASTY_ATTRIBUTION, from_html, nasty_questions
from helpers.gift import escaped_post, escaped_pre, parse_gift
from hypothesis import given
from hypothesis import strategies as st

from azrs_quiz.exports.gift import gift_escape, questions_to_gift


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
        'Text from "Azerbaijan–Serbia relations" -- CC BY-SA 4.0 <https://x.org/?a=1&b=2>',
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
    assert escaped_post(escaped_pre(gift_escape(text))) == text
