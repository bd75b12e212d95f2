"""Bounding a cache folder: files marked when used, the least recently used removed past a limit.

Both caches keep one file per thing cached (:mod:`azrs_quiz.cache` a bank per content
folder, :mod:`azrs_quiz.filecache` a parsed file per content file) and neither may
grow without end. A file's modification time is its last use: :func:`mark_used` sets
it on every hit, and :func:`prune_least_recent` removes the oldest first. Everything
here fails quietly: a cache that cannot be tidied still serves.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path


def mark_used(file: Path) -> None:
    """Record that ``file`` was just used, so it is pruned last (a read-only cache is left as it is)."""
    try:
        os.utime(file)
    except OSError:
        pass


def prune_least_recent(
    folder: Path,
    *,
    prefix: str = "",
    suffix: str,
    max_files: int,
    max_bytes: int,
    keep: Collection[str] = (),
) -> None:
    """Remove the least recently used files named ``prefix…suffix`` in ``folder`` until at most
    ``max_files`` of them remain, taking at most ``max_bytes``; never one named in ``keep``."""
    try:
        files = []
        for entry in os.scandir(folder):
            if entry.name.startswith(prefix) and entry.name.endswith(suffix) and entry.is_file(follow_symlinks=False):
                info = entry.stat(follow_symlinks=False)
                files.append((info.st_mtime_ns, entry.name, info.st_size))
    except OSError:
        return
    files.sort()
    count, size = len(files), sum(file_size for _, _, file_size in files)
    for _, name, file_size in files:
        if count <= max_files and size <= max_bytes:
            return
        if name in keep:
            continue
        try:
            os.unlink(folder / name)
        except OSError:
            continue
        count, size = count - 1, size - file_size
