"""``azrs-quiz export FORMAT``: the question bank in other tools' formats."""

from __future__ import annotations

import click

from azrs_quiz.cli.lazy import LazyGroup

FORMATS: dict[str, tuple[str, str]] = {
    "json": ("azrs_quiz.cli.export_json:export_json", "The whole question bank as JSON."),
    "anki": ("azrs_quiz.cli.export_anki:export_anki", "An Anki package (.apkg) that updates in place."),
    "csv": ("azrs_quiz.cli.export_formats:export_csv", "Tab-separated front/back for Anki or Quizlet."),
    "gift": ("azrs_quiz.cli.export_formats:export_gift", "Moodle GIFT multiple-choice questions."),
    "moodle-xml": ("azrs_quiz.cli.export_formats:export_moodle_xml", "Moodle XML multiple-choice questions."),
}


@click.group(cls=LazyGroup, lazy_commands=FORMATS)
def export() -> None:
    """Export the questions to a file (or '-' for standard output).

    Every export refuses to overwrite a file unless --force is given, and writes
    atomically: an interrupted export never leaves a half-written file.

    \b
    Example:
      azrs-quiz export anki --output decks/azerbaijan-serbia.apkg --force
    """
