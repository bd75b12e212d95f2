"""Running the real ``azrs-quiz`` on hostile input: in a subprocess, with a time limit and a memory cap."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from helpers.paths import TINY_PACK

#: A hang is a failure: no case may take longer (a generous bound for a loaded machine).
TIME_LIMIT_SECONDS = 60
#: Address space a run may use: enough for Python, pydantic and the bank, not for /dev/zero.
MEMORY_LIMIT_BYTES = 1536 * 1024 * 1024

ESCAPE_SEQUENCE_STARTS = ("\x1b", "\x9b", "\u202e")


@dataclass(frozen=True)
class Run:
    """What a run printed and how it ended."""

    status: int
    stdout: str
    stderr: str


def _cap_memory() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))


def run_cli(
    *args: str | Path,
    data_dir: Path,
    stdin: str | IO[Any] | None = "",
    stdout: IO[Any] | int | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> Run:
    """Run ``python -m azrs_quiz *args`` under the time limit and the memory cap."""
    environment = {**os.environ, "AZRS_QUIZ_DATA_DIR": str(data_dir), "NO_COLOR": "1", **(env or {})}
    completed = subprocess.run(
        [sys.executable, "-m", "azrs_quiz", *map(str, args)],
        input=stdin if isinstance(stdin, str) else None,
        stdin=None if isinstance(stdin, str) else stdin,
        stdout=subprocess.PIPE if stdout is None else stdout,
        stderr=subprocess.PIPE,
        env=environment,
        cwd=cwd,
        timeout=TIME_LIMIT_SECONDS,
        preexec_fn=_cap_memory,
        text=True,
        errors="replace",
    )
    return Run(completed.returncode, completed.stdout or "", completed.stderr)


def assert_clean_error(run: Run, *expected: str) -> None:
    """A failure a user can read: a short message on stderr, no traceback, a plain non-zero exit."""
    assert "Traceback" not in run.stderr, run.stderr
    assert run.status in (1, 2), (run.status, run.stderr)
    assert 0 < len(run.stderr.splitlines()) <= 5, run.stderr
    for text in expected:
        assert text in run.stderr, (text, run.stderr)
    assert_no_raw_escapes(run)


def assert_no_raw_escapes(run: Run) -> None:
    """Nothing that reached the screen would be obeyed by a terminal."""
    for stream in (run.stdout, run.stderr):
        for start in ESCAPE_SEQUENCE_STARTS:
            assert start not in stream, repr(stream[:2000])


def copy_tiny_pack(folder: Path) -> Path:
    """A writable copy of the tiny test pack."""
    return Path(shutil.copytree(TINY_PACK, folder / "pack"))
