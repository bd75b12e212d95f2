"""``azrs-quiz export FORMAT``: the question bank in other tools' formats.

The formats' commands are generated from :data:`azrs_quiz.exports.registry.EXPORTERS`;
``anki`` builds a package with a history of its own and keeps a hand-written command.
"""

from __future__ import annotations

import click

from azrs_quiz.cli.export_formats import export_command
from azrs_quiz.cli.lazy import LazyGroup
from azrs_quiz.exports.registry import EXPORTERS

#: Export commands written by hand (name -> import path, one-line summary).
SPECIAL: dict[str, tuple[str, str]] = {
    "anki": ("azrs_quiz.cli.export_anki:export_anki", "An Anki package (.apkg) that updates in place."),
}


def format_names() -> list[str]:
    """Every ``export`` subcommand, in alphabetical order."""
    return sorted([*SPECIAL, *(exporter.name for exporter in EXPORTERS)])


@click.group(cls=LazyGroup, lazy_commands=SPECIAL)
def export() -> None:
    """Export the questions to a file (or '-' for standard output).

    Every export refuses to overwrite a file unless --force is given, and writes
    atomically: an interrupted export never leaves a half-written file.

    \b
    Example:
      azrs-quiz export anki --output decks/azerbaijan-serbia.apkg --force
    """


for _exporter in EXPORTERS:
    export.add_command(export_command(_exporter))
