"""The library's errors as a command-line user reads them.

The library says what is wrong in its own terms (``force=True`` would overwrite a
file); only here is that put as the option that does it on the command line.
"""

from __future__ import annotations

from azrs_quiz.anki.errors import HistoryMissing
from azrs_quiz.cli.options import command_hint
from azrs_quiz.errors import AzrsQuizError, OutputExists
from azrs_quiz.progress.errors import CorruptProgress, NotAProgressFile


def cli_message(error: AzrsQuizError) -> str:
    """The error's message, with the command-line option that gets past it, if one does."""
    message = str(error)
    if isinstance(error, OutputExists) and not error.is_folder:
        return f"{message}; use --force to overwrite it"
    if isinstance(error, HistoryMissing):
        return f"{message} (use --record-history to start one)"
    if isinstance(error, CorruptProgress):
        return (
            f"{message} To start afresh run `{command_hint('progress reset --yes')}`; "
            f"then `{command_hint('progress import FILE')}` restores a progress export if you made one."
        )
    if isinstance(error, NotAProgressFile):
        return f"{message} (make one with `{command_hint('progress export FILE')}`)"
    return message
