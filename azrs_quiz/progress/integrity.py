"""Whether opening a progress file needs the whole-file damage check, or it passed it as it is.

``PRAGMA quick_check`` and the value check read every page of the file (about 20 ms
at 20,000 answers), and every command opens the store. A file that passed them and
has not changed since cannot have failed them since, so the check is skipped when
the file is exactly as it was then: the same device, inode, size, modification time
and change time (which only the kernel sets: copying, restoring or editing a file
always moves it), with no write-ahead log waiting to be folded in. Damage found
while reading is still reported as damage: SQLite refuses a damaged page, and a
value that does not read back is named, whenever a command meets it.

What passed is remembered in the user's cache folder, one small file per progress
database, never beside the database: reading progress creates nothing in the data
folder. When the cache is off (``AZRS_QUIZ_NO_CACHE``) or cannot be written, every
open checks the whole file, as it always did.

A file changed in the last :data:`SETTLED_SECONDS` is not remembered: file times
tick coarsely (a few milliseconds on some systems), so a change made in the same
tick as the check would look like no change at all (git's "racily clean" entries).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

#: Bumped whenever the checks change, so that a file passed by older checks is checked again.
_FORMAT = "azrs-quiz progress check 1"
#: How long a file must have been left alone before a passed check is remembered.
SETTLED_SECONDS = 2.0


def file_state(path: Path) -> str | None:
    """What identifies the file at ``path`` as it is now; None when it must be checked whatever was remembered.

    None when the file cannot be examined, or when a write-ahead log holds answers not
    yet folded into it (the log is part of the database, and changes without the file).
    """
    try:
        status = os.stat(path)
    except OSError:
        return None
    try:
        if os.stat(f"{path}-wal").st_size:
            return None
    except FileNotFoundError:
        pass
    except OSError:
        return None
    changed = max(status.st_mtime_ns, status.st_ctime_ns)
    if time.time_ns() - changed < SETTLED_SECONDS * 1e9:
        return None
    return f"{status.st_dev} {status.st_ino} {status.st_size} {status.st_mtime_ns} {status.st_ctime_ns}"


def passed_before(path: Path, state: str) -> bool:
    """Whether the file at ``path`` passed the check when it was in ``state``."""
    record = _record_file(path)
    if record is None:
        return False
    try:
        with open(record, encoding="utf-8") as stream:
            return stream.read(1000) == _contents(path, state)
    except (OSError, UnicodeDecodeError):
        return False


def remember_passed(path: Path, state: str) -> None:
    """Remember that the file at ``path`` passed the check in ``state`` (best effort: a cache)."""
    record = _record_file(path)
    if record is None:
        return
    from azrs_quiz.atomic import write_text_atomically
    from azrs_quiz.errors import AzrsQuizError

    try:
        write_text_atomically(record, _contents(path, state), force=True)
    except (AzrsQuizError, OSError):
        pass  # not remembered: the next open checks the file whole again


def _contents(path: Path, state: str) -> str:
    return f"{_FORMAT}\n{os.path.abspath(path)}\n{state}\n"


def _record_file(path: Path) -> Path | None:
    """Where the check of the database at ``path`` is remembered; None when the cache is off."""
    from azrs_quiz.cache import cache_dir, cache_disabled_by_environment

    if cache_disabled_by_environment():
        return None
    import hashlib

    where = os.path.abspath(path).encode("utf-8", "surrogateescape")
    return cache_dir() / f"progress-checked-{hashlib.blake2b(where, digest_size=12).hexdigest()}.txt"
