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


#: What a quiz over a pipe, on content it has seen, starts without: the content models and
#: their parser, the scheduler (until an answer is saved), the progress figures and transfer,
#: and rich's console (plain text needs none).
NOT_FOR_A_PLAIN_QUIZ = (
    "yaml",
    "pydantic",
    "fsrs",
    "rich.console",
    "azrs_quiz.progress.stats",
    "azrs_quiz.progress.transfer",
    "azrs_quiz.progress.queue",
)


def _modules_after(arguments: list[str], answers: str) -> tuple[str, list[str]]:
    """Run the CLI in a fresh interpreter; its output, and which of NOT_FOR_A_PLAIN_QUIZ it imported."""
    script = (
        "import sys\n"
        "from azrs_quiz.cli.main import main\n"
        "try:\n"
        f"    main({arguments!r}, prog_name='azrs-quiz')\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(' '.join(name for name in {NOT_FOR_A_PLAIN_QUIZ!r} if name in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], input=answers, capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout, done.stderr.strip().splitlines()[-1].split() if done.stderr.strip() else []


def test_a_plain_quiz_on_seen_content_starts_without_the_scheduler_or_the_content_models() -> None:
    quiz = ["quiz", "-n", "2", "--seed", "3"]
    _modules_after(quiz, "")  # fills the cache
    output, imported = _modules_after(quiz, "")
    assert "Question 1/2" in output and "No answers given." in output
    assert imported == []
    # The scheduler comes in with the first answer saved.
    output, imported = _modules_after(quiz, "a\n")
    assert "Question 2/2" in output
    assert imported == ["fsrs"]
