"""At a real terminal (a pseudo-terminal), escape sequences in content appear escaped, never obeyed."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pexpect  # type: ignore[import-untyped]
import pytest
from helpers.hostile import copy_tiny_pack

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX"),
]

HOSTILE = '"The embassy \\e[2J\\e]0;PWNED\\a opened \\e[31mearly\\e[0m \\u202ein\\u009b the year."'
#: What the terminal would obey if the content reached it raw: clear screen, window title, C1 CSI, RTL override.
OBEYED = ("\x1b[2J", "\x1b]0;PWNED", "\x9b", "\u202e", "\x1b[31mearly")


def test_escape_sequences_in_content_are_shown_escaped_at_a_terminal(tmp_path: Path) -> None:
    pack = copy_tiny_pack(tmp_path)
    facts = pack / "facts.yaml"
    facts.write_text(
        facts.read_text(encoding="utf-8").replace("The embassy opened early in the year.", HOSTILE), encoding="utf-8"
    )
    environment = {**os.environ, "TERM": "xterm-256color", "AZRS_QUIZ_DATA_DIR": str(tmp_path / "data")}
    environment.pop("NO_COLOR", None)
    command = [sys.executable, "-m", "azrs_quiz", "quiz", "--content", str(pack), "--topic", "dates", "-n", "8"]
    child = pexpect.spawn(command[0], command[1:], env=environment, encoding="utf-8", dimensions=(40, 80), timeout=30)
    child.logfile_read = io.StringIO()
    for _ in range(8):
        index = child.expect_exact(["(a", "[y/N]", pexpect.EOF])
        if index != 0:
            break
        child.send("s")
    if child.isalive():
        child.sendcontrol("d")
    child.expect(pexpect.EOF)
    child.close()
    screen = child.logfile_read.getvalue()
    assert (
        "The embassy \\u001b[2J\\u001b]0;PWNED opened \\u001b[31mearly\\u001b[0m \\u202ein\\u009b the year." in screen
    )
    for sequence in OBEYED:
        assert sequence not in screen
    assert "\x1b[" in screen  # the quiz's own colours still reach the terminal
