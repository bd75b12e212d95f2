"""When each note last changed: the modification times that make updates reach users.

Anki updates a note on import only when the incoming note's modification time is
later than the one in the collection. A build that stamps notes with the clock is
not reproducible; a build that stamps them with a constant never updates anyone.
So the times are *recorded*, not computed: ``history.json`` (committed beside this
module) maps every note's stable key to the fingerprint of its content and the
time that content was first published::

    "mc:embassy-opened:when": ["3f2a9c0d5e4b1a27", 1795000000]

A build reads the history and gives each note its recorded time while its
fingerprint still matches, so the same content always builds the same bytes.
When a maintainer changes the content, ``azrs-quiz export anki --record-history``
gives every new or changed note the current time (or ``SOURCE_DATE_EPOCH``), never
earlier than one second after its previous time, and the updated history is
committed with the rebuilt deck. Times only ever grow, so every published edit
arrives as an update; untouched notes keep their time and import as unchanged.

A note whose fingerprint is not recorded (content edited but not yet recorded, or
another pack) gets :meth:`NoteHistory.fallback_stamp`: the latest of one second after
the newest recorded time, ``SOURCE_DATE_EPOCH``, and the time the content files were
last modified. So each unrecorded edit, saved later than the one before, still
arrives as an update. Note types are recorded the same way under
``notetype:<id>``, so a polished template or CSS reaches users too.

The history also keeps what must outlive the content: the key of every note ever
recorded (a note the content no longer makes is shipped as a retired note, see
:mod:`azrs_quiz.anki.notes`), and ``card:<note key>:reverse`` for every reverse card
ever recorded (one that is no longer fair says so instead of turning blank).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from pathlib import Path

from azrs_quiz.anki.errors import HistoryError, HistoryMissing

#: The history of the bundled content, shipped inside the package.
BUNDLED_HISTORY_NAME = "history.json"

#: The earliest time any note is stamped with: 2026-01-01T00:00:00Z.
EPOCH_FLOOR = 1_767_225_600

_FORMAT = 1


def bundled_history_path() -> Path:
    """Where the history of the bundled content lives (beside this module)."""
    return Path(str(resources.files("azrs_quiz.anki"))) / BUNDLED_HISTORY_NAME


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` as an integer, or ``None`` when unset or empty."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise HistoryError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not '{value}'") from None


class NoteHistory:
    """Recorded fingerprints and modification times, keyed by note (or note type) key."""

    def __init__(self, entries: Mapping[str, tuple[str, int]] | None = None, packs: Iterable[str] = ()) -> None:
        self._entries: dict[str, tuple[str, int]] = dict(entries or {})
        #: The ids of the packs whose notes this history records (empty in histories written before).
        self.packs: tuple[str, ...] = tuple(sorted(set(packs)))

    def covers(self, pack_ids: Iterable[str]) -> bool:
        """Whether this history is the one of these packs (a history that names no packs covers any)."""
        return not self.packs or set(pack_ids) <= set(self.packs)

    def add_packs(self, pack_ids: Iterable[str]) -> None:
        """Name these packs among those the history records."""
        self.packs = tuple(sorted({*self.packs, *pack_ids}))

    @classmethod
    def load(cls, path: Path, *, missing_ok: bool = False) -> NoteHistory:
        """Read a history file; a missing file is an empty history only when ``missing_ok``."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            if missing_ok:
                return cls()
            raise HistoryMissing(Path(path)) from None
        except OSError as error:
            raise HistoryError(f"cannot read history file '{path}': {error.strerror}") from error
        return cls.parse(text, path)

    @classmethod
    def parse(cls, text: str, path: Path | str = "<history>") -> NoteHistory:
        """Parse the JSON form written by :meth:`dumps`."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise HistoryError(f"history file '{path}' is not valid JSON: {error}") from error
        notes = data.get("notes") if isinstance(data, dict) else None
        if not isinstance(data, dict) or data.get("format") != _FORMAT or not isinstance(notes, dict):
            raise HistoryError(f"history file '{path}' is not a format {_FORMAT} azrs_quiz note history")
        entries: dict[str, tuple[str, int]] = {}
        for key, entry in notes.items():
            valid = (
                isinstance(entry, list)
                and len(entry) == 2
                and isinstance(entry[0], str)
                and isinstance(entry[1], int)
                and not isinstance(entry[1], bool)
            )
            if not valid:
                raise HistoryError(f"history file '{path}': entry '{key}' must be [fingerprint, seconds]")
            entries[key] = (entry[0], entry[1])
        packs = data.get("packs", [])
        if not isinstance(packs, list) or not all(isinstance(pack, str) for pack in packs):
            raise HistoryError(f"history file '{path}': 'packs' must be a list of pack ids")
        return cls(entries, packs)

    def dumps(self) -> str:
        """The history as JSON, one entry per line in key order, for readable diffs."""
        lines = [
            f"  {json.dumps(key, ensure_ascii=False)}: {json.dumps([fingerprint, stamp])}"
            for key, (fingerprint, stamp) in sorted(self._entries.items())
        ]
        body = ",\n".join(lines)
        packs = f' "packs": {json.dumps(list(self.packs))},\n' if self.packs else ""
        return (
            '{\n "format": 1,\n'
            ' "about": "When each Anki note last changed. Written by azrs-quiz export anki --record-history.",\n'
            f'{packs} "notes": {{\n{body}\n }}\n}}\n'
        )

    def __contains__(self, key: object) -> bool:
        """Whether the history has an entry for ``key`` (whatever its fingerprint)."""
        return key in self._entries

    def recorded(self, key: str, fingerprint: str) -> int | None:
        """The recorded time of this key, if its recorded fingerprint is this one."""
        entry = self._entries.get(key)
        if entry is None or entry[0] != fingerprint:
            return None
        return entry[1]

    def newest(self) -> int | None:
        """The latest recorded time, or ``None`` for an empty history."""
        return max((stamp for _, stamp in self._entries.values()), default=None)

    def keys(self) -> Iterator[str]:
        """Every recorded key, notes, note types and cards alike."""
        return iter(self._entries)

    def fallback_stamp(self, edited_at: int | None = None) -> int:
        """The time for a note whose content is not recorded: later than anything recorded.

        ``edited_at`` is when the content was last modified (see :func:`newest_mtime`);
        ``SOURCE_DATE_EPOCH`` counts too, so a later unrecorded build stamps later.
        """
        newest = self.newest()
        floor = EPOCH_FLOOR if newest is None else newest + 1
        return max(floor, source_date_epoch() or 0, edited_at or 0)

    def record(self, items: Iterable[tuple[str, str]], now: int) -> list[str]:
        """Record each ``(key, fingerprint)`` that is new or changed at ``now``; return their keys.

        A changed key's new time is at least one second after its previous one, so
        times grow even if the clock is behind.
        """
        changed = []
        for key, fingerprint in items:
            entry = self._entries.get(key)
            if entry is not None and entry[0] == fingerprint:
                continue
            stamp = max(now, EPOCH_FLOOR) if entry is None else max(now, entry[1] + 1)
            self._entries[key] = (fingerprint, stamp)
            changed.append(key)
        return changed


def newest_mtime(folder: Path) -> int | None:
    """The latest modification time (whole seconds, rounded up) of the files under ``folder``."""
    newest = 0
    for path in Path(folder).rglob("*"):
        try:
            if path.is_file():
                newest = max(newest, path.stat().st_mtime_ns)
        except OSError:
            continue
    return -(-newest // 1_000_000_000) if newest else None
