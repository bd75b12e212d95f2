"""Checks about the child processes a test's code may fork."""

from __future__ import annotations

import os


def no_child_left() -> bool:
    """Whether every child this process forked has ended and been reaped (none left running or unwaited)."""
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False
