"""``azrs-quiz stats``: reviews, retention, streak, learned questions and a 14-day forecast."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from azrs_quiz import clock
from azrs_quiz.cli.options import content_option, data_dir_option, load_content_for_cli, topic_option
from azrs_quiz.plural import plural

if TYPE_CHECKING:
    from rich.box import Box
    from rich.console import RenderableType

    from azrs_quiz.progress import Stats

#: The longest forecast bar, in characters.
BAR_WIDTH = 30


@click.command()
@topic_option
@content_option
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print the stats as JSON (for scripts).")
@click.option("--no-color", is_flag=True, help="No colours (the NO_COLOR variable is honoured too).")
def stats(
    topics: tuple[str, ...], content_path: Path | None, data_dir: Path | None, as_json: bool, no_color: bool
) -> None:
    """Show your reviews, retention, streak and forecast.

    Counts answers from reviews and quizzes, the share that were right (overall and
    per topic), your streak (days in a row with at least one answer, in your local
    time), how many questions you have learned (past the first learning steps) out
    of all, and how many reviews fall due each day for the next 14 days. Only the
    questions the content has today count: answers to removed facts are left out.
    Last, whether the schedule fits you: for reviews of learned questions, the
    share of right answers the schedule expected (FSRS's predicted recall, plus
    the chance of a lucky pick among the options) against the share you got
    right, by how long the questions are remembered for.

    \b
    Examples:
      azrs-quiz stats
      azrs-quiz stats --topic dates
      azrs-quiz stats --json
    """
    import json

    from azrs_quiz.cli.runner import Terminal
    from azrs_quiz.progress import ProgressStore, compute_stats
    from azrs_quiz.questions import question_bank
    from azrs_quiz.questions.quiz import questions_on

    content = load_content_for_cli(content_path)
    pool = questions_on(question_bank(content), topics)
    with ProgressStore.open(data_dir, read_only=True) as store:
        result = compute_stats(pool, store, now=clock.utc_now())
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return
    terminal = Terminal.open(no_color=no_color)
    ascii_only = terminal.symbols.right == "+"
    for part in render_stats(result, ascii_only=ascii_only):
        terminal.console.print(part)


def render_stats(result: Stats, *, ascii_only: bool = False) -> list[RenderableType]:
    """The stats as rich renderables: a summary, a per-topic table and the forecast chart."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table_box = box.ASCII if ascii_only else box.SIMPLE
    overall = result.overall
    today = result.forecast[0][0]
    parts: list[RenderableType] = [Text(f"Your progress on {today:%a %d %b %Y}", style="bold cyan")]

    streak = plural(result.streak, "day")
    if result.streak and not result.studied_today:
        streak += " (answer something today to keep it)"
    rows = [
        ("Answers", f"{overall.answers} ({result.reviews} in reviews, {result.quiz_answers} in quizzes)"),
        ("Retention", _percent(overall.retention) + (" right" if overall.answers else "")),
        ("Streak", streak),
        ("Learned", f"{overall.learned} of {overall.total} questions ({overall.seen} seen)"),
        ("Due now", str(result.due_now)),
    ]
    for label, value in rows:
        parts.append(Text.assemble((f"{label:<11}", "bold"), value))
    if not overall.answers:
        parts.append(Text("No answers yet: start with `azrs-quiz review`.", style="dim"))

    parts.append(Text("\nBy topic", style="bold"))
    topics = Table(box=table_box, show_edge=False, pad_edge=False)
    topics.add_column("Topic")
    topics.add_column("Answers", justify="right")
    topics.add_column("Right", justify="right")
    topics.add_column("Learned", justify="right")
    for topic, tally in result.topics.items():
        topics.add_row(topic, str(tally.answers), _percent(tally.retention), f"{tally.learned}/{tally.total}")
    parts.append(topics)

    parts.append(Text("\nReviews due in the next 14 days", style="bold"))
    forecast = Table(box=table_box, show_edge=False, pad_edge=False)
    forecast.add_column("Day")
    forecast.add_column("Due", justify="right")
    forecast.add_column("", no_wrap=True)
    peak = max((due for _, due in result.forecast), default=0)
    block = "#" if ascii_only else "\u2588"
    for day, due in result.forecast:
        length = 0 if not due else max(1, round(due * BAR_WIDTH / peak))
        label = "Today" if day == today else f"{day:%a %d %b}"
        forecast.add_row(label, str(due), Text(block * length, style="cyan"))
    parts.append(forecast)
    parts.extend(render_calibration(result, table_box))
    return parts


#: What each calibration verdict means for the learner, in plain words.
VERDICTS = {
    "as expected": "as the schedule assumes",
    "better": "better than the schedule assumes",
    "worse": "worse than the schedule assumes",
    "too few": "too few to tell yet",
}


def render_calibration(result: Stats, table_box: Box) -> list[RenderableType]:
    """Right answers the schedule expected (predicted recall plus lucky guesses) against those given, per band."""
    from rich.table import Table
    from rich.text import Text

    heading = Text("\nDoes the schedule fit you? (reviews of learned questions)", style="bold")
    if not any(band.answers for band in result.calibration):
        return [heading, Text("No reviews of learned questions yet.", style="dim")]
    table = Table(box=table_box, show_edge=False, pad_edge=False)
    table.add_column("Remembered for")
    table.add_column("Reviews", justify="right")
    table.add_column("Expected", justify="right")
    table.add_column("Right", justify="right")
    table.add_column("You are doing")
    for band in result.calibration:
        if band.answers:
            table.add_row(
                band.band,
                str(band.answers),
                _percent(band.expected_rate),
                _percent(band.observed_rate),
                VERDICTS[band.verdict],
            )
    return [heading, table]


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{share * 100:.0f}%"
