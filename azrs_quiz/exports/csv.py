"""Tab-separated front/back cards for Anki's text import, or for Quizlet (``plain``).

Anki (the default) gets four columns, every field quoted by the csv module:

1. Front: the prompt, a blank line, then the options as ``A) ...``, one per line.
2. Back: the correct option as ``C) ...``, a blank line, the explanation, then a
   ``Source: ...`` line per citation.
3. Tags: ``azrs_quiz``, ``azrs_quiz::topic::<topic>`` and ``azrs_quiz::kind::<kind>``.
4. GUID: ``azrs-quiz:<question id>``, so importing a newer file updates the notes
   instead of adding duplicates.

Fields are HTML: ``<``, ``>`` and ``&`` of the text are escaped and line breaks are
``<br>``. Header lines (``#separator:tab``, ``#html:true``, ``#notetype``, ``#columns``,
``#tags column``, ``#guid column``) set up Anki's import dialog; the ``#`` lines after
them carry the source credit and are skipped by Anki as comments.

Quizlet reads neither HTML, quoting nor comment lines: ``plain`` writes one card a
line with exactly one tab (term, then definition), tabs and line breaks inside the
text turned into spaces, and the options and back parts separated by `` | ``. Its
first card carries the source credit.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from azrs_quiz.exports._shared import clean_text, feedback_lines, html_text, option_label
from azrs_quiz.facts.content import Content
from azrs_quiz.questions.model import Question

#: Anki's own file headers, read by its import dialog (Anki 2.1.55 and later).
ANKI_HEADERS = (
    "#separator:tab",
    "#html:true",
    "#notetype:Basic",
    "#columns:Front\tBack\tTags\tGUID",
    "#tags column:3",
    "#guid column:4",
)

#: Separates options, and the parts of the back, in the plain (Quizlet) variant.
PLAIN_SEPARATOR = " | "

#: The term of the plain variant's first card, whose definition is the source credit.
PLAIN_CREDIT_TERM = "Source credit"


def export(questions: Sequence[Question], content: Content, /, *, plain: bool = False) -> str:
    """``azrs-quiz export csv``: cards for Anki's text import, or for Quizlet when ``plain``."""
    return questions_to_tsv(questions, attribution=content.attribution, plain=plain)


def questions_to_tsv(questions: Sequence[Question], *, attribution: str, plain: bool = False) -> str:
    """The questions as tab-separated cards: for Anki's text import, or for Quizlet when ``plain``."""
    if plain:
        return _plain(questions, attribution)
    buffer = io.StringIO()
    for header in ANKI_HEADERS:
        buffer.write(header + "\n")
    buffer.write("# Cards made by azrs_quiz: File > Import in Anki, then Import.\n")
    for line in clean_text(attribution).split("\n"):
        buffer.write(f"# {line}".rstrip() + "\n")
    writer = csv.writer(buffer, delimiter="\t", quoting=csv.QUOTE_ALL, lineterminator="\n")
    for question in questions:
        writer.writerow([anki_front(question), anki_back(question), anki_tags(question), anki_guid(question)])
    return buffer.getvalue()


def anki_front(question: Question) -> str:
    """The front of a card as HTML: the prompt, then the lettered options."""
    options = "<br>".join(
        f"{option_label(index)}) {html_text(option)}" for index, option in enumerate(question.options)
    )
    return f"{html_text(question.prompt)}<br><br>{options}"


def anki_back(question: Question) -> str:
    """The back of a card as HTML: the lettered answer, the explanation and the sources."""
    key = f"{option_label(question.answer)}) {html_text(question.correct_option)}"
    return "<br><br>".join([key, "<br>".join(html_text(line) for line in feedback_lines(question))])


def anki_tags(question: Question) -> str:
    """The card's tags, space-separated, under one ``azrs_quiz`` hierarchy."""
    return " ".join(
        ["azrs_quiz", f"azrs_quiz::topic::{_tag(question.topic)}", f"azrs_quiz::kind::{_tag(question.kind)}"]
    )


def anki_guid(question: Question) -> str:
    """The note's GUID: stable per question, so a re-import updates rather than duplicates."""
    return f"azrs-quiz:{question.id}"


def plain_front(question: Question) -> str:
    """The Quizlet term: the prompt and the lettered options on one line."""
    options = (f"{option_label(index)}) {_one_line(option)}" for index, option in enumerate(question.options))
    return PLAIN_SEPARATOR.join([_one_line(question.prompt), *options])


def plain_back(question: Question) -> str:
    """The Quizlet definition: the lettered answer, the explanation and the sources on one line."""
    key = f"{option_label(question.answer)}) {_one_line(question.correct_option)}"
    return PLAIN_SEPARATOR.join([key, *(_one_line(line) for line in feedback_lines(question))])


def _plain(questions: Sequence[Question], attribution: str) -> str:
    rows = [(PLAIN_CREDIT_TERM, _one_line(attribution))]
    rows += [(plain_front(question), plain_back(question)) for question in questions]
    return "".join(f"{front}\t{back}\n" for front, back in rows)


def _one_line(text: str) -> str:
    return " ".join(clean_text(text).replace("\t", " ").split())


def _tag(text: str) -> str:
    return "_".join(text.split()) or "none"
