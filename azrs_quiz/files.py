"""Reading a user's file safely: regular files only, and never more than a size cap.

A FIFO would block a read forever, and ``/dev/zero`` would fill the memory, so
content files and progress imports are opened without blocking, checked to be
regular files, and read up to :func:`size_limit` bytes. The limit is 32 MiB unless
the ``AZRS_QUIZ_MAX_FILE_MB`` environment variable sets another (for huge packs).
:func:`yaml_files_under` lists the files of a content folder the loader may read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from azrs_quiz.errors import AzrsQuizError
from azrs_quiz.text import one_line

#: The environment variable that overrides the size cap, in mebibytes.
SIZE_LIMIT_VARIABLE = "AZRS_QUIZ_MAX_FILE_MB"
DEFAULT_SIZE_LIMIT_MB = 32
#: The names of content files.
YAML_SUFFIXES = (".yaml", ".yml")

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class UnreadableFile(AzrsQuizError):
    """A file cannot be read: missing, not a regular file, too large, or refused by the system."""

    def __init__(self, path: Path, reason: str, *, kind: str = "") -> None:
        self.path = path
        self.reason = reason
        #: What the file is when it is not a regular file ("a folder", "a named pipe (FIFO)").
        self.kind = kind
        super().__init__(f"'{one_line(path)}' {reason}")


def size_limit() -> int:
    """The most bytes a content file or progress import may have."""
    setting = os.environ.get(SIZE_LIMIT_VARIABLE, "")
    try:
        megabytes = float(setting) if setting.strip() else DEFAULT_SIZE_LIMIT_MB
    except ValueError:
        megabytes = DEFAULT_SIZE_LIMIT_MB
    if not megabytes > 0 or megabytes == float("inf"):
        megabytes = DEFAULT_SIZE_LIMIT_MB
    return int(megabytes * 1024 * 1024)


def kind_of_file(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words ("a named pipe (FIFO)"), or "" for a regular file."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "" if stat.S_ISREG(mode) else "not a regular file"


def read_regular_file(path: Path, *, limit: int | None = None) -> bytes:
    """The bytes of ``path``, which must be a regular file of at most ``limit`` bytes.

    Raises :class:`UnreadableFile` with a reason a user can act on.
    """
    limit = size_limit() if limit is None else limit
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise UnreadableFile(path, f"cannot be read: {error.strerror or error}") from error
    try:
        status = os.fstat(descriptor)
        kind = kind_of_file(status.st_mode)
        if kind:
            raise UnreadableFile(path, f"is {kind}, not a regular file; only regular files are read", kind=kind)
        if status.st_size > limit:
            raise UnreadableFile(path, too_large(limit))
        with os.fdopen(descriptor, "rb") as handle:
            descriptor = -1  # the handle owns it now
            data = handle.read(limit + 1)
    except OSError as error:
        raise UnreadableFile(path, f"cannot be read: {error.strerror or error}") from error
    finally:
        if descriptor >= 0:
            os.close(descriptor)
    if len(data) > limit:
        raise UnreadableFile(path, too_large(limit))
    return data


def too_large(limit: int) -> str:
    """Why a file over the cap is refused, and how to raise the cap."""
    return (
        f"is larger than {limit / (1024 * 1024):.4g} MiB, the most azrs-quiz reads from one file; "
        f"set {SIZE_LIMIT_VARIABLE} to allow more"
    )


def yaml_files_under(root: Path) -> Iterator[tuple[str, Path]]:
    """Every YAML name under ``root`` (relative path, path), in a stable order: each file the loader may read.

    Folders linked in are followed once (a loop is cut).
    """
    seen: set[tuple[int, int]] = set()

    def walk(folder: Path, relative: str, top: bool) -> Iterator[tuple[str, Path]]:
        info = folder.stat()
        if (info.st_dev, info.st_ino) in seen:
            return
        seen.add((info.st_dev, info.st_ino))
        for entry in sorted(os.scandir(folder), key=lambda entry: entry.name):
            # Below the top the loader skips hidden names; at the top a hidden folder can be a pack.
            if entry.name.startswith(".") and not (top and os.path.exists(os.path.join(entry.path, "pack.yaml"))):
                continue
            path = Path(entry.path)
            name = f"{relative}{entry.name}"
            if entry.name.endswith(YAML_SUFFIXES):
                yield name, path
            elif entry.is_dir():
                yield from walk(path, f"{name}/", False)

    yield from walk(root, "", True)
