"""Loading content packs from disk into a validated :class:`~azrs_quiz.facts.content.Content`.

A pack is a folder holding ``pack.yaml`` (its metadata) and any number of other
YAML files, each a mapping of sections (``events:``, ``people:``...) to lists of
records. Every problem in every file is collected before anything is raised, so an
author sees them all in one run.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from azrs_quiz.arguments import path_like
from azrs_quiz.errors import ContentError, ContentNotFound, ContentProblem
from azrs_quiz.facts.bundled import bundled_content_path as bundled_content_path
from azrs_quiz.facts.content import Content, RecordOrigin
from azrs_quiz.facts.messages import plain_error, unknown_key_message
from azrs_quiz.facts.models import (
    SECTIONS,
    PackMeta,
    Place,
    Source,
)
from azrs_quiz.facts.yamlfile import YamlDocument, key_label, kind_of, read_yaml
from azrs_quiz.files import YAML_SUFFIXES
from azrs_quiz.gcpause import garbage_collection_paused
from azrs_quiz.text import plural, shorten

PACK_FILE = "pack.yaml"
#: A pack's review of its questions (see tests/engine): read by the tests, never as content.
REVIEW_FILE = "review.yaml"


def find_packs(path: Path) -> list[Path]:
    """The pack folders at ``path``: the folder itself if it is a pack, else its pack subfolders."""
    try:
        if not path.exists():
            raise ContentNotFound(f"content path '{path}' does not exist")
        if not path.is_dir():
            raise ContentNotFound(f"content path '{path}' is not a folder (a pack is a folder with {PACK_FILE})")
        if (path / PACK_FILE).exists():
            return [path]
        return sorted(child for child in path.iterdir() if (child / PACK_FILE).exists())
    except OSError as error:
        raise ContentError(
            [ContentProblem(path, None, "folder", f"cannot be read: {error.strerror or error}")]
        ) from error


def load_content(path: str | Path | None = None) -> Content:
    """Load and validate content: the bundled packs, or the pack (or folder of packs) at ``path``.

    Raises :class:`~azrs_quiz.errors.ContentError` listing every problem found, and
    :class:`~azrs_quiz.errors.ContentNotFound` when ``path`` does not exist.
    """
    with garbage_collection_paused():
        return _build(path).finish()


#: Reads one content file: its parsed document (``None`` when it cannot be read) and its problems.
FileReader = Callable[[Path], tuple[YamlDocument | None, list[ContentProblem]]]


def load_content_reading(path: str | Path | None, read: FileReader) -> Content:
    """:func:`load_content`, with each file read by ``read`` instead of :func:`read_yaml`.

    For a cache of parsed files (:mod:`azrs_quiz.cache`): ``read`` must give exactly what
    ``read_yaml`` would; everything else, validation and the checks across files
    included, runs as in :func:`load_content`.
    """
    with garbage_collection_paused():
        return _build(path, read).finish()


def _build(path: str | Path | None, read: FileReader | None = None) -> _ContentBuilder:
    """Every pack at ``path`` (the bundled ones for ``None``) read into a builder, not yet cross-checked."""
    if path is not None:
        path_like(path, "path")
    root = bundled_content_path() if path is None else Path(path)
    pack_dirs = find_packs(root)
    if not pack_dirs:
        raise ContentError([ContentProblem(root, None, "pack", f"no content pack here (no {PACK_FILE})")])
    builder = _ContentBuilder(read)
    if pack_dirs != [root]:
        builder.problems.extend(_left_out(root))
    for pack_dir in pack_dirs:
        builder.add_pack(pack_dir)
    return builder


#: The sections a reference of each kind may point into.
_SECTIONS_OF_KIND: dict[str, tuple[str, ...]] = {
    "source": ("sources",),
    "person": ("people",),
    "place": ("places",),
    "organisation": ("organisations",),
    "place or organisation": ("places", "organisations"),
    "country": ("places",),
}


#: The fields of each section that hold ids of other records, and the kind of record each names.
_REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "sources": (),
    "places": (("country", "country"),),
    "organisations": (("country", "country"),),
    "people": (("sources", "source"), ("country", "country")),
    "events": (
        ("sources", "source"),
        ("people", "person"),
        ("actor", "person"),
        ("place", "place"),
        ("organisations", "organisation"),
    ),
    "agreements": (("sources", "source"), ("people", "person"), ("parties", "place or organisation")),
    "figures": (("sources", "source"),),
    "doubts": (("sources", "source"),),
}


def _ids_in(value: object) -> list[str | None]:
    """The ids a reference field holds: one, a list of them, or none; anything else is a field error."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item if isinstance(item, str) else None for item in value]
    return []


def _references_not_checked(unreadable: Sequence[Path], count: int) -> ContentProblem:
    """Why unresolved references are not listed: their ids may be defined in a file that could not be read."""
    files = "a file above" if len(unreadable) == 1 else f"{len(unreadable)} files above"
    message = (
        f"{plural(count, 'reference')} could not be resolved, but {files} could not be read and may define"
        " them; fix it and run validate again"
    )
    return ContentProblem(unreadable[0], None, "references", message)


def _left_out(root: Path) -> list[ContentProblem]:
    """YAML in a folder of packs that no pack holds: it would silently not be read."""
    problems = []
    try:
        for child in sorted(root.iterdir()):
            if child.name.startswith(".") or (child / PACK_FILE).exists():
                continue
            if child.suffix in YAML_SUFFIXES and child.is_file():
                message = f"is not in a pack, so it is not read (a pack is a folder with {PACK_FILE})"
                problems.append(ContentProblem(child, 1, "file", message))
            elif child.is_dir() and not child.is_symlink() and _content_files(child):
                message = f"has YAML files but no {PACK_FILE}, so none of them is read"
                problems.append(ContentProblem(child, None, "pack", message))
    except OSError as error:
        problems.append(ContentProblem(root, None, "folder", f"cannot be read: {error.strerror or error}"))
    return problems


def _content_files(folder: Path) -> list[Path]:
    """The YAML files of a pack, subfolders included, in a stable order; hidden names are skipped.

    Walked with a list, not recursion, so a thousand nested folders cannot exhaust the stack;
    linked folders are not entered.
    """
    found: list[Path] = []
    folders = [folder]
    while folders:
        for child in folders.pop().iterdir():
            if child.name.startswith("."):
                continue
            if child.suffix in YAML_SUFFIXES and child.name not in (PACK_FILE, REVIEW_FILE):
                found.append(child)  # a folder named like a YAML file is reported when read
            elif child.is_dir() and not child.is_symlink() and not (child / PACK_FILE).exists():
                folders.append(child)
    return sorted(found)


def _links_outside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is a symbolic link leading out of ``folder`` (such links are not followed)."""
    try:
        return path.is_symlink() and not path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return True


class _Origin(NamedTuple):
    """Where a record (or a file, or a section) is: its document and its keys and indexes there."""

    document: YamlDocument
    location: tuple[str | int, ...]

    def problem(self, field: str, message: str, *, deeper: Sequence[str | int] = ()) -> ContentProblem:
        line = self.document.line_of((*self.location, *deeper))
        return ContentProblem(self.document.path, line, field, message)

    @property
    def label(self) -> str:
        """The record as its file lists it: ``events[2]``."""
        return f"{self.location[0]}[{self.location[-1]}]" if len(self.location) == 2 else str(self.location[0])

    def where(self, deeper: Sequence[str | int] = ()) -> str:
        return f"{self.document.path}:{self.document.line_of((*self.location, *deeper))}"


class _ContentBuilder:
    """Collects records pack by pack, then cross-checks ids and references."""

    def __init__(self, read: FileReader | None = None) -> None:
        #: How a file is read and parsed (``None``: :func:`read_yaml`).
        self.read = read
        self.problems: list[ContentProblem] = []
        self.packs: list[PackMeta] = []
        self.pack_origins: dict[str, _Origin] = {}
        self.records: dict[str, dict[str, BaseModel]] = {section: {} for section in SECTIONS}
        #: Where each id was first defined, valid record or not: the second is a duplicate.
        self.origins: dict[str, _Origin] = {}
        #: Which pack each record came from, so its own pack's credit can go with it.
        self.record_packs: dict[str, str] = {}
        self.current_pack: str | None = None
        #: Ids of records that failed validation, by section: already reported, so
        #: references to them are not reported again as unknown.
        self.failed: dict[str, str] = {}
        #: Records that failed validation, as written, with their section and origin.
        self.invalid: list[tuple[str, dict[Any, Any], _Origin]] = []
        #: Files that could not be parsed: whatever they define is unknown, so references are not checked.
        self.unreadable: list[Path] = []
        #: The sources of the current pack by reference number: a pack cites one article's list.
        self.reference_numbers: dict[int, tuple[str, _Origin]] = {}

    def add_pack(self, pack_dir: Path) -> None:
        self.current_pack = None
        self._read_meta(pack_dir / PACK_FILE)
        self.reference_numbers = {}
        try:
            files = _content_files(pack_dir)
        except OSError as error:
            self.problems.append(ContentProblem(pack_dir, None, "folder", f"cannot be read: {error.strerror or error}"))
            return
        records_before, problems_before = len(self.origins), len(self.problems)
        for file in files:
            if _links_outside(file, pack_dir):
                message = "is a symbolic link to a file outside the pack folder, so it is not read"
                self.problems.append(ContentProblem(file, None, "file", message))
                continue
            self._read_records(file)
        if len(self.origins) == records_before and len(self.problems) == problems_before:
            self.problems.append(
                ContentProblem(
                    pack_dir / PACK_FILE, 1, "pack", "the pack is empty: it has no records besides pack.yaml"
                )
            )

    def _read(self, path: Path) -> YamlDocument | None:
        """The parsed file, or None (its problems noted) when it cannot be read."""
        document, problems = read_yaml(path) if self.read is None else self.read(path)
        self.problems.extend(problems)
        if document is None:
            self.unreadable.append(path)
        return document

    def _read_meta(self, path: Path) -> None:
        document = self._read(path)
        if document is None:
            return
        origin = _Origin(document, ())
        if not isinstance(document.data, dict):
            fields = ", ".join(name for name, info in PackMeta.model_fields.items() if info.is_required())
            self.problems.append(origin.problem("pack", f"must be a mapping with at least {fields}"))
            return
        meta = self._validate(PackMeta, document.data, origin, "")
        if not isinstance(meta, PackMeta):
            return
        first = self.pack_origins.get(meta.id)
        if first is not None:
            message = f"duplicate pack id '{shorten(meta.id)}' (first defined at {first.where()})"
            self.problems.append(origin.problem("id", message, deeper=("id",)))
            return
        self.pack_origins[meta.id] = origin
        self.packs.append(meta)
        self.current_pack = meta.id

    def _read_records(self, path: Path) -> None:
        document = self._read(path)
        if document is None:
            return
        data = document.data
        top = _Origin(document, ())
        allowed = ", ".join(SECTIONS)
        if data is None:
            self.problems.append(top.problem("file", f"is empty; expected sections ({allowed})"))
            return
        if not isinstance(data, dict):
            got = kind_of(data)
            self.problems.append(top.problem("file", f"must be a mapping of sections ({allowed}), not {got}"))
            return
        for key, entries in data.items():
            section = str(key)
            model = SECTIONS.get(section)
            here = _Origin(document, (section,))
            if model is None:
                self.problems.append(here.problem(key_label(section), unknown_key_message(section, SECTIONS)))
                continue
            if not isinstance(entries, list):
                message = f"must be a list of records, each starting with '- ' (got {kind_of(entries)})"
                self.problems.append(here.problem(section, message))
                continue
            for index, entry in enumerate(entries):
                origin = _Origin(document, (section, index))
                label = f"{section}[{index}]"
                record = self._validate(model, entry, origin, label)
                if record is not None:
                    self._register(section, record, origin, label)

    def _validate(self, model: type[BaseModel], entry: Any, origin: _Origin, prefix: str) -> BaseModel | None:
        if not isinstance(entry, dict):
            message = f"must be a mapping of fields (got {kind_of(entry)})"
            self.problems.append(origin.problem(prefix or "record", message))
            return None
        try:
            # model_validate() without its checks of arguments not given (10,000 records and more).
            record: BaseModel = model.__pydantic_validator__.validate_python(entry)
            return record
        except ValidationError as error:
            if prefix:
                # Its fields that are right as written, for the reference check.
                wrong = {detail["loc"][0] for detail in error.errors() if detail["loc"]}
                fine = {key: value for key, value in entry.items() if key not in wrong}
                self.invalid.append((prefix.split("[")[0], fine, origin))
            if isinstance(entry.get("id"), str) and prefix:
                self.failed.setdefault(entry["id"], prefix.split("[")[0])
                self._claim_id(entry["id"], origin, prefix)  # a duplicate id is worth knowing now, too
            for detail in error.errors():
                field, message, location = plain_error(detail, model, entry, prefix)
                self.problems.append(origin.problem(field, message, deeper=location))
            if prefix and any(detail["type"] == "extra_forbidden" for detail in error.errors()):
                self._suggest_section(prefix.split("[")[0], entry, origin, prefix)
            return None

    def _suggest_section(self, section: str, entry: dict[Any, Any], origin: _Origin, label: str) -> None:
        """A record with keys its section does not know may simply sit under the wrong one."""
        keys = {str(key) for key in entry}
        fits = [other for other, model in SECTIONS.items() if other != section and keys <= set(model.model_fields)]
        if fits:
            message = f"its fields are those of {' or '.join(fits)}: is it under the wrong section ('{section}:')?"
            self.problems.append(origin.problem(label, message))

    def _claim_id(self, record_id: str, origin: _Origin, label: str) -> bool:
        """Take ``record_id`` for the record at ``origin``; a problem, and False, if it is taken."""
        first = self.origins.get(record_id)
        if first is not None:
            message = (
                f"duplicate id '{shorten(record_id)}' (first defined at {first.where()}); give each record its own id"
            )
            self.problems.append(origin.problem(f"{label}.id", message, deeper=("id",)))
            return False
        self.origins[record_id] = origin
        return True

    def _register(self, section: str, record: BaseModel, origin: _Origin, label: str) -> None:
        record_id: str = record.id  # type: ignore[attr-defined]
        if not self._claim_id(record_id, origin, label):
            return
        self.records[section][record_id] = record
        if self.current_pack is not None:
            self.record_packs[record_id] = self.current_pack
        if isinstance(record, Source) and record.number is not None:
            self._check_reference_number(record, origin, label)

    def _check_reference_number(self, source: Source, origin: _Origin, label: str) -> None:
        assert source.number is not None
        first = self.reference_numbers.get(source.number)
        if first is None:
            self.reference_numbers[source.number] = (source.id, origin)
            return
        first_id, first_origin = first
        message = f"reference number {source.number} is also given to '{first_id}' (at {first_origin.where()})"
        self.problems.append(origin.problem(f"{label}.number", message, deeper=("number",)))

    def finish(self) -> Content:
        before = len(self.problems)
        self._check_references()
        unresolved = len(self.problems) - before
        if unresolved and self.unreadable:
            # The ids may well be defined in a file that could not be read: say so, once.
            del self.problems[before:]
        self._check_prompts_are_unique()
        if self.problems:
            # File by file, top to bottom, the way an author fixes them.
            self.problems.sort(key=lambda problem: (str(problem.path), problem.line or 0))
            if unresolved and self.unreadable:
                self.problems.append(_references_not_checked(self.unreadable, unresolved))
            raise ContentError(self.problems)
        # Read-only views: the content, like its frozen records, cannot be changed by a caller.
        sections = {section: MappingProxyType(records) for section, records in self.records.items()}
        return Content(
            packs=tuple(self.packs),
            record_packs=MappingProxyType(self.record_packs),
            origins=_RecordOrigins(self.origins),
            **sections,  # type: ignore[arg-type]
        )

    def _check_prompts_are_unique(self) -> None:
        """Two facts asking the same question would make one of the answers wrong."""
        facts = ("events", "agreements", "figures", "people")
        # A valid record's prompts, as model_dump() would give them (every field is text or None).
        written: list[tuple[str, str, _Origin, object]] = [
            (section, record_id, self.origins[record_id], record.prompts.__dict__)  # type: ignore[attr-defined]
            for section in facts
            for record_id, record in self.records[section].items()
        ]
        written += [
            (section, str(entry.get("id", "")), origin, entry.get("prompts"))
            for section, entry, origin in self.invalid
            if section in facts
        ]
        asked: dict[str, tuple[str, _Origin, str]] = {}
        for section, record_id, origin, prompts in written:
            if not isinstance(prompts, dict):
                continue
            for angle, prompt in prompts.items():
                if not isinstance(prompt, str):
                    continue
                question = " ".join(prompt.casefold().split())
                first = asked.setdefault(question, (record_id, origin, angle))
                if first[1] is origin and first[2] == angle:
                    continue
                first_id, first_origin, first_angle = first
                where = first_origin.where(("prompts", first_angle))
                message = f"the same question is already asked of '{first_id}' (prompts.{first_angle} at {where})"
                label = f"{section}[{origin.location[-1]}].prompts.{angle}"
                self.problems.append(origin.problem(label, message, deeper=("prompts", angle)))

    def _check_references(self) -> None:
        places = self.records["places"]
        known: dict[str, Mapping[str, object]] = {
            "source": self.records["sources"],
            "person": self.records["people"],
            "place": places,
            "organisation": self.records["organisations"],
            "place or organisation": {**places, **self.records["organisations"]},
            "country": {
                key: place for key, place in places.items() if isinstance(place, Place) and place.kind == "country"
            },
        }
        written: list[tuple[str, _Origin, Callable[[str], object]]] = [
            (section, self.origins[record_id], partial(getattr, record))
            for section, records in self.records.items()
            for record_id, record in records.items()
        ]
        # A record with a wrong field still has references worth checking now, read as written.
        written += [(section, origin, entry.get) for section, entry, origin in self.invalid]
        for section, origin, value_of in written:
            for field, kind in _REFERENCES[section]:
                value = value_of(field)
                if value is None:
                    continue
                known_ids = known[kind]
                if isinstance(value, str) and value in known_ids:  # the usual case, without a list
                    continue
                ids = _ids_in(value)
                if all(ref in known_ids for ref in ids):  # every one known: nothing to report
                    continue
                label = f"{section}[{origin.location[-1]}]"
                self._check_ids(origin, label, field, ids, known_ids, kind)

    def _check_ids(
        self,
        origin: _Origin,
        label: str,
        field: str,
        ids: Iterable[str | None],
        known: Mapping[str, object],
        kind: str,
    ) -> None:
        wanted = _SECTIONS_OF_KIND[kind]
        for position, ref in enumerate(ids):
            if ref is None or ref in known or self.failed.get(ref) in wanted:
                continue
            deeper: tuple[str | int, ...] = (field,) if field in ("actor", "place", "country") else (field, position)
            where = f"{label}.{field}" if len(deeper) == 1 else f"{label}.{field}[{position}]"
            self.problems.append(origin.problem(where, self._unresolved(ref, known, kind), deeper=deeper))

    def _unresolved(self, ref: str, known: Mapping[str, object], kind: str) -> str:
        for section, records in self.records.items():
            if ref in records:  # it exists, but is the wrong kind of record
                other = records[ref]
                what = f"a {other.kind}" if isinstance(other, Place) else f"one of the {section}"
                return f"'{shorten(ref)}' is {what}, not a {kind}"
        if ref in self.failed:
            return f"'{shorten(ref)}' is one of the {self.failed[ref]}, not a {kind}"
        suggestion = difflib.get_close_matches(ref, list(known), n=1, cutoff=0.75)
        hint = f"; did you mean '{suggestion[0]}'?" if suggestion else ""
        return f"unknown {kind} '{shorten(ref)}'{hint}"


class _RecordOrigins(Mapping[str, RecordOrigin]):
    """Where each record was read, made into a :class:`RecordOrigin` only when asked for.

    Origins serve the messages of problems found after loading: a 10,000-fact pack
    would make 10,000 of them (10 ms) for the few, if any, that are ever read.
    """

    def __init__(self, origins: dict[str, _Origin]) -> None:
        self._origins = origins

    def __getitem__(self, record_id: str) -> RecordOrigin:
        origin = self._origins[record_id]
        return RecordOrigin(origin.document.path, partial(_line_below, origin), origin.label)

    def __iter__(self) -> Iterator[str]:
        return iter(self._origins)

    def __len__(self) -> int:
        return len(self._origins)


def _line_below(origin: _Origin, deeper: Sequence[str | int]) -> int:
    return origin.document.line_of((*origin.location, *deeper))
