"""``azrs-quiz quiz``: a multiple-choice quiz in the terminal (or over a pipe)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

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
from azrs_quiz.text import plural

if TYPE_CHECKING:
    from azrs_quiz.cli.runner import Terminal
    from azrs_quiz.progress import ProgressStore
    from azrs_quiz.progress.records import AnswerForm
    from azrs_quiz.questions.marking import AnswerKey
    from azrs_quiz.questions.model import Question
    from azrs_quiz.session import Answer, Session


@click.command()
@topic_option
@theme_option
@click.option("--count", "-n", type=click.IntRange(min=1), default=10, show_default=True, help="How many questions.")
@click.option("--seed", type=int, default=None, help="Draw the same quiz again: same seed, same questions.")
@content_option
@no_color_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON on standard output.")
@click.option("--retry-missed", is_flag=True, help="Go straight on to the missed questions, without asking.")
@click.option("--schedule", is_flag=True, help="Let these answers move the spaced-repetition schedule of `review`.")
@click.option(
    "--typed", is_flag=True, help="Type each answer (a date, a name, a place, an amount) instead of choosing."
)
@enter_option
@data_dir_option
@no_cache_option
@exits_with_status
def quiz(
    topics: tuple[str, ...],
    themes: tuple[str, ...],
    count: int,
    seed: int | None,
    content_path: Path | None,
    no_color: bool,
    as_json: bool,
    retry_missed: bool,
    schedule: bool,
    typed: bool,
    enter: bool,
    data_dir: Path | None,
    no_cache: bool,
) -> int:
    """Take a multiple-choice quiz in the terminal.

    At a terminal a key answers at once: a letter or a number; s skips, q ends the
    quiz, ? shows the keys (--enter, or AZRS_QUIZ_ENTER=1, waits for Enter). With
    --typed you type the answer instead: case, accents and punctuation do not count.
    At the end: your score and time, a per-topic breakdown, the questions you missed,
    and an offer to retry them (the options reshuffled). When standard input is not
    a terminal, answers are read one per line and the output is plain text. Every
    answer is saved to your progress as history; with --schedule it also counts as a
    review.

    \b
    Examples:
      azrs-quiz quiz
      azrs-quiz quiz --topic dates --topic people --count 5
      azrs-quiz quiz --typed --topic people
      azrs-quiz quiz --theme economy --theme defence
      printf 'a\\nc\\n' | azrs-quiz quiz --count 2 --seed 1 --json
    """
    import json

    from azrs_quiz.cli import render
    from azrs_quiz.cli.packs import remember_content
    from azrs_quiz.cli.runner import Terminal, short_credit

    terminal = Terminal.open(no_color=no_color, to_stderr=as_json, enter=enter)
    bank = bank_for_cli(content_path, no_cache=no_cache)
    # Never empty: the engine raises for no questions, an unknown topic or theme, or a count below 1.
    drawn = bank.draw_quiz(topics=list(topics) or None, themes=themes, count=count, seed=seed)
    store = _open_progress(data_dir, schedule)
    if store is not None:
        remember_content(store.path.parent, content_path)
    # With --theme alone, the topics would name some the drawn theme has no question on.
    shown_topics = drawn.topics if topics or not themes else ()
    chosen_themes = list(dict.fromkeys(themes))
    terminal.show(render.intro(len(drawn.questions), shown_topics, terminal.width, themes=chosen_themes))

    def save(answer: Answer) -> datetime | None:
        if store is None:
            return None
        # Answers read from a pipe arrive at once: their time says nothing about recall.
        recorded = store.record(answer, mode="quiz", schedule=schedule, timed=terminal.interactive, form=answer.form)
        if not recorded.saved:
            terminal.show(render.wrap(render.NOT_SAVED_YET, terminal.width))
        return recorded.card.due if recorded.card is not None else None

    ask = Asking(save, typed_answer_keys(content_path) if typed else None)
    try:
        session, stopped = _sitting(terminal, drawn.questions, ask, retry_missed)
    finally:
        if store is not None:
            store.close()
    terminal.show()
    fact_ids = [question.fact_id for question in drawn.questions]
    attribution = bank.attribution_for(fact_ids)
    terminal.show(
        render.credit(attribution, terminal.width, short=short_credit(bank, fact_ids), symbols=terminal.symbols)
    )
    if as_json:
        result = session.to_json(seed=drawn.seed, drawn_from=list(drawn.topics), attribution=attribution)
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    interrupted = stopped or session.interrupted or any(retry.interrupted for retry in session.retries)
    return INTERRUPTED if interrupted else 0


def _open_progress(data_dir: Path | None, schedule: bool) -> ProgressStore | None:
    """The progress store; without --schedule a store that cannot be opened is only a warning,
    so a broken progress file never stops a learner from taking a quiz."""
    from azrs_quiz.progress import ProgressError, ProgressStore

    try:
        return ProgressStore.open(data_dir)
    except ProgressError as error:
        if schedule:
            raise
        from azrs_quiz.cli.errors import cli_message

        warning = cli_message(error)
        click.echo(f"Warning: {warning}\nThis quiz's answers will not be saved to your progress.", err=True)
        return None


@dataclass(frozen=True)
class Asking:
    """How this quiz asks: where each answer is saved, and the typed-answer keys with --typed."""

    save: Callable[[Answer], datetime | None]
    keys: Callable[[Question], AnswerKey] | None


def _sitting(
    terminal: Terminal, questions: Sequence[Question], ask: Asking, retry_missed: bool
) -> tuple[Session, bool]:
    """The quiz and its retry rounds; also whether Ctrl-C stopped it at a retry offer."""
    from azrs_quiz.cli import render
    from azrs_quiz.questions.spacing import spaced_order
    from azrs_quiz.session import reshuffled

    session = _round(terminal, questions, ask)
    try:
        while _should_retry(terminal, session, retry_missed):
            round_number = len(session.retries) + 1
            # Apart, so one retried question does not give another away, and reshuffled.
            spaced = spaced_order(_last(session).missed_questions())
            missed = [reshuffled(question, round_number) for question in spaced]
            terminal.show()
            terminal.show(render.retry_heading(len(missed), terminal.width))
            session = session.with_retry(_round(terminal, missed, ask, title="Retry score"))
    except KeyboardInterrupt:
        # Ctrl-C at the retry offer: the rounds so far are already summarised.
        terminal.show()
        return session, True
    return session, False


def _round(terminal: Terminal, questions: Sequence[Question], ask: Asking, *, title: str = "Score") -> Session:
    """Ask ``questions``, saving each answer at once, and show the round's summary."""
    from azrs_quiz.cli import render
    from azrs_quiz.cli.runner import run_questions

    def typed(_: Question) -> AnswerForm:
        return "typed"

    session = run_questions(
        questions, io=terminal, on_answer=ask.save, form=typed if ask.keys else None, answer_key=ask.keys
    )
    # Below the summary: the retry offer, a blank line, the credit and the shell's prompt.
    height = terminal.height - 4 if terminal.height is not None else None
    terminal.show(render.summary(session, terminal.symbols, terminal.width, title=title, height=height))
    return session


def _should_retry(terminal: Terminal, session: Session, retry_missed: bool) -> bool:
    """Whether to go on to the questions the last round missed."""
    last = _last(session)
    if last.interrupted or last.ended_early or not last.missed():
        return False
    if retry_missed:
        return True
    if not terminal.interactive:
        return False
    count = len(last.missed())
    return terminal.confirm(f"Retry the {plural(count, 'missed question')}?")


def _last(session: Session) -> Session:
    return session.retries[-1] if session.retries else session
