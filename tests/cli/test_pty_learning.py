"""Learning in a real 80x24 pseudo-terminal: single keys, typed recall, the g key, screens that fit."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import pexpect  # type: ignore[import-untyped]
import pytest
from fsrs import Rating
from helpers.paths import TINY_PACK
from helpers.terminal import spawn_cli, transcript

from azrs_quiz.clock import utc_now
from azrs_quiz.facts.loader import load_content
from azrs_quiz.progress import ProgressStore, plan_review
from azrs_quiz.questions import build_quiz, question_bank
from azrs_quiz.session import reshuffled

PROMPT = "for help): "
ROWS, COLUMNS = 24, 80

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


def spawn(*args: str, data_dir: Path, **env: str) -> pexpect.spawn:
    return spawn_cli(args, env={"AZRS_QUIZ_DATA_DIR": str(data_dir), **env}, rows=ROWS, columns=COLUMNS, timeout=30)


def final_screen(text: str) -> list[str]:
    """The rows left on an 80x24 screen at the end: the output has no cursor moves, so the last lines."""
    lines = text.split("\n")
    assert max(len(line) for line in lines) <= COLUMNS
    return lines[-ROWS:]


def letter(index: int) -> str:
    return "abcde"[index]


@pytest.mark.slow
def test_a_full_ten_question_quiz_ends_with_the_score_on_the_last_screen(tmp_path: Path) -> None:
    questions = build_quiz(load_content(), count=10, seed=3).questions
    child = spawn("quiz", "--seed", "3", data_dir=tmp_path)
    for number, question in enumerate(questions, start=1):
        child.expect_exact(f"Question {number}/10")
        child.expect_exact(PROMPT)
        # Single keys, no Enter: a wrong answer to every other question.
        child.send(letter(question.answer if number % 2 else (question.answer + 1) % len(question.options)))
        child.expect("Right!|Wrong\\.")
    child.expect_exact("Retry the 5 missed questions? [y/N] ")
    child.send("n")
    screen = final_screen(transcript(child))
    assert child.exitstatus == 0
    text = "\n".join(screen)
    assert "Score: 5/10 (50%)" in text and "Time: " in text
    assert "Missed:" in text and "  5. " in text
    (credit,) = [line for line in screen if line.startswith("Content: ")]
    assert "Wikipedia" in credit


def test_a_letter_answers_at_once_and_enter_mode_waits_for_enter(tmp_path: Path) -> None:
    (question,) = build_quiz(load_content(TINY_PACK), count=1, seed=1).questions
    child = spawn("quiz", "--content", str(TINY_PACK), "--seed", "1", "--count", "1", data_dir=tmp_path)
    child.expect_exact(PROMPT)
    child.send(letter(question.answer))
    child.expect_exact("Right!")
    transcript(child)
    assert child.exitstatus == 0

    waiting = spawn(
        "quiz", "--content", str(TINY_PACK), "--seed", "1", "--count", "1", data_dir=tmp_path, AZRS_QUIZ_ENTER="1"
    )
    waiting.expect_exact(PROMPT)
    waiting.send(letter(question.answer))
    with pytest.raises(pexpect.TIMEOUT):
        waiting.expect_exact("Right!", timeout=1.5)
    waiting.send("\r")
    waiting.expect_exact("Right!")
    transcript(waiting)
    assert waiting.exitstatus == 0


def test_typed_recall_with_the_accents_left_out(tmp_path: Path) -> None:
    child = spawn("quiz", "--typed", "--topic", "people", "--count", "1", "--seed", "21", data_dir=tmp_path)
    child.expect_exact("type the answer")
    child.expect_exact("Your answer (Enter to send, ? for help): ")
    child.sendline("vuk jeremic")
    output = transcript(child)
    assert child.exitstatus == 0
    assert "\u2713 Right! The answer is Vuk Jeremić." in output
    assert "Score: 1/1 (100%)" in output


def test_g_after_a_right_answer_makes_it_a_guess_before_the_next_question(tmp_path: Path) -> None:
    first, second = plan_review(question_bank(load_content(TINY_PACK)), {}, now=utc_now(), new_per_day=2).questions
    child = spawn("review", "--content", str(TINY_PACK), "--new", "2", data_dir=tmp_path)
    child.expect_exact(PROMPT)
    child.send(letter(first.answer))
    child.expect_exact("Right!")
    child.expect_exact("Next in 2 days.")
    child.expect_exact("g if you guessed, any other key for the next question: ")
    child.send("g")
    child.expect_exact("Marked as a guess: it will be asked again soon (next in 10 minutes).")
    child.expect_exact("Question 2/2")
    child.expect_exact(PROMPT)
    child.send(letter((second.answer + 1) % len(second.options)))
    child.expect_exact("Wrong.")
    child.expect_exact("Next in 10 minutes.")
    transcript(child)
    assert child.exitstatus == 0
    with ProgressStore.open(tmp_path) as store:
        guessed, wrong = store.reviews()
        card = store.card(first.id)
    assert (guessed.question_id, guessed.correct, guessed.guessed, guessed.rating) == (
        first.id,
        True,
        True,
        Rating.Again,
    )
    assert (wrong.guessed, wrong.rating) == (False, Rating.Again)
    assert card is not None and card.due - guessed.answered_at == timedelta(minutes=10)


def test_a_retry_reshuffles_the_options_so_the_old_letter_does_not_pass(tmp_path: Path) -> None:
    (question,) = build_quiz(load_content(TINY_PACK), count=1, seed=1).questions
    again = reshuffled(question, 1)
    assert again.answer != question.answer
    child = spawn("quiz", "--content", str(TINY_PACK), "--seed", "1", "--count", "1", data_dir=tmp_path)
    child.expect_exact(PROMPT)
    child.send(letter((question.answer + 1) % len(question.options)))
    child.expect_exact("Wrong.")
    child.expect_exact("Retry the 1 missed question? [y/N] ")
    child.send("y")
    child.expect_exact("Retrying 1 missed question.")
    child.expect_exact(PROMPT)
    # The letter that was right the first time is now a wrong option.
    child.send(letter(question.answer))
    child.expect_exact("Wrong.")
    child.expect_exact("Retry the 1 missed question? [y/N] ")
    child.send("n")
    retry = transcript(child).split("Retrying 1 missed question.")[1]
    assert child.exitstatus == 0
    assert f"  {letter(again.answer)}) {question.correct_option}\n" in retry
