"""Writing output files so that an interrupted write never leaves half a file behind.

Every failure is an :class:`~azrs_quiz.errors.OutputError` naming the path and the
cause. Only a regular file is ever replaced (never a folder, a symbolic link, a FIFO
or a device), temporary files are removed when a write fails or is interrupted, and
the temporary files a killed run left behind are swept up by the next write.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from azrs_quiz.errors import OutputError, OutputExists
from azrs_quiz.files import kind_of_file
from azrs_quiz.text import one_line

#: A temporary file or folder of ours untouched for this long belongs to a run that was killed.
STALE_AFTER_SECONDS = 24 * 60 * 60


def write_atomically(path: Path, write: Callable[[Path], object], *, force: bool = False) -> None:
    """Call ``write`` with a temporary path beside ``path``, then rename it into place.

    Refuses to replace an existing ``path`` unless ``force``, and even then replaces
    only a regular file. The temporary file is removed if ``write`` fails or is
    interrupted, and the rename is atomic on the same file system.
    """
    path = Path(path)
    _check_destination(path, force)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot write '{one_line(path)}': {_folder_problem(directory, error)}") from error
    _sweep(directory, f".{_glob_escape(path.name)}.????????.tmp")
    try:
        handle, temporary_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise OutputError(f"cannot write '{one_line(path)}': {_reason(error)}") from error
    os.close(handle)
    temporary = Path(temporary_name)
    try:
        write(temporary)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise OutputError(f"cannot write '{one_line(path)}': {_reason(error)}") from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_text_atomically(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically (see :func:`write_atomically`)."""
    write_atomically(path, lambda temporary: temporary.write_text(text, encoding="utf-8", newline=""), force=force)


@contextmanager
def temporary_folder(prefix: str) -> Iterator[Path]:
    """A temporary folder (removed afterwards), after sweeping up stale ones of the same ``prefix``."""
    base = Path(tempfile.gettempdir())
    _sweep(base, f"{_glob_escape(prefix)}*", owner_after=prefix)
    # The folder names its process, so a sweep never takes a folder still in use.
    with tempfile.TemporaryDirectory(prefix=f"{prefix}{os.getpid()}-") as folder:
        yield Path(folder)


def _check_destination(path: Path, force: bool) -> None:
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        if error.errno == errno.ENOTDIR:
            raise OutputError(f"cannot write '{one_line(path)}': a part of its folder is a file") from error
        raise OutputError(f"cannot write '{one_line(path)}': {_reason(error)}") from error
    if not force:
        raise OutputExists(path, is_folder=stat.S_ISDIR(mode))
    if stat.S_ISDIR(mode):
        raise OutputExists(path, is_folder=True)
    if stat.S_ISLNK(mode):
        raise OutputError(
            f"'{one_line(path)}' is a symbolic link; only a regular file is replaced, so it is left as it is"
        )
    if not stat.S_ISREG(mode):
        kind = kind_of_file(mode)
        raise OutputError(f"'{one_line(path)}' is {kind}; only a regular file is replaced, so it is left as it is")


def _folder_problem(directory: Path, error: OSError) -> str:
    if error.errno in (errno.EEXIST, errno.ENOTDIR):
        return f"its folder '{one_line(directory)}' is a file, or lies under one"
    return f"cannot create its folder '{one_line(directory)}': {_reason(error)}"


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _glob_escape(name: str) -> str:
    return "".join(f"[{character}]" if character in "*?[" else character for character in name)


def _sweep(directory: Path, pattern: str, *, owner_after: str | None = None) -> None:
    """Remove our temporary files or folders matching ``pattern`` that a killed run left behind.

    With ``owner_after``, a name that goes on with a process id after that prefix is left
    alone while that process runs, whatever its age says (a clock can jump).
    """
    cutoff = time.time() - STALE_AFTER_SECONDS
    try:
        candidates = list(directory.glob(pattern))
    except OSError:
        return
    for candidate in candidates:
        try:
            if owner_after is not None and _owner_is_running(candidate.name[len(owner_after) :]):
                continue
            status = candidate.lstat()
            if status.st_mtime > cutoff or (hasattr(os, "getuid") and status.st_uid != os.getuid()):
                continue
            if stat.S_ISDIR(status.st_mode):
                shutil.rmtree(candidate, ignore_errors=True)
            elif stat.S_ISREG(status.st_mode):
                candidate.unlink()
        except OSError:
            continue


def _owner_is_running(rest: str) -> bool:
    """Whether ``"<pid>-…"`` names a process that is still running (signal 0 only asks)."""
    pid_text = rest.split("-", 1)[0]
    if not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # it exists but is another user's, or we cannot tell: leave it
    return True
