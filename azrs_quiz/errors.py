"""The project's own exceptions: every error a user can cause is one of these."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from azrs_quiz.text import one_line, plural


class AzrsQuizError(Exception):
    """Root of every error azrs_quiz raises on purpose."""


@dataclass(frozen=True)
class ContentProblem:
    """One problem in a content file, located as precisely as the file allows."""

    path: Path
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        # One problem, one line, whatever a file name or a message quotes from the file:
        # a line break or an escape sequence is shown escaped, never obeyed.
        path = one_line(self.path)
        where = f"{path}:{self.line}" if self.line is not None else path
        message = one_line(" ".join(self.message.splitlines()))
        return f"{where}: {one_line(self.field)}: {message}"


class ContentError(AzrsQuizError):
    """Content failed validation; ``problems`` lists every problem found."""

    def __init__(self, problems: list[ContentProblem]) -> None:
        self.problems = problems
        count = len(problems)
        lines = [str(problem) for problem in problems]
        lines.append(f"{plural(count, 'problem')} found")
        super().__init__("\n".join(lines))


class ContentNotFound(AzrsQuizError):
    """The content path given does not exist."""


class UnknownTopic(AzrsQuizError):
    """A topic was asked for that the content does not offer."""


class OutputError(AzrsQuizError):
    """An output file cannot be written; the message names the path and the cause."""


class OutputExists(OutputError):
    """The output path is taken: by a file that ``force=True`` would replace, or by a folder."""

    def __init__(self, path: Path, *, is_folder: bool = False) -> None:
        self.path = path
        #: A folder is never replaced, whatever ``force`` says.
        self.is_folder = is_folder
        shown = one_line(path)
        super().__init__(f"'{shown}' is a folder, not a file" if is_folder else f"'{shown}' already exists")


class InvalidArgumentType(AzrsQuizError, TypeError):
    """A public function was given an argument of the wrong type (also a ``TypeError``)."""


class InvalidArgumentValue(AzrsQuizError, ValueError):
    """A public function was given an argument of the right type but a wrong value (also a ``ValueError``)."""
