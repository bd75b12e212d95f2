"""``azrs-quiz review``: the questions that are due, scheduled with FSRS, saved answer by answer."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import click

from azrs_quiz import clock
from azrs_quiz.cli.options import (
    INTERRUPTED,
    content_option,
    data_dir_option,
    exits_with_status,
    load_content_for_cli,
    topic_option,
)
from azrs_quiz.plural import plural

if TYPE_CHECKING:
    from azrs_quiz.progress import ReviewPlan
    from azrs_quiz.questions.model import Question


def _monotonic() -> float:
    """The clock answers are timed with (tests replace it)."""
    return time.monotonic()


@click.command()
@click.option(
    "--new",
    "new_per_day",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="New questions to bring in per day (0 for none).",
)
@click.option("--max", "max_questions", type=click.IntRange(min=1), default=None, help="Ask at most this many.")
@topic_option
@content_option
@data_dir_option
@click.option("--no-color", is_flag=True, help="No colours (the NO_COLOR variable is honoured too).")
@exits_with_status
def review(
    new_per_day: int,
    max_questions: int | None,
    topics: tuple[str, ...],
    content_path: Path | None,
    data_dir: Path | None,
    no_color: bool,
) -> int:
    """Review the questions that are due (spaced repetition).

    Due questions come first, most overdue first, then new ones, up to --new a
    day. Your answer sets the next review (FSRS): wrong means "again" (soon), right
    after more than 25 seconds "hard", otherwise "good"; a quick right pick is never
    "easy", since it may be a lucky guess (see the README). Each answer is
    saved the moment you give it, so quitting (q), end of input or Ctrl-C loses
    nothing already answered. Keys and pipe mode are as in `azrs-quiz quiz`. When
    nothing is due, you are told when the next review is.

    \b
    Examples:
      azrs-quiz review
      azrs-quiz review --max 20 --new 5
      azrs-quiz review --topic people
    """
    from rich.text import Text

    from azrs_quiz.cli import render
    from azrs_quiz.cli.runner import Terminal, run_questions
    from azrs_quiz.progress import ProgressStore, plan_review
    from azrs_quiz.questions import question_bank
    from azrs_quiz.questions.quiz import questions_on
    from azrs_quiz.session import Answer, Session

    terminal = Terminal.open(no_color=no_color)
    content = load_content_for_cli(content_path)
    pool: list[Question] = questions_on(question_bank(content), topics)
    with ProgressStore.open(data_dir) as store:
        now = clock.utc_now()
        plan = plan_review(pool, store.cards(), now=now, new_per_day=new_per_day, max_questions=max_questions)
        if not plan.questions:
            terminal.show(render.wrap(nothing_due(plan, now, new_per_day), terminal.width))
            return 0
        terminal.show(Text(session_heading(plan), style=render.HEADER))

        def save(answer: Answer) -> None:
            # Answers read from a pipe arrive at once: their time says nothing about recall.
            store.record(answer, mode="review", schedule=True, timed=terminal.interactive)

        result = run_questions(plan.questions, io=terminal, on_answer=save, clock=_monotonic, now=clock.utc_now)
        session = Session.of(
            plan.questions,
            result.answers,
            duration=result.duration,
            ended_early=result.ended_early,
            interrupted=result.interrupted,
        )
        terminal.show(render.summary(session, terminal.symbols, terminal.width, title="Review score"))
        later = clock.utc_now()
        after = plan_review(pool, store.cards(), now=later, new_per_day=new_per_day)
    terminal.show()
    terminal.show(render.wrap(what_next(after, later), terminal.width))
    terminal.show()
    terminal.show(render.credit(content.attribution_for(q.fact_id for q in plan.questions), terminal.width))
    return INTERRUPTED if result.interrupted else 0


def session_heading(plan: ReviewPlan[Question]) -> str:
    """'Review: 3 due, 2 new.'"""
    due = len(plan.questions) - plan.new
    return f"Review: {due} due, {plan.new} new."


def nothing_due(plan: ReviewPlan[Question], now: datetime, new_per_day: int) -> str:
    """What to say when there is nothing to ask: when the next review is, and why no new ones."""
    parts = ["Nothing is due now."]
    if plan.next_due is not None:
        parts.append(f"Your next review is {when(plan.next_due, now)}.")
    if plan.unseen:
        if new_per_day == 0:
            parts.append(f"{plan.unseen} new questions wait; --new N brings some in.")
        else:
            parts.append(
                f"You have had today's {new_per_day} new questions; {plan.unseen} more wait for the "
                "coming days (or raise --new)."
            )
    elif plan.next_due is None:
        parts.append("There are no questions to review.")
    return " ".join(parts)


def what_next(plan: ReviewPlan[Question], now: datetime) -> str:
    """The line after a session: more due now, or when the next review is."""
    waiting = plan.due + plan.new
    if waiting:
        ready = plural(waiting, "more question is", "more questions are")
        return f"{ready} ready now: run `azrs-quiz review` again."
    if plan.next_due is not None:
        return f"Next review: {when(plan.next_due, now)}."
    return "All done."


def when(moment: datetime, now: datetime) -> str:
    """A due time for people, in local time: 'in 10 minutes (at 14:32)', 'tomorrow at 09:00'."""
    wait = moment - now
    local, local_now = moment.astimezone(), now.astimezone()
    at = f"{local:%H:%M}"
    if wait <= timedelta(0):
        return "now"
    if wait < timedelta(hours=1):
        minutes = max(1, round(wait / timedelta(minutes=1)))
        return f"in {plural(minutes, 'minute')} (at {at})"
    days = (local.date() - local_now.date()).days
    if days == 0:
        hours = round(wait / timedelta(hours=1))
        return f"today at {at} (in {plural(hours, 'hour')})"
    if days == 1:
        return f"tomorrow at {at}"
    return f"on {local:%a %d %b} at {at} (in {days} days)"
