"""Writing output files so that an interrupted write never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from azrs_quiz.errors import OutputExists


def write_atomically(path: Path, write: Callable[[Path], object], *, force: bool = False) -> None:
    """Call ``write`` with a temporary path beside ``path``, then rename it into place.

    Refuses to replace an existing ``path`` unless ``force``. The temporary file is
    removed if ``write`` fails, and the rename is atomic on the same file system.
    """
    path = Path(path)
    if path.exists() and not force:
        raise OutputExists(path, is_folder=path.is_dir())
    if path.is_dir():
        raise OutputExists(path, is_folder=True)
    directory = path.parent if str(path.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    handle, temporary_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    os.close(handle)
    temporary = Path(temporary_name)
    try:
        write(temporary)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_text_atomically(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically (see :func:`write_atomically`)."""
    write_atomically(path, lambda temporary: temporary.write_text(text, encoding="utf-8", newline=""), force=force)
