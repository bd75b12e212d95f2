"""The real ``azrs-quiz quiz`` in a pseudo-terminal (pexpect) and behind real pipes."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys

import pexpect  # type: ignore[import-untyped]
import pytest
from helpers.paths import TINY_PACK
from helpers.terminal import ANSI, raw_transcript, spawn_cli

from azrs_quiz.facts.loader import load_content
from azrs_quiz.questions import Question, build_quiz

PROMPT = "for help): "
COMMAND = [sys.executable, "-m", "azrs_quiz", "quiz", "--content", str(TINY_PACK), "--seed", "1", "--count", "3"]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals and SIGINT are POSIX")


def drawn() -> tuple[Question, ...]:
    return build_quiz(load_content(TINY_PACK), count=3, seed=1).questions


def letter(index: int) -> str:
    return "abcde"[index]


def spawn(**env: str) -> pexpect.spawn:
    return spawn_cli(COMMAND[3:], env=env)


def test_typed_answers_a_rejected_key_and_the_score() -> None:
    first, second, third = drawn()
    child = spawn()
    child.expect_exact("Question 1/3")
    child.expect_exact(PROMPT)
    child.sendline("x")
    child.expect_exact("'x' is not an answer")
    child.expect_exact(PROMPT)
    child.sendline(letter(first.answer).upper())
    child.expect("\x1b\\[1;32m\u2713 Right!")
    child.expect_exact(PROMPT)
    child.sendline(letter((second.answer + 1) % len(second.options)))
    child.expect("\x1b\\[1;31m\u2717 Wrong.")
    child.expect_exact(PROMPT)
    child.sendline(str(third.answer + 1))
    child.expect_exact("Retry the 1 missed question? [y/N] ")
    child.sendline("n")
    transcript = ANSI.sub("", raw_transcript(child))
    assert child.exitstatus == 0
    assert "Score: 2/3 (67%)" in transcript
    assert "Missed:\n  1. " in transcript
    assert "Content: Test data written for azrs_quiz's tests." in transcript
    assert "Traceback" not in transcript


def test_ctrl_c_prints_the_partial_score_and_exits_130() -> None:
    first, _, _ = drawn()
    child = spawn()
    child.expect_exact(PROMPT)
    child.sendline(letter(first.answer))
    child.expect_exact("Question 2/3")
    child.expect_exact(PROMPT)
    child.sendintr()
    transcript = ANSI.sub("", raw_transcript(child))
    assert child.exitstatus == 130
    assert "Score: 1/1 (100%)" in transcript
    assert "Stopped after 1 of 3 questions." in transcript
    assert "Traceback" not in transcript and "KeyboardInterrupt" not in transcript


def test_no_color_in_a_real_terminal_keeps_marks_and_drops_colours() -> None:
    first, _, _ = drawn()
    child = spawn(NO_COLOR="1")
    child.expect_exact(PROMPT)
    child.sendline(letter(first.answer))
    child.expect_exact(PROMPT)
    child.sendline("q")
    raw = raw_transcript(child)
    assert child.exitstatus == 0
    assert "\u2713 Right!" in ANSI.sub("", raw)
    assert not re.search(r"\x1b\[[0-9;]*(?:3[0-7]|9[0-7])m", raw)


def run_piped(typed: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        COMMAND,
        input=typed,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=30,
        env={**os.environ, **env},
    )


def test_a_pipe_gets_plain_text_and_the_score() -> None:
    first, second, third = drawn()
    typed = f"{letter(first.answer)}\n{letter(second.answer)}\n{letter(third.answer)}\n"
    result = run_piped(typed, FORCE_COLOR="1")
    assert result.returncode == 0
    assert "Score: 3/3 (100%)" in result.stdout
    assert "\x1b" not in result.stdout
    assert result.stderr == ""


def test_an_ascii_only_output_gets_ascii_marks() -> None:
    first, second, _ = drawn()
    result = run_piped(f"{letter(first.answer)}\n{letter((second.answer + 1) % 3)}\n", PYTHONIOENCODING="ascii")
    assert result.returncode == 0
    assert "Question 1/3 - " in result.stdout
    assert "\n+ Right! The answer is " in result.stdout
    assert "\nx Wrong. You chose " in result.stdout
    assert "Score: 1/2 (50%) - Time: " in result.stdout


def test_sigint_in_pipe_mode_prints_the_partial_score_and_exits_130() -> None:
    first, _, _ = drawn()
    process = subprocess.Popen(
        COMMAND,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(f"{letter(first.answer)}\n")
    process.stdin.flush()
    seen = ""
    while "Question 2/3" not in seen:
        line = process.stdout.readline()
        assert line, seen
        seen += line
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 130
    assert "Score: 1/1 (100%)" in out
    assert "Stopped after 1 of 3 questions." in out
    assert "Traceback" not in err
