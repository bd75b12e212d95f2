"""``azrs-quiz quiz``: the question loop, its rendering, and the command through click."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from azrs_quiz.cli import render
from azrs_quiz.cli.main import main
from azrs_quiz.cli.runner import Key, Terminal, parse_key, run_questions
from azrs_quiz.questions.model import Question
from azrs_quiz.session import Answer, Session

TINY_PACK = Path(__file__).parent / "data" / "packs" / "tiny"

LONG = (
    "When did Serbia open its embassy in Azerbaijan, in the capital city of Baku, after a long "
    "period of preparation by both governments and several visits at the highest level?"
)


def make_question(number: int, *, prompt: str | None = None, options: int = 4, answer: int = 1) -> Question:
    return Question(
        id=f"fact-{number}:when",
        fact_id=f"fact-{number}",
        angle="when",
        kind="event",
        topic="dates" if number % 2 else "people",
        prompt=prompt or f"When did fact {number} happen?",
        options=tuple(f"option {letter} of {number}" for letter in "ABCDE"[:options]),
        answer=answer,
        explanation=f"Fact {number} is explained here.",
        sources=("ref-1",),
        citations=("[1] A. Author, \u201cA book about the past\u201d, A Press, 2005",),
    )


class Clock:
    """A clock that moves five seconds each time it is read."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        self.now += 5.0
        return self.now


def plain_terminal(typed: str, *, width: int = 80, symbols: render.Symbols = render.UNICODE) -> tuple[Terminal, io.StringIO]:
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, force_terminal=False, highlight=False, markup=False)
    return Terminal(console, False, symbols, io.StringIO(typed)), out


def run(typed: str, questions: list[Question], **kwargs: object) -> tuple[list[Answer], str, bool, bool]:
    terminal, out = plain_terminal(typed)
    result = run_questions(
        questions, io=terminal, clock=Clock(), now=lambda: datetime(2026, 1, 1, tzinfo=timezone.utc), **kwargs  # type: ignore[arg-type]
    )
    return result.answers, out.getvalue(), result.ended_early, result.interrupted


# Keys ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("a", Key("choice", 0)), ("B", Key("choice", 1)), ("  d \n", Key("choice", 3)),
        ("1", Key("choice", 0)), (" 4", Key("choice", 3)), ("s", Key("skip")), ("S", Key("skip")),
        ("q", Key("quit")), ("Q ", Key("quit")), ("?", Key("help")),
        ("e", Key("invalid")), ("5", Key("invalid")), ("0", Key("invalid")), ("", Key("invalid")),
        ("ab", Key("invalid")), ("x", Key("invalid")), ("\u0661", Key("invalid")),
    ],
)
def test_keys_are_letters_or_numbers_any_case(typed: str, key: Key) -> None:
    assert parse_key(typed, 4) == key


# The loop -----------------------------------------------------------------------------


def test_answers_are_recorded_with_their_time_and_shown_right_or_wrong() -> None:
    questions = [make_question(1), make_question(2)]
    seen: list[Answer] = []
    answers, out, ended_early, interrupted = run("b\n4\n", questions, on_answer=seen.append)
    assert [answer.choice for answer in answers] == [1, 3]
    assert seen == answers
    assert [answer.correct for answer in answers] == [True, False]
    assert answers[0].elapsed == 5.0
    assert answers[0].answered_at == datetime(2026, 1, 1, tzinfo=timezone.utc)
    assert (ended_early, interrupted) == (False, False)
    assert "Question 1/2 \u00b7 dates\nWhen did fact 1 happen?\n  a) option A of 1\n" in out
    assert "\u2713 Right! The answer is b) option B of 1.\n  Fact 1 is explained here.\n" in out
    assert "  Source: [1] A. Author, \u201cA book about the past\u201d, A Press, 2005\n" in out
    assert "\u2717 Wrong. You chose d) option D of 2; the answer is b) option B of 2.\n" in out


def test_a_wrong_key_is_rejected_with_a_hint_and_never_counted() -> None:
    answers, out, _, _ = run("x\n\nz\nc\n", [make_question(1)])
    assert [answer.choice for answer in answers] == [2]
    assert "'x' is not an answer: type a letter a\u2013d or a number 1\u20134" in out
    assert "An empty answer is not an answer" in out
    assert out.count("is not an answer") == 3


def test_question_mark_shows_the_keys_and_asks_again() -> None:
    answers, out, _, _ = run("?\na\n", [make_question(1)])
    assert len(answers) == 1
    assert "Type a letter a\u2013d or a number 1\u20134 to answer" in out
    assert "s to skip, q to end the quiz, ? for this help." in " ".join(out.split())


def test_s_skips_and_the_answer_is_still_shown() -> None:
    answers, out, _, _ = run("s\n", [make_question(1)])
    assert answers[0].choice is None
    assert "\u00bb Skipped. The answer is b) option B of 1." in out


def test_q_ends_early_without_counting_the_question() -> None:
    answers, out, ended_early, interrupted = run("a\nq\n", [make_question(1), make_question(2), make_question(3)])
    assert len(answers) == 1
    assert (ended_early, interrupted) == (True, False)
    assert "Question 3/3" not in out


def test_end_of_input_ends_early() -> None:
    answers, _, ended_early, interrupted = run("b\n", [make_question(1), make_question(2)])
    assert len(answers) == 1
    assert (ended_early, interrupted) == (True, False)


def test_end_of_input_after_the_last_answer_is_not_early() -> None:
    answers, _, ended_early, _ = run("b\n", [make_question(1)])
    assert len(answers) == 1
    assert not ended_early


def test_ctrl_c_keeps_the_answers_given() -> None:
    terminal, _ = plain_terminal("")
    lines: Iterator[str] = iter(["b\n"])

    def read_or_interrupt(prompt: str) -> str:
        for line in lines:
            return line
        raise KeyboardInterrupt

    terminal.ask = read_or_interrupt  # type: ignore[method-assign]
    result = run_questions([make_question(1), make_question(2)], io=terminal)
    assert [answer.choice for answer in result.answers] == [1]
    assert (result.interrupted, result.ended_early) == (True, False)


# Rendering ----------------------------------------------------------------------------


def widest_line(text: str) -> int:
    return max(len(line) for line in text.splitlines())


def test_long_text_wraps_within_80_columns_with_hanging_indents() -> None:
    long_option = "the mutual cancellation of visas for holders of ordinary passports " * 2
    question = Question(
        id="x:what", fact_id="x", angle="what", kind="agreement", topic="agreements", prompt=LONG,
        options=(long_option, "b", "c", "d"), answer=0, explanation=LONG * 2, sources=("ref-1",),
        citations=("[1] " + LONG,),
    )
    answers, out, _, _ = run("b\n", [question])
    session = Session.of([question], answers)
    terminal, summary_out = plain_terminal("")
    terminal.show(render.summary(session, render.UNICODE, 80))
    for text in (out, summary_out.getvalue()):
        assert widest_line(text) <= 80
        assert all(line == line.rstrip() for line in text.splitlines())
    assert "  a) the mutual cancellation of visas for holders of ordinary passports the\n     mutual" in out
    assert "  Source: [1] When did Serbia" in out
    assert "\n          and several visits at the highest level?\n" in out


def test_ascii_symbols_when_the_encoding_cannot_show_others() -> None:
    assert render.symbols_for("ascii") is render.ASCII
    assert render.symbols_for("utf-8") is render.UNICODE
    assert render.symbols_for("no-such-codec") is render.ASCII
    terminal, out = plain_terminal("a\nb\n", symbols=render.ASCII)
    run_questions([make_question(1), make_question(2)], io=terminal)
    text = out.getvalue()
    assert "Question 1/2 - dates" in text
    assert "x Wrong. You chose a) option A of 1" in text
    assert "+ Right! The answer is b) option B of 2." in text


def test_summary_shows_score_time_topics_and_missed() -> None:
    questions = [make_question(1), make_question(2), make_question(3)]
    answers, _, _, _ = run("b\nc\ns\n", questions)
    session = Session.of(questions, answers, duration=65.2)
    text = str(render.summary(session, render.UNICODE, 80))
    assert "Score: 1/3 (33%) \u00b7 Time: 1m 05s" in text
    assert "By topic:\n  dates     1/2    50%\n  people    0/1     0%" in text
    assert "Missed:\n  1. When did fact 2 happen?\n     You chose c) option C of 2; the answer is b) option B of 2." in text
    assert "  2. When did fact 3 happen?\n     Skipped; the answer is b) option B of 3." in text


@pytest.mark.parametrize(("seconds", "shown"), [(0.4, "0s"), (42, "42s"), (65, "1m 05s"), (3725, "1h 02m")])
def test_durations_read_naturally(seconds: float, shown: str) -> None:
    assert render.duration(seconds) == shown
