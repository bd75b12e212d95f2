"""Starting a command imports only what that command needs."""

from __future__ import annotations

import subprocess
import sys

from azrs_quiz.cli.export import format_names
from azrs_quiz.cli.main import EXPORT_FORMATS


def test_the_command_list_names_every_export_format() -> None:
    assert list(EXPORT_FORMATS) == format_names()


def test_starting_the_cli_does_not_import_the_export_commands() -> None:
    script = "import sys; import azrs_quiz.cli.main; print(sorted(m for m in sys.modules if m.startswith(('azrs_quiz.cli.export', 'azrs_quiz.exports'))))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.strip() == "[]"
