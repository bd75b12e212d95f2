"""Parsing a pack's files in forked children while this process does other work.

Before the loader runs, a command that reads a big pack (``export anki``, ``validate``)
spends about as long importing it (pydantic, the models) as parsing the YAML. Started
first, :func:`content_parsed_ahead` lists the content's YAML files and parses them in
child processes, one per core, each taking the next file as soon as it is free, the
biggest first (:mod:`azrs_quiz.parts`), while this one imports (and then takes any file
still waiting); the loader then takes each file from them through
:func:`~azrs_quiz.facts.loader.load_content_reading`. :func:`load_content_parsed_ahead`
does both, for a caller that has not imported the loader yet.

Only a file that parsed with no problem comes from a child, as its text and its
data in :mod:`marshal`'s format, which gives them back exactly (shared and nested
objects included) four times faster than pickle. Any other file (unreadable, invalid, with a
duplicate key), any file the children did not list, and every file where nothing may
be forked is read here as the loader reads it, so every message is the loader's own.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from azrs_quiz.facts.bundled import bundled_content_path
from azrs_quiz.files import yaml_files_under
from azrs_quiz.gcpause import garbage_collection_paused
from azrs_quiz.parts import Parts, parts_started

if TYPE_CHECKING:
    from azrs_quiz.errors import ContentProblem
    from azrs_quiz.facts.content import Content
    from azrs_quiz.facts.loader import FileReader
    from azrs_quiz.facts.yamlfile import YamlDocument

#: A file's text and data marshalled, or ``None`` when the loader must read it itself.
_Parsed = bytes | None


@contextmanager
def content_parsed_ahead(path: str | Path | None = None) -> Iterator[FileReader]:
    """Start parsing the content at ``path`` (the bundled packs for ``None``); give a reader for the loader.

    Pass the reader to :func:`~azrs_quiz.facts.loader.load_content_reading` inside the
    block: it gives exactly what :func:`~azrs_quiz.facts.yamlfile.read_yaml` would. A
    child still parsing when the block ends is stopped.
    """
    root = bundled_content_path() if path is None else Path(path)
    try:
        # The biggest files first: taken first, they leave the small ones to even out the end.
        files = sorted((os.fspath(file) for _, file in yaml_files_under(root)), key=_size, reverse=True)
    except (OSError, RecursionError):  # the loader reports what is wrong with the path
        files = []
    # Imported once, here, before the fork: each child would import it again (PyYAML alone takes
    # 30 ms, most of it compiling one regular expression), and this process needs it anyway.
    import azrs_quiz.facts.yamlfile  # noqa: F401

    with parts_started(_parse, files, min_part=1, here=False) as parts:
        yield _ParsedAhead(parts)


def _size(file: str) -> int:
    try:
        return os.stat(file).st_size
    except OSError:  # read (and reported) by the loader
        return 0


def load_content_parsed_ahead(path: str | Path | None = None) -> Content:
    """:func:`~azrs_quiz.facts.loader.load_content`, its files parsed while the loader and pydantic are imported."""
    with content_parsed_ahead(path) as read:
        from azrs_quiz.facts.loader import load_content_reading

        return load_content_reading(path, read)


class _ParsedAhead:
    """The loader's file reader, taking each file the children parsed from it."""

    def __init__(self, parts: Parts[str, _Parsed]) -> None:
        self._parts = parts
        self._parsed: dict[str, _Parsed] | None = None

    def __call__(self, path: Path) -> tuple[YamlDocument | None, list[ContentProblem]]:
        from azrs_quiz.facts.yamlfile import YamlDocument, read_yaml

        if self._parsed is None:  # the first file asked for waits for the children
            self._parsed = dict(zip(self._parts.items, self._parts.results(), strict=True))
        parsed = self._parsed.pop(os.fspath(path), None)
        if parsed is None:
            return read_yaml(path)
        text, data = marshal.loads(parsed)  # our own children's, through our own pipes
        return YamlDocument(path, text, data), []


def _parse(files: Sequence[str]) -> list[_Parsed]:
    """Each file's text and data, marshalled, where it parsed with no problem."""
    from azrs_quiz.facts.yamlfile import read_yaml

    results: list[_Parsed] = []
    with garbage_collection_paused():
        for file in files:
            document, problems = read_yaml(Path(file))
            results.append(_marshalled(document.text, document.data) if document is not None and not problems else None)
    return results


def _marshalled(text: str, data: Any) -> bytes | None:
    try:
        return marshal.dumps((text, data))
    except ValueError:  # a type marshal does not know (none that YAML makes, today)
        return None
