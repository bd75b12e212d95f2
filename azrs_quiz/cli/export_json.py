"""``azrs-quiz export json``: the whole question bank as JSON."""

from __future__ import annotations

from pathlib import Path

import click

from azrs_quiz.cli.options import content_option, emit_text, load_content_for_cli, output_options, topic_option
from azrs_quiz.plural import plural


@click.command("json")
@content_option
@topic_option
@output_options
def export_json(content_path: Path | None, topics: tuple[str, ...], output: Path, force: bool) -> None:
    """Write every question the content yields as JSON.

    Each question has its id, fact_id, kind, angle, topic, prompt, options, answer
    (the 0-based index of the correct option), explanation, sources and citations;
    the file also carries the pack metadata and the attribution the content needs.
    The same content always gives the same bytes.

    \b
    Examples:
      azrs-quiz export json --output bank.json
      azrs-quiz export json --topic dates -o - | jq '.questions[0]'
    """
    from azrs_quiz.exports.json_bank import bank_to_json
    from azrs_quiz.questions import question_bank
    from azrs_quiz.questions.quiz import questions_on

    content = load_content_for_cli(content_path)
    questions = questions_on(question_bank(content), topics)
    emit_text(output, bank_to_json(content, questions), force=force)
    where = "standard output" if str(output) == "-" else str(output)
    click.echo(f"Wrote {plural(len(questions), 'question')} to {where}", err=True)
