"""Every export format in one list: what the CLI offers and where each format's code lives.

A format is one module, ``azrs_quiz/exports/<name>.py`` (``-`` in the name becomes ``_``),
whose ``export`` function follows :class:`ExportFunction`, plus one :class:`Exporter`
entry in :data:`EXPORTERS`. ``azrs-quiz export <name>`` and its help are generated from
the entry, so nothing else needs editing.

This module imports nothing heavy: the CLI reads it to list the formats, and
``--help`` must stay instant. A format's module is imported only when it runs.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from azrs_quiz.facts.content import Content
    from azrs_quiz.questions.model import Question


class ExportFunction(Protocol):
    """What a format's ``export`` does: questions (and the content they come from) to a file's data.

    ``content`` gives what a file carries beside the questions: the credit, the packs'
    titles and metadata, the sources' links. Each :class:`Flag` of the format arrives as
    a keyword argument of the same name. Text is written as UTF-8; bytes as they are.
    """

    def __call__(self, questions: Sequence[Question], content: Content, /, **flags: bool) -> str | bytes: ...


@dataclass(frozen=True)
class Flag:
    """A yes/no option of one format (``--<name>`` on its command), passed to its ``export``."""

    name: str
    help: str


@dataclass(frozen=True)
class Exporter:
    """One export format: its command, its file, its help, and which questions it takes."""

    #: The command: ``azrs-quiz export <name>``; also names the module.
    name: str
    #: The usual file name extension, with its dot.
    extension: str
    #: One line, shown in ``azrs-quiz export --help``.
    title: str
    #: The command's ``--help`` text (click's format: paragraphs, ``\b`` before examples).
    help: str
    #: The format's own yes/no options.
    flags: tuple[Flag, ...] = ()
    #: True: a quiz drawn with ``--count`` and ``--seed``; false: every question of the topics.
    draws_quiz: bool = False

    @property
    def module(self) -> str:
        """The module holding this format's ``export`` function."""
        return f"azrs_quiz.exports.{self.name.replace('-', '_')}"

    def load(self) -> ExportFunction:
        """This format's ``export`` function (imports its module)."""
        function: ExportFunction = importlib.import_module(self.module).export
        return function

    def questions(
        self,
        content: Content,
        topics: Iterable[str] = (),
        *,
        themes: Iterable[str] = (),
        count: int | None = None,
        seed: int | None = None,
    ) -> tuple[list[Question], int | None]:
        """The questions this format exports, and the seed they were drawn with (``None``: the whole bank).

        Only questions on ``topics`` and, within them, of facts on ``themes`` (all when
        empty). The whole bank comes in :func:`~azrs_quiz.questions.spacing.spaced_order`:
        rounds that each hold no two questions giving each other away (one fact, or a
        stem that prints another's answer).

        Raises :class:`~azrs_quiz.errors.UnknownTopic` for a topic the content has no
        questions on (:class:`~azrs_quiz.questions.errors.UnknownTheme` for a theme), and
        for a drawn quiz the errors of :func:`~azrs_quiz.questions.quiz.build_quiz`.
        """
        from azrs_quiz.questions.bank import question_bank
        from azrs_quiz.questions.quiz import DEFAULT_COUNT, build_quiz, on_themes, questions_on
        from azrs_quiz.questions.spacing import spaced_order

        themes = list(themes)
        pool = on_themes(questions_on(question_bank(content), list(topics)), themes)
        if self.draws_quiz and (count or DEFAULT_COUNT) < len(pool):
            quiz = build_quiz(content, topics=list(topics), themes=themes, count=count or DEFAULT_COUNT, seed=seed)
            return list(quiz.questions), quiz.seed
        # The whole bank (or everything asked for), in rounds that each keep give-aways apart:
        # read front to back, no question is given away by one shortly before it.
        return spaced_order(pool), None


#: Every format ``azrs-quiz export`` offers (besides ``anki``, which builds a package from the
#: facts, keeps a history and has its own command in ``azrs_quiz/cli/export_anki.py``).
EXPORTERS: tuple[Exporter, ...] = (
    Exporter(
        name="json",
        extension=".json",
        title="The whole question bank as JSON.",
        help="""Write every question the content yields as JSON.

Each question has its id, fact_id, kind, angle, topic, prompt, options, answer
(the 0-based index of the correct option), explanation, sources and citations;
the file also carries the pack metadata and the attribution the content needs.
The same content always gives the same bytes.

\b
Examples:
  azrs-quiz export json --output bank.json
  azrs-quiz export json --topic dates -o - | jq '.questions[0]'""",
    ),
    Exporter(
        name="csv",
        extension=".txt",
        title="Tab-separated front/back for Anki or Quizlet.",
        help="""Write tab-separated front/back cards for Anki's text import or Quizlet.

Anki (File > Import): columns Front, Back, Tags, GUID and Deck, HTML fields,
header lines that set up the import dialog; the notes have the same GUIDs, tags
and decks as in the .apkg, so a newer file updates them. With --plain, for
Quizlet's import (between term and definition: Tab; between rows: New line).

\b
Examples:
  azrs-quiz export csv --output azerbaijan-serbia.txt
  azrs-quiz export csv --plain --topic dates -o - | xclip -selection clipboard""",
        flags=(Flag("plain", "Quizlet: one card a line, term TAB definition, plain text, no header lines."),),
    ),
    Exporter(
        name="gift",
        extension=".gift.txt",
        title="Moodle GIFT multiple-choice questions.",
        help="""Write Moodle GIFT multiple-choice questions, a category per topic.

Import in Moodle: Question bank > Import > GIFT format. Questions land in
azrs/<topic> categories, with the explanation and source as general feedback.

\b
Example:
  azrs-quiz export gift --output azerbaijan-serbia.gift.txt""",
    ),
    Exporter(
        name="moodle-xml",
        extension=".xml",
        title="Moodle XML multiple-choice questions.",
        help="""Write Moodle XML multiple-choice questions, a category per topic.

Import in Moodle: Question bank > Import > Moodle XML format. By default the
options keep azrs_quiz's order (dates and amounts in order, the key's position
balanced); --shuffle lets Moodle shuffle them for each attempt.

\b
Example:
  azrs-quiz export moodle-xml --topic agreements --output agreements.xml""",
        flags=(Flag("shuffle", "Let Moodle shuffle each question's options (default: keep our order)."),),
    ),
    Exporter(
        name="html",
        extension=".html",
        title="A quiz page that runs in any browser, offline.",
        help="""Write a quiz as one self-contained web page.

The page works offline, from a USB stick or any static host, and makes no
network request: one question at a time, answered by click, touch or the keys
a-d and 1-4, with the answer, the explanation and the source after each, then
the score, a per-topic breakdown, the missed questions and a retry of them.
Progress can be kept in the browser. The same --seed gives the same file.

\b
Examples:
  azrs-quiz export html --output quiz.html
  azrs-quiz export html --topic dates --count 20 --seed 7 -o dates.html
  azrs-quiz export html --typed --count 200 -o every-question.html""",
        flags=(
            Flag(
                "typed",
                "Ask for a typed answer where it is short (dates, amounts, names, places, parties), "
                "marked as the terminal marks it.",
            ),
        ),
        draws_quiz=True,
    ),
)


def exporter(name: str) -> Exporter:
    """The registered format called ``name``; ``KeyError`` if there is none."""
    for candidate in EXPORTERS:
        if candidate.name == name:
            return candidate
    raise KeyError(name)
