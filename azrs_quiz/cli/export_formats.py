"""``azrs-quiz export csv|gift|moodle-xml``: the questions for Anki, Quizlet and Moodle."""

from __future__ import annotations

from pathlib import Path

import click

from azrs_quiz.cli.options import content_option, emit_text, load_content_for_cli, output_options, topic_option
from azrs_quiz.plural import plural


@click.command("csv")
@content_option
@topic_option
@output_options
@click.option(
    "--plain",
    is_flag=True,
    help="Quizlet: one card a line, term TAB definition, plain text, no header lines.",
)
def export_csv(content_path: Path | None, topics: tuple[str, ...], output: Path, force: bool, plain: bool) -> None:
    """Write tab-separated front/back cards for Anki's text import or Quizlet.

    Anki (File > Import): columns Front, Back, Tags, GUID, HTML fields, header lines
    that set up the import dialog; importing a newer file updates the notes. With
    --plain, for Quizlet's import (between term and definition: Tab; between rows:
    New line).

    \b
    Examples:
      azrs-quiz export csv --output azerbaijan-serbia.txt
      azrs-quiz export csv --plain --topic dates -o - | xclip -selection clipboard
    """
    from azrs_quiz.exports._shared import questions_for_export
    from azrs_quiz.exports.csv import questions_to_tsv

    content = load_content_for_cli(content_path)
    questions = questions_for_export(content, topics)
    _emit(output, questions_to_tsv(questions, attribution=content.attribution, plain=plain), force, len(questions))


@click.command("gift")
@content_option
@topic_option
@output_options
def export_gift(content_path: Path | None, topics: tuple[str, ...], output: Path, force: bool) -> None:
    """Write Moodle GIFT multiple-choice questions, a category per topic.

    Import in Moodle: Question bank > Import > GIFT format. Questions land in
    azrs/<topic> categories, with the explanation and source as general feedback.

    \b
    Example:
      azrs-quiz export gift --output azerbaijan-serbia.gift.txt
    """
    from azrs_quiz.exports._shared import pack_title, questions_for_export
    from azrs_quiz.exports.gift import questions_to_gift

    content = load_content_for_cli(content_path)
    questions = questions_for_export(content, topics)
    text = questions_to_gift(questions, attribution=content.attribution, title=pack_title(content))
    _emit(output, text, force, len(questions))


@click.command("moodle-xml")
@content_option
@topic_option
@output_options
@click.option("--shuffle", is_flag=True, help="Let Moodle shuffle each question's options (default: keep our order).")
def export_moodle_xml(
    content_path: Path | None, topics: tuple[str, ...], output: Path, force: bool, shuffle: bool
) -> None:
    """Write Moodle XML multiple-choice questions, a category per topic.

    Import in Moodle: Question bank > Import > Moodle XML format. By default the
    options keep azrs_quiz's order (dates and amounts in order, the key's position
    balanced); --shuffle lets Moodle shuffle them for each attempt.

    \b
    Example:
      azrs-quiz export moodle-xml --topic agreements --output agreements.xml
    """
    from azrs_quiz.exports._shared import pack_title, questions_for_export
    from azrs_quiz.exports.moodle_xml import questions_to_moodle_xml

    content = load_content_for_cli(content_path)
    questions = questions_for_export(content, topics)
    text = questions_to_moodle_xml(
        questions, attribution=content.attribution, title=pack_title(content), shuffle=shuffle
    )
    _emit(output, text, force, len(questions))


def _emit(output: Path, text: str, force: bool, count: int) -> None:
    emit_text(output, text, force=force)
    where = "standard output" if str(output) == "-" else str(output)
    click.echo(f"Wrote {plural(count, 'question')} to {where}", err=True)
