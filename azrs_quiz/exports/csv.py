"""Tab-separated cards for Anki's text import, an equal route to the ``.apkg``; or for Quizlet (``plain``).

Anki (the default) gets five columns, every field quoted by the csv module:

1. Front: the prompt, a blank line, then the options as ``A) ...``, one per line.
2. Back: the correct option as ``C) ...``, a blank line, the explanation, a
   ``Source: ...`` line per citation, and the credit of the question's pack.
3. Tags: the same tags as the question's note in the package
   (``azrs::<topic> azrs::kind::<kind> azrs::pack::<pack>``).
4. GUID: the same GUID as the question's note in the package, so importing a newer
   file updates the notes, and importing the file after the package (or the other
   way round) adds no duplicates.
5. Deck: the pack's deck, the one the package files its cards in.

Fields are escaped as in the package (:mod:`azrs_quiz.anki.fields`). Header lines
(``#separator:tab``, ``#html:true``, ``#notetype:Basic``, ``#deck column:5``,
``#tags column:3``, ``#guid column:4``) set up Anki's import dialog; there is no
``#columns`` line, so the first two columns fill the first two fields of the note
type whatever they are called ("Front"/"Back", or "Vorderseite"/"Rückseite" in a
German profile, whose Basic is "Einfach"). The ``#`` lines after them carry the
credit and are skipped by Anki as comments.

Quizlet reads neither HTML, quoting nor comment lines: ``plain`` writes one card a
line with exactly one tab (term, then definition), tabs and line breaks inside the
text turned into spaces, and the options and back parts separated by `` | ``. Its
first card carries the source credit.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from azrs_quiz.anki.fields import escape
from azrs_quiz.anki.ids import deck_name
from azrs_quiz.anki.notes import NoteMaker
from azrs_quiz.exports._shared import clean_text, feedback_lines, option_label
from azrs_quiz.facts.content import Content
from azrs_quiz.questions.model import Question

#: Anki's own file headers, read by its import dialog (Anki 2.1.55 and later).
ANKI_HEADERS = (
    "#separator:tab",
    "#html:true",
    "#notetype:Basic",
    "#deck column:5",
    "#tags column:3",
    "#guid column:4",
)

#: Separates options, and the parts of the back, in the plain (Quizlet) variant.
PLAIN_SEPARATOR = " | "

#: The term of the plain variant's first card, whose definition is the source credit.
PLAIN_CREDIT_TERM = "Source credit"


def export(questions: Sequence[Question], content: Content, /, *, plain: bool = False) -> str:
    """``azrs-quiz export csv``: cards for Anki's text import, or for Quizlet when ``plain``."""
    return questions_to_tsv(questions, attribution=content.attribution, plain=plain, content=content)


def questions_to_tsv(
    questions: Sequence[Question], *, attribution: str, plain: bool = False, content: Content | None = None
) -> str:
    """The questions as tab-separated cards: for Anki's text import, or for Quizlet when ``plain``.

    The Anki form needs the ``content`` the questions come from (their packs give
    the GUIDs, tags, decks and credits); ``attribution`` heads the file.
    """
    if plain:
        return _plain(questions, attribution)
    if content is None:
        raise ValueError("the Anki text export needs the content its questions come from")
    return anki_text(content, questions, attribution=attribution)


def anki_text(content: Content, questions: Sequence[Question], *, attribution: str | None = None) -> str:
    """The questions for Anki's text import, each note as the package makes it."""
    maker = NoteMaker(content)
    decks = {pack.id: deck_name(pack) for pack in content.packs}
    buffer = io.StringIO()
    for header in ANKI_HEADERS:
        buffer.write(header + "\n")
    buffer.write("# Cards made by azrs_quiz: File > Import in Anki, then Import.\n")
    credit_text = content.attribution if attribution is None else attribution
    for line in clean_text(credit_text).split("\n"):
        buffer.write(f"# {line}".rstrip() + "\n")
    writer = csv.writer(buffer, delimiter="\t", quoting=csv.QUOTE_ALL, lineterminator="\n")
    for question in questions:
        note = maker.multiple_choice(question)
        credit = note.fields[note.note_type.fields.index("Credit")]
        back = f"{anki_back(question)}<br><br>{credit}"
        writer.writerow([anki_front(question), back, " ".join(note.tags), note.guid, decks.get(note.pack, "")])
    return buffer.getvalue()


def anki_front(question: Question) -> str:
    """The front of a card as HTML: the prompt, then the lettered options."""
    options = "<br>".join(f"{option_label(index)}) {escape(option)}" for index, option in enumerate(question.options))
    return f"{escape(question.prompt)}<br><br>{options}"


def anki_back(question: Question) -> str:
    """The back of a card as HTML: the lettered answer, the explanation and the sources."""
    key = f"{option_label(question.answer)}) {escape(question.correct_option)}"
    return "<br><br>".join([key, "<br>".join(escape(line) for line in feedback_lines(question))])


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
