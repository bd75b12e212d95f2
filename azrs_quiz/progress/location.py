"""Where a learner's progress lives on disk.

In order: the ``data_dir`` a caller passes (the ``--data-dir`` option), the
``AZRS_QUIZ_DATA_DIR`` environment variable, then the platform's user data folder
(``~/.local/share/azrs-quiz`` on Linux, ``~/Library/Application Support/azrs-quiz``
on macOS, ``%LOCALAPPDATA%\\azrs-quiz`` on Windows).
"""

from __future__ import annotations

import os
from pathlib import Path

#: The environment variable that moves the data folder.
DATA_DIR_ENV = "AZRS_QUIZ_DATA_DIR"
#: The name of the progress database inside the data folder.
DATABASE_NAME = "progress.sqlite3"


def resolve_data_dir(data_dir: str | Path | None = None) -> Path:
    """The folder progress is kept in (not created here)."""
    if data_dir is not None and str(data_dir) != "":
        return _expand(Path(data_dir))
    from_env = os.environ.get(DATA_DIR_ENV, "")
    if from_env:
        return _expand(Path(from_env))
    import platformdirs

    return Path(platformdirs.user_data_dir("azrs-quiz", appauthor=False))


def database_path(data_dir: str | Path | None = None) -> Path:
    """The progress database file inside :func:`resolve_data_dir`."""
    return resolve_data_dir(data_dir) / DATABASE_NAME


def _expand(path: Path) -> Path:
    """``path`` with a leading ``~`` or ``~user`` expanded; an unknown user is an error, not a crash."""
    try:
        return path.expanduser()
    except RuntimeError as error:  # "~nouser": no such user, or no home folder to expand "~" to
        from azrs_quiz.progress.errors import ProgressUnreadable
        from azrs_quiz.text import one_line

        raise ProgressUnreadable(
            f"cannot find the folder '{one_line(path)}': its '~' names no user with a home folder here"
        ) from error
