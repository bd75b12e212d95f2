"""The errors the progress store raises; each message tells the learner what to do next."""

from __future__ import annotations

from pathlib import Path

from azrs_quiz.errors import AzrsQuizError


class ProgressError(AzrsQuizError):
    """Something went wrong reading or writing the learner's progress."""


class CorruptProgress(ProgressError):
    """The progress database is damaged; a copy was kept aside and nothing was deleted.

    :func:`~azrs_quiz.progress.reset_progress` starts afresh, and
    :func:`~azrs_quiz.progress.import_progress` then restores a progress export.
    """

    def __init__(self, path: Path, backup: Path, detail: str) -> None:
        self.path = path
        #: The copy kept aside before anything else happens to the file.
        self.backup = backup
        super().__init__(
            f"the progress database '{path}' is damaged ({detail}). Nothing was deleted: "
            f"a copy of it is kept at '{backup}'."
        )


class ProgressUnreadable(ProgressError):
    """The progress database (or its folder) cannot be opened: permissions, a folder, a busy lock."""


class ProgressBusy(ProgressUnreadable):
    """Another session held the progress database for longer than azrs-quiz waits."""


class ProgressTooNew(ProgressError):
    """The progress database was written by a newer azrs-quiz than this one."""


class ProgressFileError(ProgressError):
    """A progress export file cannot be imported: not JSON, not our format, or malformed."""


class NotAProgressFile(ProgressFileError):
    """The file is JSON but not a progress export (:func:`~azrs_quiz.progress.export_progress` makes one)."""
