"""``azrs-quiz export <format>``: one command per registered format, generated from its entry.

Every command takes ``--content``, ``--topic``, ``--theme``, ``--output`` and ``--force``; a format that
draws a quiz adds ``--count`` and ``--seed``; each of the format's flags becomes
``--<flag>``. The command loads the content, picks the questions, calls the format's
``export`` and writes what it returns.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from azrs_quiz.cli.options import (
    content_option,
    echo_wrapped,
    emit_text,
    load_content_for_cli,
    output_options,
    theme_option,
    topic_option,
)
from azrs_quiz.exports.registry import Exporter
from azrs_quiz.text import plural


def export_command(exporter: Exporter) -> click.Command:
    """The click command for ``exporter``: its options, help and one-line summary from the registry."""

    def run(
        content_path: Path | None,
        topics: tuple[str, ...],
        themes: tuple[str, ...],
        output: Path,
        force: bool,
        count: int | None = None,
        seed: int | None = None,
        **flags: bool,
    ) -> None:
        content = load_content_for_cli(content_path)
        questions, drawn_with = exporter.questions(content, topics, themes=themes, count=count, seed=seed)
        emit(output, exporter.load()(questions, content, **flags), force=force)
        where = "standard output" if str(output) == "-" else str(output)
        seed_note = f" (seed {drawn_with})" if drawn_with is not None else ""
        echo_wrapped(f"Wrote {plural(len(questions), 'question')}{seed_note} to {where}", err=True)

    callback: Any = run
    for flag in reversed(exporter.flags):
        callback = click.option(f"--{flag.name}", is_flag=True, help=flag.help)(callback)
    if exporter.draws_quiz:
        callback = click.option("--seed", type=int, default=None, help="Draw the same questions and options again.")(
            callback
        )
        callback = click.option(
            "-n",
            "--count",
            type=click.IntRange(min=1),
            default=10,
            show_default=True,
            help="How many questions (fewer if the topics have fewer).",
        )(callback)
    callback = output_options(callback)
    callback = theme_option(callback)
    callback = topic_option(callback)
    callback = content_option(callback)
    return click.command(exporter.name, help=exporter.help, short_help=exporter.title)(callback)


def emit(output: Path, data: str | bytes, *, force: bool) -> None:
    """Write text (as UTF-8) or bytes to ``output`` atomically, or to standard output when it is '-'."""
    if isinstance(data, str):
        emit_text(output, data, force=force)
    elif str(output) == "-":
        from azrs_quiz.cli.streams import write_bytes_to_stdout

        write_bytes_to_stdout(data)
    else:
        from azrs_quiz.atomic import write_atomically

        write_atomically(output, lambda temporary: temporary.write_bytes(data), force=force)
