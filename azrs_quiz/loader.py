"""Loading content packs from disk into a validated :class:`~azrs_quiz.content.Content`.

A pack is a folder holding ``pack.yaml`` (its metadata) and any number of other
YAML files, each a mapping of sections (``events:``, ``people:``...) to lists of
records. Every problem in every file is collected before anything is raised, so an
author sees them all in one run.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from azrs_quiz.content import Content
from azrs_quiz.errors import ContentError, ContentNotFound, ContentProblem
from azrs_quiz.models import SECTIONS, Agreement, Event, Organisation, PackMeta, Person, Place
from azrs_quiz.yamlfile import YamlDocument, read_yaml

PACK_FILE = "pack.yaml"
_YAML_SUFFIXES = (".yaml", ".yml")


def bundled_content_path() -> Path:
    """The folder of the content packs that ship with azrs_quiz."""
    package = Path(str(resources.files("azrs_quiz")))
    installed = package / "content"
    if installed.is_dir():
        return installed
    # A source checkout (or an editable install): the content sits beside the package.
    return package.parent / "content"


def find_packs(path: Path) -> list[Path]:
    """The pack folders at ``path``: the folder itself if it is a pack, else its pack subfolders."""
    if not path.exists():
        raise ContentNotFound(f"content path '{path}' does not exist")
    if not path.is_dir():
        raise ContentNotFound(f"content path '{path}' is not a folder (a pack is a folder with {PACK_FILE})")
    if (path / PACK_FILE).is_file():
        return [path]
    return sorted(child for child in path.iterdir() if (child / PACK_FILE).is_file())


def load_content(path: str | Path | None = None) -> Content:
    """Load and validate content: the bundled packs, or the pack (or folder of packs) at ``path``.

    Raises :class:`~azrs_quiz.errors.ContentError` listing every problem found, and
    :class:`~azrs_quiz.errors.ContentNotFound` when ``path`` does not exist.
    """
    root = bundled_content_path() if path is None else Path(path)
    pack_dirs = find_packs(root)
    if not pack_dirs:
        raise ContentError([ContentProblem(root, None, "pack", f"no content pack here (no {PACK_FILE})")])
    builder = _ContentBuilder()
    for pack_dir in pack_dirs:
        builder.add_pack(pack_dir)
    return builder.finish()


@dataclass(frozen=True)
class _Origin:
    document: YamlDocument
    location: tuple[str | int, ...]

    def problem(self, field: str, message: str, *, deeper: Sequence[str | int] = ()) -> ContentProblem:
        line = self.document.line_of((*self.location, *deeper))
        return ContentProblem(self.document.path, line, field, message)

    def where(self) -> str:
        return f"{self.document.path}:{self.document.line_of(self.location)}"


class _ContentBuilder:
    """Collects records pack by pack, then cross-checks ids and references."""

    def __init__(self) -> None:
        self.problems: list[ContentProblem] = []
        self.packs: list[PackMeta] = []
        self.records: dict[str, dict[str, BaseModel]] = {section: {} for section in SECTIONS}
        self.origins: dict[str, _Origin] = {}

    def add_pack(self, pack_dir: Path) -> None:
        meta = self._read_meta(pack_dir / PACK_FILE)
        if meta is not None:
            self.packs.append(meta)
        files = sorted(
            child
            for child in pack_dir.iterdir()
            if child.suffix in _YAML_SUFFIXES and child.name != PACK_FILE and child.is_file()
        )
        records_before, problems_before = len(self.origins), len(self.problems)
        for file in files:
            self._read_records(file)
        if len(self.origins) == records_before and len(self.problems) == problems_before:
            self.problems.append(
                ContentProblem(pack_dir, None, "pack", "the pack is empty: it has no records besides pack.yaml")
            )

    def _read_meta(self, path: Path) -> PackMeta | None:
        document, problems = read_yaml(path)
        self.problems.extend(problems)
        if document is None:
            return None
        origin = _Origin(document, ())
        if not isinstance(document.data, dict):
            self.problems.append(origin.problem("pack", "pack.yaml must be a mapping of id, title, licence..."))
            return None
        meta = self._validate(PackMeta, document.data, origin, "")
        return meta if isinstance(meta, PackMeta) else None

    def _read_records(self, path: Path) -> None:
        document, problems = read_yaml(path)
        self.problems.extend(problems)
        if document is None:
            return
        data = document.data
        top = _Origin(document, ())
        if data is None:
            self.problems.append(top.problem("file", "is empty; expected sections such as 'events:'"))
            return
        if not isinstance(data, dict):
            allowed = ", ".join(SECTIONS)
            self.problems.append(top.problem("file", f"must be a mapping of sections ({allowed})"))
            return
        for section, entries in data.items():
            model = SECTIONS.get(str(section))
            here = _Origin(document, (str(section),))
            if model is None:
                self.problems.append(here.problem(str(section), _unknown_key_message(str(section), SECTIONS)))
                continue
            if not isinstance(entries, list):
                self.problems.append(here.problem(str(section), "must be a list of records (each starting with '- ')"))
                continue
            for index, entry in enumerate(entries):
                origin = _Origin(document, (str(section), index))
                record = self._validate(model, entry, origin, f"{section}[{index}]")
                if record is not None:
                    self._register(str(section), record, origin, f"{section}[{index}]")

    def _validate(self, model: type[BaseModel], entry: Any, origin: _Origin, prefix: str) -> BaseModel | None:
        if not isinstance(entry, dict):
            self.problems.append(origin.problem(prefix or "record", "must be a mapping of fields"))
            return None
        try:
            return model.model_validate(entry)
        except ValidationError as error:
            for detail in error.errors():
                self.problems.append(_problem_from_pydantic(detail, entry, model, origin, prefix))
            return None

    def _register(self, section: str, record: BaseModel, origin: _Origin, label: str) -> None:
        record_id: str = record.id  # type: ignore[attr-defined]
        first = self.origins.get(record_id)
        if first is not None:
            self.problems.append(
                origin.problem(f"{label}.id", f"duplicate id '{record_id}' (first defined at {first.where()})", deeper=("id",))
            )
            return
        self.origins[record_id] = origin
        self.records[section][record_id] = record

    def finish(self) -> Content:
        self._check_references()
        if self.problems:
            raise ContentError(self.problems)
        return Content(
            packs=tuple(self.packs),
            sources=self.records["sources"],  # type: ignore[arg-type]
            places=self.records["places"],  # type: ignore[arg-type]
            organisations=self.records["organisations"],  # type: ignore[arg-type]
            people=self.records["people"],  # type: ignore[arg-type]
            events=self.records["events"],  # type: ignore[arg-type]
            agreements=self.records["agreements"],  # type: ignore[arg-type]
            figures=self.records["figures"],  # type: ignore[arg-type]
            doubts=self.records["doubts"],  # type: ignore[arg-type]
        )

    def _check_references(self) -> None:
        sources = self.records["sources"]
        people = self.records["people"]
        places = self.records["places"]
        organisations = self.records["organisations"]
        countries = {key for key, place in places.items() if isinstance(place, Place) and place.kind == "country"}
        parties = {**places, **organisations}
        for section, records in self.records.items():
            for record_id, record in records.items():
                origin = self.origins[record_id]
                label = f"{section}[{origin.location[-1]}]"
                checks: list[tuple[str, Iterable[str | None], Mapping[str, object], str]] = [
                    ("sources", getattr(record, "sources", ()), sources, "source"),
                ]
                if isinstance(record, (Event, Agreement)):
                    checks.append(("people", record.people, people, "person"))
                if isinstance(record, Event):
                    checks.append(("actor", [record.actor], people, "person"))
                    checks.append(("place", [record.place], places, "place"))
                    checks.append(("organisations", record.organisations, organisations, "organisation"))
                if isinstance(record, Agreement):
                    checks.append(("parties", record.parties, parties, "place or organisation"))
                if isinstance(record, (Place, Organisation, Person)) and record.country is not None:
                    checks.append(("country", [record.country], countries, "country"))
                for field, ids, known, kind in checks:
                    self._check_ids(origin, label, field, ids, known, kind)

    def _check_ids(
        self,
        origin: _Origin,
        label: str,
        field: str,
        ids: Iterable[str | None],
        known: Mapping[str, object] | set[str],
        kind: str,
    ) -> None:
        for position, ref in enumerate(ids):
            if ref is None or ref in known:
                continue
            suggestion = difflib.get_close_matches(ref, list(known), n=1)
            hint = f"; did you mean '{suggestion[0]}'?" if suggestion else ""
            deeper: tuple[str | int, ...] = (field,) if field in ("actor", "place", "country") else (field, position)
            self.problems.append(
                origin.problem(f"{label}.{field}", f"unknown {kind} '{ref}'{hint}", deeper=deeper)
            )


def _problem_from_pydantic(
    detail: Any, entry: Mapping[str, Any], model: type[BaseModel], origin: _Origin, prefix: str
) -> ContentProblem:
    location: tuple[str | int, ...] = tuple(detail["loc"])
    dotted = _dotted(location)
    field = f"{prefix}.{dotted}" if prefix and dotted else (prefix or dotted or "record")
    message = str(detail["msg"])
    if detail["type"] == "extra_forbidden":
        allowed = _fields_at(model, location[:-1])
        message = _unknown_key_message(str(location[-1]), allowed)
    elif detail["type"] == "missing":
        message = "is required but missing"
    elif message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    if detail["type"] not in ("missing", "extra_forbidden") and "input" in detail and not isinstance(detail["input"], (dict, list)):
        message += f" (got {detail['input']!r})"
    # Pydantic adds the member's model name for unions and enums; keep to the content path.
    return origin.problem(field, message, deeper=tuple(step for step in location if not _is_model_tag(step)))


def _dotted(location: Sequence[str | int]) -> str:
    text = ""
    for step in location:
        if isinstance(step, int):
            text += f"[{step}]"
        elif _is_model_tag(step):
            continue
        else:
            text += f".{step}" if text else step
    return text


def _is_model_tag(step: str | int) -> bool:
    return isinstance(step, str) and (step[:1].isupper() or step.startswith("function-"))


def _fields_at(model: type[BaseModel], location: Sequence[str | int]) -> Iterable[str]:
    current: Any = model
    for step in location:
        if isinstance(step, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        field = current.model_fields.get(step)
        if field is None:
            break
        annotation = field.annotation
        for candidate in getattr(annotation, "__args__", (annotation,)):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                current = candidate
                break
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unknown_key_message(key: str, allowed: Iterable[str]) -> str:
    allowed = list(allowed)
    close = difflib.get_close_matches(key, allowed, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"unknown key '{key}'; {hint}allowed: {', '.join(allowed)}"
