"""Parsed content files, kept by the hash of their bytes: editing one file of a big pack parses only that file.

The bank snapshot (:mod:`azrs_quiz.cache`) is keyed by every byte of the content, so
one edited fact misses it. The content is then loaded as always, but each file that
did not change is taken from here instead of parsed again (parsing YAML is most of the
loading: about 1.1 s of a 10,000-fact pack, against 0.07 s to read it back from JSON):

- An entry is the data :func:`~azrs_quiz.facts.yamlfile.parse_yaml` built from a file,
  stored as JSON and named by a hash of the file's bytes, the entry format, the package
  version and code, and the PyYAML version and parser. The loader is handed the same
  document a parse would give, text included, so a problem found later has its line.
- Only a file that parsed without a problem is stored, and only data that JSON gives
  back exactly: mappings with text keys, lists, text, whole and finite numbers,
  true/false and null, nothing shared (a YAML alias). Anything else is parsed every time.
- Nothing validated is stored. Validation, the checks across files (ids, references,
  prompts) and the bank run on the data every time, so an entry, whatever it holds,
  can never let through what validation would reject.
- An entry whose name, hash or body does not match is ignored and written again.
  Entries are written atomically; the least recently used go when there are more than
  :data:`MAX_ENTRIES` or they take more than :data:`MAX_BYTES`.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from azrs_quiz.recency import mark_used, prune_least_recent

if TYPE_CHECKING:
    from azrs_quiz.errors import ContentProblem
    from azrs_quiz.facts.yamlfile import YamlDocument

#: Bumped whenever the layout of an entry changes.
_FORMAT = "azrs-quiz parsed file 1"
#: At most this many entries are kept...
MAX_ENTRIES = 1024
#: ...taking at most this many bytes (a 10,000-fact pack's files take about 3 MB).
MAX_BYTES = 256 * 2**20

_MISSING = object()


class ParsedFiles:
    """Reads content files for :func:`~azrs_quiz.facts.loader.load_content_reading`, parsing only new bytes.

    ``contents`` holds the bytes already read of each file (by ``os.fspath`` of its
    path, as the loader names it), so each file is read once: the bytes hashed for the
    cache keys are the bytes parsed. A file not among them is read as the loader reads it.
    ``salt`` is what else an entry depends on (the package version and code).
    """

    def __init__(self, folder: Path, contents: Mapping[str, bytes], salt: str) -> None:
        self.folder = folder
        self.contents = contents
        self.salt = salt
        self._used: set[str] = set()
        self._wrote = False
        self._prefix: bytes | None = None

    def __call__(self, path: Path) -> tuple[YamlDocument | None, list[ContentProblem]]:
        """The document and problems :func:`~azrs_quiz.facts.yamlfile.read_yaml` gives for ``path``."""
        from azrs_quiz.facts import yamlfile

        raw = self.contents.get(os.fspath(path))
        if raw is None:
            return yamlfile.read_yaml(path)
        name = self._name(raw)
        self._used.add(name)
        data = self._stored(name)
        if data is not _MISSING:
            try:
                text = raw.decode("utf-8")  # it decoded when it was parsed
            except UnicodeDecodeError:  # not an entry this module wrote: parse the file
                data = _MISSING
            else:  # the BOM is dropped as read_yaml drops it
                return yamlfile.YamlDocument(path, text.removeprefix("\ufeff"), data), []
        document, problems = yamlfile.parse_yaml(path, raw)
        if document is not None and not problems and is_plain(document.data):
            self._store(name, document.data)
        return document, problems

    def prune(self) -> None:
        """Remove the least recently used entries beyond the limits, never one this load used."""
        if self._wrote:
            keep = {f"{name}.json" for name in self._used}
            prune_least_recent(self.folder, suffix=".json", max_files=MAX_ENTRIES, max_bytes=MAX_BYTES, keep=keep)

    def _name(self, raw: bytes) -> str:
        if self._prefix is None:
            import yaml

            from azrs_quiz.facts.yamlfile import USING_LIBYAML

            parts = (_FORMAT, self.salt, yaml.__version__, str(USING_LIBYAML))
            self._prefix = b"".join(part.encode("utf-8", "surrogateescape") + b"\0" for part in parts)
        digest = hashlib.blake2b(self._prefix, digest_size=20)
        digest.update(raw)
        return digest.hexdigest()

    def _stored(self, name: str) -> Any:
        file = self.folder / f"{name}.json"
        try:
            with open(file, "rb") as stream:
                head = stream.readline()
                body = stream.read()
            stored_name, _, checksum = head.rstrip(b"\n").partition(b" ")
            if stored_name != name.encode("ascii") or checksum != _checksum(body).encode("ascii"):
                return _MISSING
            data = json.loads(body)
        except Exception:  # an entry that cannot be read is parsed again: it must never stop a quiz
            return _MISSING
        mark_used(file)
        return data

    def _store(self, name: str, data: Any) -> None:
        from azrs_quiz.atomic import write_atomically
        from azrs_quiz.errors import AzrsQuizError

        try:
            body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except (ValueError, UnicodeEncodeError):  # a lone surrogate, say: parse it every time
            return
        blob = f"{name} {_checksum(body)}\n".encode("ascii") + body
        try:
            write_atomically(self.folder / f"{name}.json", lambda temporary: temporary.write_bytes(blob), force=True)
        except (AzrsQuizError, OSError):
            return
        self._wrote = True


def is_plain(data: Any) -> bool:
    """Whether JSON gives ``data`` back exactly: text-keyed mappings, lists, text, whole and finite numbers,
    true/false and null, with no object reached twice (a YAML alias shares one, or makes a loop)."""
    seen: set[int] = set()
    stack = [data]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind in (str, int, bool) or value is None:
            continue
        if kind is float:
            if not math.isfinite(value):
                return False
            continue
        if kind is not dict and kind is not list:
            return False
        if id(value) in seen:
            return False
        seen.add(id(value))
        if kind is dict:
            if any(type(key) is not str for key in value):
                return False
            stack.extend(value.values())
        else:
            stack.extend(value)
    return True


def _checksum(body: bytes) -> str:
    return hashlib.blake2b(body, digest_size=16).hexdigest()
