"""The real ``azrs-quiz`` in a pseudo-terminal (pexpect), for the pty tests."""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Mapping, Sequence

import pexpect  # type: ignore[import-untyped]

#: Colour and cursor codes, to read a transcript as the learner sees it.
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def spawn_cli(
    args: Sequence[str], *, env: Mapping[str, str] | None = None, rows: int = 40, columns: int = 80, timeout: int = 20
) -> pexpect.spawn:
    """``azrs-quiz ARGS`` in a colour terminal of ``rows`` x ``columns``, its output logged for :func:`transcript`.

    ``AZRS_QUIZ_ENTER`` and ``NO_COLOR`` are cleared unless ``env`` sets them, so a key
    answers at once and the colours show.
    """
    environment = {**os.environ, "TERM": "xterm-256color"}
    environment.pop("AZRS_QUIZ_ENTER", None)
    environment.pop("NO_COLOR", None)
    environment.update(env or {})
    child = pexpect.spawn(
        sys.executable,
        ["-m", "azrs_quiz", *args],
        env=environment,
        encoding="utf-8",
        dimensions=(rows, columns),
        timeout=timeout,
    )
    child.logfile_read = io.StringIO()
    return child


def raw_transcript(child: pexpect.spawn) -> str:
    """Everything the child printed, once it has exited, with its colour codes."""
    child.expect(pexpect.EOF)
    child.close()
    assert isinstance(child.logfile_read, io.StringIO)
    return str(child.logfile_read.getvalue()).replace("\r\n", "\n")


def transcript(child: pexpect.spawn) -> str:
    """Everything the child printed, once it has exited, as plain text."""
    return ANSI.sub("", raw_transcript(child))
