"""``azrs-quiz stats``: reviews, retention, streak, learned questions and a 14-day forecast."""

from __future__ import annotations

from pathlib import Path

import click

from azrs_quiz import clock
from azrs_quiz.cli.options import content_option, data_dir_option, no_color_option, topic_option


@click.command()
@topic_option
@content_option
@data_dir_option
@click.option("--full", is_flag=True, help="Everything: the 14-day forecast and every pack (default: one screen).")
@click.option("--json", "as_json", is_flag=True, help="Print the stats as JSON (for scripts).")
@no_color_option
def stats(
    topics: tuple[str, ...],
    content_path: Path | None,
    data_dir: Path | None,
    full: bool,
    as_json: bool,
    no_color: bool,
) -> None:
    """Show your reviews, retention, streak and forecast.

    Counts answers from reviews and quizzes, the share that were right (overall and
    per topic), your streak (days in a row with at least one answer, in your local
    time), how many questions you have learned (past the first learning steps) out
    of all, and how many reviews fall due each day. Only the questions the content
    has today count: answers to removed facts are left out. Answers given with other
    content packs in the same data folder are counted per pack. Last, whether the
    schedule fits you: for reviews of learned questions, the share of right answers
    the schedule expected (FSRS's predicted recall, plus the chance of a lucky pick
    among the options) against the share you got right, by how long the questions
    are remembered for. The screen fits 24 rows (up to 7 days ahead, a day fewer for
    each topic past four, and the fit in one line); --full shows the next 14 days
    and the fit per band.

    \b
    Examples:
      azrs-quiz stats
      azrs-quiz stats --full --topic dates
      azrs-quiz stats --json
    """
    import json

    from azrs_quiz.cli.options import bank_for_cli, command_hint
    from azrs_quiz.cli.packs import answers_per_pack, known_contents
    from azrs_quiz.progress import ProgressStore, compute_stats
    from azrs_quiz.questions.quiz import questions_on

    bank = bank_for_cli(content_path, no_cache=False)
    pool = questions_on(list(bank.questions), topics)
    with ProgressStore.open(data_dir, read_only=True) as store:
        result = compute_stats(pool, store, now=clock.utc_now())
        # From the running totals (kept per question as answers arrive), not by counting every answer.
        answered = dict(store.rows("SELECT question_id, sum(answers) FROM answer_tallies GROUP BY question_id"))
        folder = store.path.parent
    packs = answers_per_pack(answered, content_path, known_contents(folder))
    if as_json:
        data = result.to_dict()
        data["packs"] = [pack.to_dict() for pack in packs]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    # Only the screen needs rich.
    from azrs_quiz.cli import render
    from azrs_quiz.cli.runner import Terminal

    terminal = Terminal.open(no_color=no_color, tables=True)
    view = render.stats_view(
        result,
        packs,
        symbols=terminal.symbols,
        full=full,
        start=command_hint("review"),
        stats_with=lambda content: command_hint("stats", content=content),
    )
    for part in view:
        terminal.console.print(part)
