"""``azrs-quiz quiz``: the question loop, its rendering, and the command through click."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers.cli import usage_error
from helpers.paths import TINY_PACK
from rich.console import Console

from azrs_quiz.cli import render
from azrs_quiz.cli.main import main
from azrs_quiz.cli.runner import Key, Terminal, parse_key, run_questions
from azrs_quiz.facts.content import Content
from azrs_quiz.questions.model import Question
from azrs_quiz.session import Answer, Session, reshuffled

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


def plain_terminal(
    typed: str, *, width: int = 80, symbols: render.Symbols = render.UNICODE
) -> tuple[Terminal, io.StringIO]:
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, force_terminal=False, highlight=False, markup=False)
    return Terminal(console, False, symbols, io.StringIO(typed)), out


def run(typed: str, questions: list[Question], **kwargs: object) -> tuple[list[Answer], str, bool, bool]:
    terminal, out = plain_terminal(typed)
    result = run_questions(
        questions,
        io=terminal,
        clock=Clock(),
        now=lambda: datetime(2026, 1, 1, tzinfo=timezone.utc),
        **kwargs,  # type: ignore[arg-type]
    )
    return list(result.answers), out.getvalue(), result.ended_early, result.interrupted


# Keys ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("a", Key("choice", 0)),
        ("B", Key("choice", 1)),
        ("  d \n", Key("choice", 3)),
        ("1", Key("choice", 0)),
        (" 4", Key("choice", 3)),
        ("s", Key("skip")),
        ("S", Key("skip")),
        ("q", Key("quit")),
        ("Q ", Key("quit")),
        ("?", Key("help")),
        ("e", Key("invalid")),
        ("5", Key("invalid")),
        ("0", Key("invalid")),
        ("", Key("invalid")),
        ("ab", Key("invalid")),
        ("x", Key("invalid")),
        ("\u0661", Key("invalid")),
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
    assert "s to skip, q to stop (your answers so far are kept), ? for this help." in " ".join(out.split())


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


def test_an_interactive_terminal_can_read_another_stream_and_sees_its_end() -> None:
    out = io.StringIO()
    console = Console(file=out, width=80, color_system=None, force_terminal=False)
    terminal = Terminal(console, True, render.UNICODE, io.StringIO("\nb\n"))
    result = run_questions([make_question(1), make_question(2)], io=terminal)
    assert [answer.choice for answer in result.answers] == [1]
    assert "An empty answer is not an answer" in out.getvalue()
    assert result.ended_early


# Rendering ----------------------------------------------------------------------------


def widest_line(text: str) -> int:
    return max(len(line) for line in text.splitlines())


def test_long_text_wraps_within_80_columns_with_hanging_indents() -> None:
    long_option = "the mutual cancellation of visas for holders of ordinary passports " * 2
    question = Question(
        id="x:what",
        fact_id="x",
        angle="what",
        kind="agreement",
        topic="agreements",
        prompt=LONG,
        options=(long_option, "b", "c", "d"),
        answer=0,
        explanation=LONG * 2,
        sources=("ref-1",),
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


def test_a_long_key_in_a_one_line_missed_list_leaves_the_stem_readable() -> None:
    stem = "During his official visit to Azerbaijan in 2010, whose graves did the president visit?"
    key = "Those of the victims of Black January, buried in the Alley of Martyrs in Baku"
    questions = [
        replace(make_question(number), prompt=stem, options=("a", key, "c", "d"), answer=1) for number in (1, 2, 3)
    ]
    answers, _, _, _ = run("a\na\na\n", questions)
    session = Session.of(questions, answers)
    # Too short for two lines per missed question: one line each, the stem keeps its lead.
    text = str(render.summary(session, render.UNICODE, 80, height=12))
    missed = [line for line in text.splitlines() if line.startswith("  1. ")]
    assert missed and missed[0].startswith("  1. During his official visit to")
    assert "b) Those of the victims" in missed[0]
    assert widest_line(text) <= 80


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
    assert (
        "Missed:\n  1. When did fact 2 happen?\n     You chose c) option C of 2; the answer is b) option B of 2."
        in text
    )
    assert "  2. When did fact 3 happen?\n     Skipped; the answer is b) option B of 3." in text


@pytest.mark.parametrize(("seconds", "shown"), [(0.4, "0s"), (42, "42s"), (65, "1m 05s"), (3725, "1h 02m")])
def test_durations_read_naturally(seconds: float, shown: str) -> None:
    assert render.duration(seconds) == shown


# The command ---------------------------------------------------------------------------

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def drawn(count: int, seed: int = 1, topics: list[str] | None = None) -> tuple[Question, ...]:
    """The questions the command will ask: the engine's own draw, so tests follow it exactly."""
    from azrs_quiz.facts.loader import load_content
    from azrs_quiz.questions import build_quiz

    return build_quiz(load_content(TINY_PACK), topics=topics, count=count, seed=seed).questions


def flat(text: str) -> str:
    """Text with every run of white space (line wraps included) made one space."""
    return " ".join(text.split())


def right(question: Question) -> str:
    return render.letter(question.answer)


def wrong(question: Question) -> str:
    return render.letter((question.answer + 1) % len(question.options))


def quiz(runner: CliRunner, typed: str | io.IOBase, *args: str, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(
        main,
        ["quiz", "--content", str(TINY_PACK), "--seed", "1", *args],
        input=typed,
        env=env,  # type: ignore[arg-type]
    )


def test_pipe_mode_reads_one_answer_per_line_and_prints_the_score(runner: CliRunner) -> None:
    first, second = drawn(2)
    result = quiz(runner, f"{right(first)}\n{wrong(second)}\n", "--count", "2")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("2 questions from dates, people, places, agreements and figures. Type ? for the\nkeys.\n")
    assert f"\nQuestion 1/2 \u00b7 {first.topic}\n" in out
    assert f"Question 1/2 \u00b7 {first.topic} {first.prompt} a) {first.options[0]} b)" in flat(out)
    assert f"Your answer (a\u2013{render.letter(len(first.options) - 1)}, ? for help): {right(first)}\n" in out
    assert f"\u2713 Right! The answer is {render.option_label(first, first.answer)}." in flat(out)
    chosen = render.option_label(second, (second.answer + 1) % len(second.options))
    assert f"\u2717 Wrong. You chose {chosen}; the answer is {render.option_label(second, second.answer)}." in flat(out)
    assert f"{second.explanation} Source: {second.citations[0]}" in flat(out)
    assert "\nScore: 1/2 (50%) \u00b7 Time: " in out
    assert f"Missed: 1. {second.prompt} You chose {chosen}" in flat(out)
    assert "Content: Test data written for azrs_quiz's tests." in out
    assert "Retry the" not in out
    assert not ANSI.search(out)
    assert max(len(line) for line in out.splitlines()) <= 80
    assert result.stderr == ""


def test_uppercase_letters_numbers_and_spaces_are_answers(runner: CliRunner) -> None:
    first, second = drawn(2)
    result = quiz(runner, f"  {right(first).upper()} \n{second.answer + 1}\n", "--count", "2")
    assert result.exit_code == 0
    assert "Score: 2/2 (100%)" in result.stdout


def test_a_bad_key_is_rejected_with_a_hint_and_asked_again(runner: CliRunner) -> None:
    (first,) = drawn(1)
    result = quiz(runner, f"x\n9\n{right(first)}\n", "--count", "1")
    assert result.exit_code == 0
    assert result.stdout.count("is not an answer") == 2
    assert "'x' is not an answer: type a letter a" in result.stdout
    assert result.stdout.count("Question 1/1") == 1
    assert "Score: 1/1 (100%)" in result.stdout


def test_question_mark_shows_the_keys(runner: CliRunner) -> None:
    (first,) = drawn(1)
    result = quiz(runner, f"?\n{right(first)}\n", "--count", "1")
    assert "to answer (upper or lower case), s to skip, q to stop" in " ".join(result.stdout.split())
    assert "Score: 1/1 (100%)" in result.stdout


def test_s_skips_a_question_and_it_counts_as_missed(runner: CliRunner) -> None:
    first, second = drawn(2)
    result = quiz(runner, f"s\n{right(second)}\n", "--count", "2")
    assert result.exit_code == 0
    assert f"\u00bb Skipped. The answer is {render.option_label(first, first.answer)}" in result.stdout
    assert "Score: 1/2 (50%)" in result.stdout
    assert "Skipped; the answer is" in result.stdout


def test_q_ends_early_with_the_partial_score(runner: CliRunner) -> None:
    first, _, _ = drawn(3)
    result = quiz(runner, f"{right(first)}\nq\nb\n", "--count", "3")
    assert result.exit_code == 0
    assert "Score: 1/1 (100%)" in result.stdout
    assert "Ended early after 1 of 3 questions." in result.stdout
    assert "Question 3/3" not in result.stdout


def test_end_of_input_ends_the_quiz_with_the_partial_score(runner: CliRunner) -> None:
    first, _, _ = drawn(3)
    result = quiz(runner, f"{wrong(first)}\n", "--count", "3")
    assert result.exit_code == 0
    assert "Score: 0/1 (0%)" in result.stdout
    assert "Ended early after 1 of 3 questions." in result.stdout
    assert "Traceback" not in result.output


class InterruptedInput(io.BytesIO):
    """Standard input that raises KeyboardInterrupt (as Ctrl-C does) once its bytes run out."""

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        if not data and size != 0:
            raise KeyboardInterrupt
        return data

    def read1(self, size: int | None = -1) -> bytes:
        return self.read(size)


def test_ctrl_c_prints_the_partial_score_and_exits_130(runner: CliRunner) -> None:
    first, _, _ = drawn(3)
    result = quiz(runner, InterruptedInput(f"{right(first)}\n".encode()), "--count", "3")
    assert result.exit_code == 130
    assert "Score: 1/1 (100%)" in result.stdout
    assert "Stopped after 1 of 3 questions." in result.stdout
    assert "Traceback" not in result.output and "Aborted" not in result.output


def test_json_prints_only_the_result_on_stdout(runner: CliRunner) -> None:
    first, second = drawn(2)
    result = quiz(runner, f"{right(first)}\n{wrong(second)}\n", "--count", "2", "--json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["score"] == {"correct": 1, "total": 2, "percent": 50.0}
    assert document["seed"] == 1
    assert document["drawn_from"] == ["dates", "people", "places", "agreements", "figures"]
    assert set(document["topics"]) == {first.topic, second.topic}
    assert [entry["id"] for entry in document["questions"]] == [first.id, second.id]
    assert [entry["correct"] for entry in document["questions"]] == [True, False]
    assert document["questions"][1]["given"] == (second.answer + 1) % len(second.options)
    assert document["questions"][1]["answer"] == second.answer
    assert document["attribution"] == "Test data written for azrs_quiz's tests."
    assert "Score: 1/2 (50%)" in result.stderr


def test_json_after_ctrl_c_still_holds_the_partial_result(runner: CliRunner) -> None:
    first, _ = drawn(2)
    result = quiz(runner, InterruptedInput(f"{right(first)}\n".encode()), "--count", "2", "--json")
    assert result.exit_code == 130
    document = json.loads(result.stdout)
    assert (document["interrupted"], document["asked"], document["planned"]) == (True, 1, 2)


def test_retry_missed_goes_straight_into_the_missed_questions(runner: CliRunner) -> None:
    first, second = drawn(2)
    typed = f"{right(first)}\n{wrong(second)}\n{right(reshuffled(second, 1))}\n"
    result = quiz(runner, typed, "--count", "2", "--retry-missed", "--json")
    assert result.exit_code == 0
    assert "Retrying 1 missed question." in result.stderr
    assert "Retry score: 1/1 (100%)" in result.stderr
    document = json.loads(result.stdout)
    assert document["score"]["correct"] == 1
    assert [retry["score"]["correct"] for retry in document["retries"]] == [1]
    assert document["retries"][0]["questions"][0]["id"] == second.id


def test_retry_missed_repeats_until_nothing_is_missed_or_input_ends(runner: CliRunner) -> None:
    (first,) = drawn(1)
    typed = f"{wrong(first)}\n{wrong(reshuffled(first, 1))}\n"
    result = quiz(runner, typed, "--count", "1", "--retry-missed")
    assert result.exit_code == 0
    assert result.stdout.count("Retrying 1 missed question.") == 2
    assert result.stdout.count("Retry score: 0/1 (0%)") == 1
    assert "No answers given." in result.stdout


def test_topic_limits_the_questions(runner: CliRunner) -> None:
    questions = drawn(3, topics=["dates"])
    typed = "".join(f"{right(question)}\n" for question in questions)
    result = quiz(runner, typed, "--count", "3", "--topic", "DATES")
    assert result.exit_code == 0
    assert result.stdout.startswith("3 questions from dates. Type ? for the keys.\n")
    assert result.stdout.count("\u00b7 dates\n") == 3
    assert "By topic:\n  dates" in result.stdout
    assert "people" not in result.stdout.split("By topic:")[1].split("Content:")[0]


def test_a_topic_the_content_lacks_is_a_clear_error(runner: CliRunner) -> None:
    result = quiz(runner, "", "--topic", "related")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: no questions on topic 'related'; topics available: dates, people, places, agreements, figures\n"
    )
    assert result.stdout == ""


TOPIC_CHOICES = "'dates', 'people', 'places', 'events', 'agreements', 'figures', 'related'"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--topic", "history"], "Invalid value for '--topic': 'history' is not one of " + TOPIC_CHOICES + "."),
        (["--count", "0"], "Invalid value for '--count' / '-n': 0 is not in the range x>=1."),
        (["--count", "ten"], "Invalid value for '--count' / '-n': 'ten' is not a valid integer range."),
        (["--seed", "x"], "Invalid value for '--seed': 'x' is not a valid integer."),
    ],
)
def test_bad_options_are_usage_errors_that_say_what_is_allowed(
    runner: CliRunner, args: list[str], message: str
) -> None:
    result = quiz(runner, "", *args)
    assert result.exit_code == 2
    assert result.stderr == usage_error("quiz", message)
    assert result.stdout == ""


def test_help_has_an_example(runner: CliRunner) -> None:
    result = runner.invoke(main, ["quiz", "--help"])
    assert result.exit_code == 0
    assert "printf 'a\\nc\\n' | azrs-quiz quiz --count 2 --seed 1" in result.stdout


def test_answers_are_saved_to_progress_as_history(runner: CliRunner, tmp_path: Path) -> None:
    from azrs_quiz.progress import ProgressStore

    first, second = drawn(2)
    result = quiz(runner, f"{right(first)}\ns\n", "--count", "2", "--data-dir", str(tmp_path))
    assert result.exit_code == 0
    with ProgressStore.open(tmp_path) as store:
        reviews = store.reviews()
        cards = store.cards()
    assert [(review.question_id, review.correct, review.mode, review.scheduled) for review in reviews] == [
        (first.id, True, "quiz", False),
        (second.id, False, "quiz", False),
    ]
    assert cards == {}


def test_schedule_lets_quiz_answers_move_the_review_schedule(runner: CliRunner, tmp_path: Path) -> None:
    from fsrs import Rating

    from azrs_quiz.progress import ProgressStore

    (first,) = drawn(1)
    result = quiz(runner, f"{right(first)}\n", "--count", "1", "--schedule", "--data-dir", str(tmp_path))
    assert result.exit_code == 0
    with ProgressStore.open(tmp_path) as store:
        assert list(store.cards()) == [first.id]
        (review,) = store.reviews()
    # Piped answers come at once, so a right one is Good, never Easy for its speed.
    assert review.rating == int(Rating.Good)


def test_progress_that_cannot_be_opened_is_a_warning_and_the_quiz_goes_on(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "progress.sqlite3").mkdir()
    (first,) = drawn(1)
    result = quiz(runner, f"{right(first)}\n", "--count", "1", "--data-dir", str(tmp_path))
    assert result.exit_code == 0
    assert result.stderr == (
        f"Warning: the progress database '{tmp_path / 'progress.sqlite3'}' is a folder, not a file\n"
        "This quiz's answers will not be saved to your progress.\n"
    )
    assert "Score: 1/1 (100%)" in result.stdout


def test_with_schedule_progress_that_cannot_be_opened_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "progress.sqlite3").mkdir()
    result = quiz(runner, "a\n", "--count", "1", "--schedule", "--data-dir", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"Error: the progress database '{tmp_path / 'progress.sqlite3'}' is a folder, not a file\n"
    assert "Question 1/1" not in result.stdout


# At a terminal (standard input made to look like one) ---------------------------------


@pytest.fixture
def at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the command believe it runs in a colour terminal 200 columns wide."""
    monkeypatch.setattr("azrs_quiz.cli.runner._isatty", lambda stream: True)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.mark.usefixtures("at_a_terminal")
def test_at_a_terminal_marks_are_coloured_and_lines_fit_80_columns(runner: CliRunner) -> None:
    first, second = drawn(2)
    result = quiz(runner, f"{right(first)}\n{wrong(second)}\nn\n", "--count", "2")
    assert result.exit_code == 0
    assert "\x1b[1;32m\u2713 Right!\x1b[0m" in result.stdout
    assert "\x1b[1;31m\u2717 Wrong.\x1b[0m" in result.stdout
    visible = ANSI.sub("", result.stdout)
    # A real terminal echoes the answer and a newline after the prompt; this fake one does not.
    lines = re.sub(r"Your answer \(a\u2013[a-e], \? for help\): ", "\n", visible).splitlines()
    assert max(len(line) for line in lines) <= 80
    assert max(len(line) for line in lines) > 70
    assert "Retry the 1 missed question? [y/N]" in visible


@pytest.mark.usefixtures("at_a_terminal")
@pytest.mark.parametrize(("args", "env"), [(["--no-color"], {}), ([], {"NO_COLOR": "1"})])
def test_no_color_and_NO_COLOR_drop_colours_but_keep_the_marks(
    runner: CliRunner, args: list[str], env: dict[str, str]
) -> None:
    first, second = drawn(2)
    result = quiz(runner, f"{right(first)}\n{wrong(second)}\nn\n", "--count", "2", *args, env=env)
    assert result.exit_code == 0
    colours = re.findall(r"\x1b\[[0-9;]*(?:3[0-7]|9[0-7])(?:;[0-9]+)*m", result.stdout)
    assert colours == []
    visible = ANSI.sub("", result.stdout)
    assert "\u2713 Right!" in visible and "\u2717 Wrong." in visible


@pytest.mark.usefixtures("at_a_terminal")
def test_at_a_terminal_the_retry_is_offered_and_taken(runner: CliRunner) -> None:
    first, second = drawn(2)
    typed = f"{wrong(first)}\n{right(second)}\ny\n{right(reshuffled(first, 1))}\n"
    result = quiz(runner, typed, "--count", "2")
    assert result.exit_code == 0
    visible = ANSI.sub("", result.stdout)
    assert "Score: 1/2 (50%)" in visible
    assert "Retry the 1 missed question? [y/N] " in visible
    assert "Retry score: 1/1 (100%)" in visible
    assert visible.count("Retry the") == 1


def test_the_credit_names_only_the_packs_the_questions_came_from(runner: CliRunner, bundled_content: Content) -> None:
    main_pack, related_pack = bundled_content.packs

    related_only = runner.invoke(main, ["quiz", "--topic", "related", "-n", "3", "--seed", "1", "--json"], input="")
    from_both = runner.invoke(main, ["quiz", "--topic", "related", "--topic", "dates", "-n", "4", "--json"], input="")

    assert json.loads(related_only.stdout)["attribution"] == related_pack.attribution
    assert json.loads(from_both.stdout)["attribution"] == f"{main_pack.attribution}\n{related_pack.attribution}"
