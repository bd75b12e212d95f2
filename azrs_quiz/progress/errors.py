"""The errors the progress store raises; each message tells the learner what to do next."""

from __future__ import annotations

from azrs_quiz.errors import AzrsQuizError


class ProgressError(AzrsQuizError):
    """Something went wrong reading or writing the learner's progress."""


class CorruptProgress(ProgressError):
    """The progress database is damaged; a copy was kept aside and nothing was deleted."""


class ProgressUnreadable(ProgressError):
    """The progress database (or its folder) cannot be opened: permissions, a folder, a busy lock."""


class ProgressTooNew(ProgressError):
    """The progress database was written by a newer azrs-quiz than this one."""


class ProgressFileError(ProgressError):
    """A progress export file cannot be imported: not JSON, not our format, or malformed."""
