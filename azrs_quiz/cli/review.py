"""``azrs-quiz review``: the questions that are due, scheduled with FSRS, saved answer by answer."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from azrs_quiz import clock
from azrs_quiz.cli.options import (
    INTERRUPTED,
    bank_for_cli,
    content_option,
    data_dir_option,
    enter_option,
    exits_with_status,
    no_cache_option,
    no_color_option,
    theme_option,
    topic_option,
    typed_answer_keys,
)

if TYPE_CHECKING:
    from azrs_quiz.progress import ReviewRecord
    from azrs_quiz.progress.records import AnswerForm
    from azrs_quiz.questions.model import Question
    from azrs_quiz.session import Answer


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
@theme_option
@click.option(
    "--typed/--choices",
    "force_typed",
    default=None,
    help="Ask every question as typed recall, or every one with choices (default: choices until known).",
)
@enter_option
@content_option
@data_dir_option
@no_color_option
@no_cache_option
@exits_with_status
def review(
    new_per_day: int,
    max_questions: int | None,
    topics: tuple[str, ...],
    themes: tuple[str, ...],
    force_typed: bool | None,
    enter: bool,
    content_path: Path | None,
    data_dir: Path | None,
    no_color: bool,
    no_cache: bool,
) -> int:
    """Review the questions that are due (spaced repetition).

    Due questions come first, most overdue first, then new ones, up to --new a
    day. A question is asked with choices until you know it, then as typed recall
    (--typed or --choices force one form). Your answer sets the next review (FSRS),
    shown after each answer: wrong means "again" (soon), right after more than 25
    seconds "hard" (once past its first day), otherwise "good"; a quick right pick is never "easy", since it
    may be a lucky guess (see the README). After a right answer at a terminal, g
    says "I guessed" and brings the question back soon. Each answer is saved the
    moment you give it, so quitting (q), end of input or Ctrl-C loses nothing
    already answered. Keys and pipe mode are as in `azrs-quiz quiz`. When nothing
    is due, you are told when the next review is.

    \b
    Examples:
      azrs-quiz review
      azrs-quiz review --max 20 --new 5
      azrs-quiz review --topic people --typed
      azrs-quiz review --theme culture
    """
    from rich.text import Text

    from azrs_quiz.cli import render
    from azrs_quiz.cli.options import command_hint
    from azrs_quiz.cli.packs import remember_content
    from azrs_quiz.cli.runner import Terminal, run_questions, short_credit
    from azrs_quiz.progress import ProgressStore, answer_form, plan_review
    from azrs_quiz.questions.quiz import on_themes, questions_on
    from azrs_quiz.questions.spacing import space_out

    terminal = Terminal.open(no_color=no_color, enter=enter)
    bank = bank_for_cli(content_path, no_cache=no_cache)
    pool: list[Question] = on_themes(questions_on(bank.questions, topics), themes)
    with ProgressStore.open(data_dir) as store:
        remember_content(store.path.parent, content_path)
        now = clock.utc_now()
        cards = store.cards()
        plan = plan_review(pool, cards, now=now, new_per_day=new_per_day, max_questions=max_questions)
        # No two questions that give each other away in one session; the others stay due for the next.
        asked = space_out(plan.questions)
        if not plan.questions:
            terminal.show(render.wrap(render.nothing_due(plan, now, new_per_day), terminal.width))
            return 0
        due = sum(question.id in cards for question in asked)
        terminal.show(Text(render.session_heading(due, len(asked) - due), style=render.HEADER))
        forced: AnswerForm | None = None if force_typed is None else "typed" if force_typed else "choice"
        saved: dict[str, ReviewRecord] = {}

        def form(question: Question) -> AnswerForm:
            # The rating rule decides when a question has earned typed recall.
            return answer_form(cards.get(question.id), force=forced)

        def save(answer: Answer) -> datetime | None:
            # Answers read from a pipe arrive at once: their time says nothing about recall.
            recorded = store.record(answer, mode="review", schedule=True, timed=terminal.interactive, form=answer.form)
            if not recorded.saved:
                terminal.show(render.wrap(render.NOT_SAVED_YET, terminal.width))
            saved[answer.question.id] = recorded.review
            return recorded.card.due if recorded.card is not None else None

        def guessed(answer: Answer) -> datetime | None:
            recorded = store.mark_guessed(saved[answer.question.id])
            return recorded.card.due if recorded.card is not None else None

        session = run_questions(
            asked,
            io=terminal,
            on_answer=save,
            on_guess=guessed,
            form=form,
            answer_key=typed_answer_keys(content_path),
            clock=_monotonic,
            now=clock.utc_now,
        )
        # Below the summary: a blank line, what next, a blank line, the credit and the shell's prompt.
        height = terminal.height - 5 if terminal.height is not None else None
        summary = render.summary(session, terminal.symbols, terminal.width, title="Review score", height=height)
        terminal.show(summary)
        later = clock.utc_now()
        after = plan_review(pool, store.cards(), now=later, new_per_day=new_per_day)
    terminal.show()
    # Counted as the next session's heading counts them: after the give-aways are set apart.
    ready = len(space_out(after.questions))
    terminal.show(
        render.wrap(render.what_next(after, later, ready=ready, again=command_hint("review")), terminal.width)
    )
    fact_ids = [question.fact_id for question in asked]
    attribution = bank.attribution_for(fact_ids)
    terminal.show(
        render.credit(attribution, terminal.width, short=short_credit(bank, fact_ids), symbols=terminal.symbols)
    )
    return INTERRUPTED if session.interrupted else 0
