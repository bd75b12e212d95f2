"""The real ``azrs-quiz review`` in a pseudo-terminal: timed ratings, Ctrl-C, a second session."""

from __future__ import annotations

import signal
import sys
from datetime import timedelta
from pathlib import Path

import pexpect  # type: ignore[import-untyped]
import pytest
from fsrs import State
from helpers.paths import TINY_PACK
from helpers.progress import T0
from helpers.terminal import spawn_cli, transcript

from azrs_quiz.facts.loader import load_content
from azrs_quiz.progress import ProgressStore, plan_review
from azrs_quiz.questions import Question, question_bank

PROMPT = "for help): "

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals and SIGINT are POSIX")


def planned(count: int) -> tuple[Question, ...]:
    """The new questions a first review of the tiny pack asks."""
    bank = question_bank(load_content(TINY_PACK))
    return plan_review(bank, {}, now=T0, new_per_day=count).questions


def spawn(data_dir: Path, *args: str) -> pexpect.spawn:
    return spawn_cli(["review", "--content", str(TINY_PACK), *args], env={"AZRS_QUIZ_DATA_DIR": str(data_dir)})


def test_at_a_terminal_a_quick_right_first_answer_is_good_not_easy_and_ctrl_c_keeps_it(
    tmp_path: Path,
) -> None:
    first, second, _ = planned(3)
    child = spawn(tmp_path, "--new", "3")
    child.expect_exact("Review: 0 due, 3 new.")
    child.expect_exact(PROMPT)
    child.sendline("abcde"[first.answer])
    child.expect_exact("Right!")
    child.expect_exact("g if you guessed, any other key for the next question: ")
    child.send("\r")
    child.expect_exact(PROMPT)
    child.sendline("abcde"[(second.answer + 1) % len(second.options)])
    child.expect_exact("Wrong.")
    child.expect_exact(PROMPT)
    child.kill(signal.SIGINT)
    output = transcript(child)
    assert child.exitstatus == 130
    assert "Stopped after 2 of 3 questions." in output and "Traceback" not in output
    with ProgressStore.open(tmp_path) as store:
        good, again = store.card(first.id), store.card(second.id)
        assert store.counts() == (2, 2)
    # Never Easy, however quick: a lucky first pick must not jump to 8 days.
    assert good is not None and good.state == State.Review and good.due - good.introduced_at == timedelta(days=2)
    assert (
        again is not None and again.state == State.Learning and again.due - again.introduced_at == timedelta(minutes=10)
    )


@pytest.mark.slow
def test_two_terminals_reviewing_at_once_both_keep_their_answers(tmp_path: Path) -> None:
    sessions = [spawn(tmp_path, "--new", "2"), spawn(tmp_path, "--new", "2")]
    for child in sessions:
        child.expect_exact(PROMPT)
    for _ in range(2):
        for child in sessions:
            child.sendline("s")
            child.expect_exact("Skipped.")
    for child in sessions:
        transcript(child)
        assert child.exitstatus == 0
    with ProgressStore.open(tmp_path) as store:
        reviews = store.reviews()
    assert len(reviews) == 4


def test_help_in_a_review_tells_of_g_for_a_guess(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--new", "1")
    child.expect_exact(PROMPT)
    child.send("?")
    child.expect_exact("marks it as a guess, so that it comes back soon.")
    child.expect_exact(PROMPT)
    child.send("q")
    output = transcript(child)
    assert "Traceback" not in output
