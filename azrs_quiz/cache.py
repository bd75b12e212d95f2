"""A cache of validated question banks, so that a quiz starts at once on content it has seen.

The first run on some content loads and validates it and builds the bank as always,
then stores a :class:`~azrs_quiz.snapshot.BankSnapshot` in the user's cache folder.
Later runs read it back instead, without yaml, pydantic or the engine, when its key
still matches. The key is a hash of:

- every file the loader could read under the content path, by relative path and bytes
  (a superset: pack files, and the stray YAML a folder of packs is checked for);
- the package version and its code (each module's path, size and modification time),
  so a changed engine, even uncommitted in a source checkout, never serves an old bank;
- the snapshot format.

A snapshot is only ever written after the content validated without a problem, and
the key covers every byte validation read, so a hit never stands in for content that
validation would reject. A snapshot that cannot be read, is stale, or was written by
another version is ignored and written again; one that cannot be written is skipped.
The file is written atomically (a temporary file renamed into place), one per content
folder, so the cache does not grow as content changes; past :data:`MAX_SNAPSHOTS`
folders (or :data:`MAX_SNAPSHOT_BYTES`), the least recently used snapshots go.

On a miss, each file is read once: the bytes hashed for the key are the bytes loaded.
Files whose bytes are unchanged are not parsed again but taken from the parsed files
kept in ``files/`` (:mod:`azrs_quiz.filecache`); validation, the checks across files
and the bank still run on the whole content.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from azrs_quiz._version import __version__
from azrs_quiz.gcpause import garbage_collection_paused
from azrs_quiz.recency import mark_used, prune_least_recent
from azrs_quiz.snapshot import BankSnapshot

if TYPE_CHECKING:
    from azrs_quiz.facts.content import Content

#: Where to keep the cache instead of the user's cache folder.
CACHE_DIR_ENV = "AZRS_QUIZ_CACHE_DIR"
#: Set (to anything but "", "0", "false" or "no") to turn the cache off.
NO_CACHE_ENV = "AZRS_QUIZ_NO_CACHE"

#: At most this many bank snapshots are kept (one per content folder), the least recently used going first...
MAX_SNAPSHOTS = 32
#: ...taking at most this many bytes (a 10,000-fact pack's snapshot takes about 6 MB).
MAX_SNAPSHOT_BYTES = 256 * 2**20

#: Bumped whenever the layout of a stored snapshot changes.
_FORMAT = "azrs-quiz bank snapshot 4"


def cache_disabled_by_environment() -> bool:
    """Whether ``AZRS_QUIZ_NO_CACHE`` turns the cache off."""
    return os.environ.get(NO_CACHE_ENV, "").strip().lower() not in ("", "0", "false", "no")


def cache_dir() -> Path:
    """The folder snapshots are kept in: ``AZRS_QUIZ_CACHE_DIR``, else the user's cache folder."""
    from_env = os.environ.get(CACHE_DIR_ENV, "")
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("azrs-quiz", appauthor=False))


def bank_snapshot(content_path: Path | None = None, *, use_cache: bool = True) -> BankSnapshot:
    """The bank of the content at ``content_path`` (the bundled content by default), cached.

    Loads and validates the content as :func:`~azrs_quiz.facts.loader.load_content`
    does (raising the same errors) whenever no valid snapshot of it is stored, or when
    ``use_cache`` is false or ``AZRS_QUIZ_NO_CACHE`` is set.
    """
    from azrs_quiz.facts.bundled import bundled_content_path

    root = bundled_content_path() if content_path is None else Path(content_path)
    if not use_cache or cache_disabled_by_environment():
        return _build(root)
    scan = _scan(root)
    if scan is None:  # something the loader must report (or a file that cannot be hashed safely)
        return _build(root)
    file = snapshot_file(root)
    cached = read_snapshot(file, scan.key)
    if cached is not None:
        return cached
    snapshot = _build(root, scan)
    write_snapshot(file, scan.key, snapshot)
    return snapshot


def snapshot_file(root: Path) -> Path:
    """The cache file for the content at ``root`` (one per folder, whatever its content)."""
    where = os.path.abspath(root).encode("utf-8", "surrogateescape")
    return cache_dir() / f"bank-{hashlib.blake2b(where, digest_size=12).hexdigest()}.json"


def content_key(root: Path) -> str | None:
    """The cache key of the content at ``root``; ``None`` when it cannot be computed.

    ``None`` (no caching this run) when the path is missing, a folder cannot be listed,
    or a YAML name is not a regular file within the size cap: the loader then reports it.
    """
    scan = _scan(root)
    return None if scan is None else scan.key


class _Scan(NamedTuple):
    """The content's cache key, the bytes it was computed from, and the code it holds for."""

    key: str
    #: Each file's bytes, by ``os.fspath`` of its path as the loader names it.
    contents: dict[str, bytes]
    code: str


def _scan(root: Path) -> _Scan | None:
    """Read every file the loader may read and hash it into the key (see :func:`content_key`)."""
    from azrs_quiz.files import UnreadableFile, read_regular_file, size_limit, yaml_files_under

    code = _code_fingerprint()
    digest = hashlib.blake2b(digest_size=20)
    # The size cap is a rule of validation too: a file allowed under one cap is refused under another.
    for part in (_FORMAT, __version__, code, str(size_limit())):
        digest.update(part.encode("utf-8") + b"\0")
    contents: dict[str, bytes] = {}
    try:
        if not root.is_dir():
            return None
        for relative, path in yaml_files_under(root):
            digest.update(relative.encode("utf-8", "surrogateescape") + b"\0")
            data = read_regular_file(path)  # a FIFO, a folder or a huge file: the loader reports it
            digest.update(len(data).to_bytes(8, "big"))
            digest.update(data)
            contents[os.fspath(path)] = data
    except (OSError, RecursionError, UnreadableFile):
        return None
    return _Scan(digest.hexdigest(), contents, code)


def read_snapshot(file: Path, key: str) -> BankSnapshot | None:
    """The snapshot stored in ``file`` under ``key``; ``None`` when it is missing, stale or unreadable."""
    try:
        with open(file, "rb") as stream:
            if stream.readline().rstrip(b"\n") != key.encode("ascii"):
                return None
            body = stream.read()
        with garbage_collection_paused():
            snapshot = BankSnapshot.from_bytes(body)
    except Exception:  # a cache that cannot be read is rebuilt: it must never stop a quiz
        return None
    mark_used(file)
    return snapshot


def write_snapshot(file: Path, key: str, snapshot: BankSnapshot) -> None:
    """Store ``snapshot`` under ``key`` in ``file`` atomically; give up quietly if it cannot be."""
    from azrs_quiz.atomic import write_atomically
    from azrs_quiz.errors import AzrsQuizError

    try:
        with garbage_collection_paused():  # every pass would rescan the content and the bank
            body = snapshot.to_checked_bytes()
    except ValueError:  # what was stored would not come back equal: better no cache than a wrong one
        return
    stored = key.encode("ascii") + b"\n" + body
    try:
        write_atomically(file, lambda temporary: temporary.write_bytes(stored), force=True)
    except (AzrsQuizError, OSError):
        return
    # One snapshot per content folder: without a bound, every folder ever quizzed on would stay.
    prune_least_recent(
        file.parent,
        prefix="bank-",
        suffix=".json",
        max_files=MAX_SNAPSHOTS,
        max_bytes=MAX_SNAPSHOT_BYTES,
        keep={file.name},
    )


def parsed_files_dir() -> Path:
    """The folder parsed content files are kept in (see :mod:`azrs_quiz.filecache`)."""
    return cache_dir() / "files"


def _build(root: Path, scan: _Scan | None = None) -> BankSnapshot:
    """Load, validate and build the bank; with a ``scan``, from its bytes, unchanged files unparsed."""
    if scan is None:
        from azrs_quiz.facts.prefetch import load_content_parsed_ahead

        content: Content = load_content_parsed_ahead(root)
    else:
        from azrs_quiz.facts.loader import load_content_reading
        from azrs_quiz.filecache import ParsedFiles

        files = ParsedFiles(parsed_files_dir(), scan.contents, f"{__version__}\0{scan.code}")
        try:
            content = load_content_reading(root, files)
        finally:
            files.prune()
    from azrs_quiz.questions.bank import question_bank  # after the load: see load_content_parsed_ahead

    return BankSnapshot.of(content, question_bank(content))


def _code_fingerprint() -> str:
    """Each module of the package by path, size and modification time: cheap, and it changes with the code."""
    package = Path(__file__).parent
    parts: list[str] = []
    for folder, folders, files in os.walk(package):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                info = os.stat(os.path.join(folder, name))
                parts.append(
                    f"{os.path.relpath(os.path.join(folder, name), package)}:{info.st_size}:{info.st_mtime_ns}"
                )
    return ";".join(parts)
