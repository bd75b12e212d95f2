"""``azrs-quiz review`` through click: due first, daily new limit, answers saved one by one."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers.cli import usage_error
from helpers.paths import TINY_PACK
from helpers.progress import T0, answer, days, question, utc_clock

from azrs_quiz.cli.main import main
from azrs_quiz.cli.render import when
from azrs_quiz.facts.loader import load_content
from azrs_quiz.progress import ProgressStore, database_path, plan_review
from azrs_quiz.questions import question_bank
from azrs_quiz.questions.spacing import space_out


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[datetime]]:
    """A fixed clock for the command, in a machine set to UTC; move it with ``clock[0] = ...``."""
    with utc_clock(monkeypatch, "azrs_quiz.clock.utc_now") as current:
        yield current


def review(runner: CliRunner, *args: str, typed: str = "") -> Result:
    return runner.invoke(main, ["review", "--content", str(TINY_PACK), *args], input=typed)


def bank_size() -> int:
    return len(question_bank(load_content(TINY_PACK)))


def test_a_first_review_brings_in_new_questions_and_saves_every_answer(
    runner: CliRunner, clock: list[datetime]
) -> None:
    result = review(runner, "--new", "3", typed="s\ns\ns\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Review: 0 due, 3 new.\n")
    assert "Question 3/3" in result.stdout
    with ProgressStore.open() as store:
        reviews, cards = store.reviews(), store.cards()
    assert [(r.answered_at, r.mode, r.scheduled, r.correct) for r in reviews] == [(T0, "review", True, False)] * 3
    assert sorted(cards) == sorted(r.question_id for r in reviews)
    assert len({qid.split(":")[0] for qid in cards}) == 3  # one question per fact in a session


def test_when_nothing_is_due_it_says_when_the_next_review_is(runner: CliRunner, clock: list[datetime]) -> None:
    review(runner, "--new", "2", typed="s\ns\n")
    result = review(runner, "--new", "2")
    assert result.exit_code == 0
    assert " ".join(result.stdout.split()) == (
        "Nothing is due now. Your next review is in 10 minutes (at 09:10). You have had "
        f"today's 2 new questions; {bank_size() - 2} more wait for the coming days (or raise --new)."
    )


def test_due_questions_come_back_first_the_next_day(runner: CliRunner, clock: list[datetime]) -> None:
    review(runner, "--new", "2", typed="s\ns\n")
    with ProgressStore.open() as store:
        seen = set(store.cards())
    prompts = {question.id: question.prompt for question in question_bank(load_content(TINY_PACK))}
    clock[0] = T0 + timedelta(days=1)
    result = review(runner, "--new", "1", typed="s\ns\ns\n")
    assert result.stdout.startswith("Review: 2 due, 1 new.\n")
    first_two = " ".join(result.stdout.split("Question 3/3")[0].split())  # prompts may wrap
    assert all(prompts[qid] in first_two for qid in seen)
    with ProgressStore.open() as store:
        assert len(store.reviews()) == 5


def test_max_caps_the_session(runner: CliRunner, clock: list[datetime]) -> None:
    result = review(runner, "--max", "1", typed="s\n")
    assert result.stdout.startswith("Review: 0 due, 1 new.\n")
    assert "Question 1/1" in result.stdout
    # What the next session asks: the day's new questions less the one asked, with those that
    # give each other away set apart (it said 9 while the next session asked 5).
    # The hint repeats the --content flag the learner used.
    hint = f"5 more questions are ready now: run `azrs-quiz review --content {TINY_PACK}` again."
    assert hint in " ".join(result.stdout.split())


def test_new_zero_brings_in_nothing_new(runner: CliRunner, clock: list[datetime]) -> None:
    result = review(runner, "--new", "0")
    assert (
        " ".join(result.stdout.split())
        == f"Nothing is due now. {bank_size()} new questions wait; --new N brings some in."
    )


def test_quitting_keeps_the_answers_already_given(runner: CliRunner, clock: list[datetime]) -> None:
    result = review(runner, "--new", "3", typed="s\nq\n")
    assert result.exit_code == 0
    assert "Ended early after 1 of 3 questions." in result.stdout
    with ProgressStore.open() as store:
        assert store.counts() == (1, 1)


def test_end_of_input_keeps_the_answers_already_given(runner: CliRunner, clock: list[datetime]) -> None:
    result = review(runner, "--new", "3", typed="s\ns\n")
    assert result.exit_code == 0
    with ProgressStore.open() as store:
        assert store.counts() == (2, 2)


def _saved_answers() -> int:
    connection = sqlite3.connect(database_path())
    try:
        return int(connection.execute("SELECT count(*) FROM reviews").fetchone()[0])
    finally:
        connection.close()


def test_each_answer_is_on_disk_before_the_next_question_and_ctrl_c_keeps_them(
    runner: CliRunner, clock: list[datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    saved_when_asked: list[int] = []
    replies = iter(["s", "s"])

    def ask(self: object, prompt: str) -> str:
        # Read with a separate connection, as another process would.
        saved_when_asked.append(_saved_answers())
        try:
            return next(replies)
        except StopIteration:
            raise KeyboardInterrupt from None

    ProgressStore.open().close()
    monkeypatch.setattr("azrs_quiz.cli.runner.Terminal.ask", ask)
    result = review(runner, "--new", "5")
    assert result.exit_code == 130
    assert saved_when_asked == [0, 1, 2]
    # The five new questions, less any that another of them gives away.
    bank = question_bank(load_content(TINY_PACK))
    asked = space_out(plan_review(bank, {}, now=T0, new_per_day=5).questions)
    assert f"Review: 0 due, {len(asked)} new." in result.stdout
    assert f"Stopped after 2 of {len(asked)} questions." in result.stdout
    assert _saved_answers() == 2


def test_topic_limits_the_review(runner: CliRunner, clock: list[datetime]) -> None:
    result = review(runner, "--topic", "people", typed="s\n" * 10)
    headers = [line for line in result.stdout.splitlines() if line.startswith("Question ")]
    assert headers and all(line.endswith(" people") for line in headers)


def test_a_topic_the_content_lacks_is_an_error(runner: CliRunner, clock: list[datetime]) -> None:
    result = review(runner, "--topic", "related")
    assert result.exit_code == 1
    assert (
        result.stderr
        == "Error: no questions on topic 'related'; topics available: dates, people, places, agreements, figures\n"
    )


@pytest.mark.parametrize(
    ("option", "value", "allowed"),
    [("--new", "-1", "-1 is not in the range x>=0"), ("--max", "0", "0 is not in the range x>=1")],
)
def test_bad_numbers_are_usage_errors(runner: CliRunner, option: str, value: str, allowed: str) -> None:
    result = review(runner, option, value)
    assert result.exit_code == 2
    assert result.stderr == usage_error("review", f"Invalid value for '{option}': {allowed}.")


def test_a_damaged_progress_file_stops_the_review_with_a_way_forward(runner: CliRunner, clock: list[datetime]) -> None:
    path = database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a database" * 100)
    result = review(runner, typed="a\n")
    assert result.exit_code == 1
    backup = next(path.parent.glob("*.corrupt-*"))
    assert result.stderr == (
        f"Error: the progress database '{path}' is damaged (file is not a database). Nothing was deleted: "
        f"a copy of it is kept at '{backup}'. To start afresh run `azrs-quiz progress reset --yes`; "
        "then `azrs-quiz progress import FILE` restores a progress export if you made one.\n"
    )
    assert "Question" not in result.stdout
    assert path.read_bytes() == b"not a database" * 100
    assert len(list(path.parent.glob("progress.sqlite3.corrupt-*"))) == 1


def test_data_dir_option_overrides_the_environment(runner: CliRunner, clock: list[datetime], tmp_path: Path) -> None:
    review(runner, "--new", "1", "--data-dir", str(tmp_path / "elsewhere"), typed="s\n")
    assert (tmp_path / "elsewhere" / "progress.sqlite3").is_file()
    assert not database_path().exists()


@pytest.mark.parametrize(
    ("wait", "text"),
    [
        (timedelta(0), "now"),
        (timedelta(seconds=20), "in 1 minute (at 09:01)"),
        (timedelta(minutes=10), "in 10 minutes (at 09:10)"),
        (timedelta(hours=3), "today at 12:00 (in 3 hours)"),
        (timedelta(hours=20), "tomorrow at 05:00"),
        (timedelta(days=8), "on Tue 10 Mar at 09:00 (in 8 days)"),
    ],
)
def test_due_times_read_naturally(clock: list[datetime], wait: timedelta, text: str) -> None:
    assert when(T0 + wait, T0) == text


def test_a_session_never_asks_two_questions_that_give_each_other_away(runner: CliRunner, clock: list[datetime]) -> None:
    # Both questions on the embassy are due (missed yesterday): asking one gives the other away.
    with ProgressStore.open() as store:
        for question_id in ("embassy-opened:when", "embassy-opened:where"):
            store.record(answer(question(question_id), correct=False, at=T0 - days(1)), mode="review", schedule=True)
    result = review(runner, "--new", "0", typed="s\ns\ns\n")
    assert result.exit_code == 0
    with ProgressStore.open() as store:
        asked_today = [review.question_id for review in store.reviews() if review.answered_at >= T0]
    assert len([question_id for question_id in asked_today if question_id.startswith("embassy-opened:")]) == 1
    # The other one stays due for the next session.
    assert "1 more question is ready now" in " ".join(result.stdout.split())


def test_the_ready_now_hint_counts_what_the_next_review_asks(runner: CliRunner, clock: list[datetime]) -> None:
    # The shipped content has questions that give each other away: a session sets some apart.
    first = runner.invoke(main, ["review"], input="q\n")
    second = runner.invoke(main, ["review"], input="q\n")

    hint = re.search(r"(\d+) more questions? (?:is|are) ready now", " ".join(first.stdout.split()))
    heading = re.match(r"Review: (\d+) due, (\d+) new\.", second.stdout)
    assert hint is not None and heading is not None, first.stdout + second.stdout
    assert int(hint[1]) == int(heading[1]) + int(heading[2])
