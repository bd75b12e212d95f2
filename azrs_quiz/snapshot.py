"""A question bank with the credit lines it needs, as plain data that can be cached.

A :class:`BankSnapshot` is what a quiz or a review needs from validated content: every
question, and which pack's credit goes with which fact. It turns into JSON-ready data
and back without pydantic, yaml or the engine, so a cached one starts a quiz at once.

Questions are stored by the fields of :class:`~azrs_quiz.questions.model.Question`,
read from the dataclass itself, so a field added to it is carried without a change
here; :meth:`BankSnapshot.to_data` refuses (``ValueError``) a field it cannot carry
exactly instead of caching something that would come back different.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from azrs_quiz.facts.credit import credit_for
from azrs_quiz.questions.model import Question

if TYPE_CHECKING:
    from azrs_quiz.facts.content import Content

#: Each column of questions is stored as one of these: text (an index into a table of
#: distinct strings), a tuple of texts (a list of indexes), or plain JSON scalars.
_TEXT, _TEXTS, _SCALARS = "text", "texts", "scalars"


@dataclass(frozen=True)
class PackCredit:
    """What a pack's ``pack.yaml`` says about itself: the fields of :class:`~azrs_quiz.facts.models.PackMeta`."""

    id: str
    title: str
    licence: str
    attribution: str
    language: str = "en"
    source_url: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class BankSnapshot:
    """Every question of some content, in bank order, and the credit to give with them.

    ``packs`` and ``record_packs`` read like those of a
    :class:`~azrs_quiz.facts.content.Content`, so credit lines come out the same.
    """

    questions: Sequence[Question]
    #: Every pack, in load order.
    packs: tuple[PackCredit, ...] = ()
    #: The pack each fact with a question was loaded from.
    record_packs: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, content: Content, bank: Sequence[Question]) -> BankSnapshot:
        """The snapshot of ``bank``, built from ``content``."""
        facts = {question.fact_id for question in bank}
        names = [credit_field.name for credit_field in dataclasses.fields(PackCredit)]
        return cls(
            questions=bank,
            packs=tuple(PackCredit(**{name: getattr(pack, name) for name in names}) for pack in content.packs),
            record_packs={fact: content.record_packs[fact] for fact in sorted(facts) if fact in content.record_packs},
        )

    def attribution_for(self, record_ids: Iterable[str]) -> str:
        """The credit of the packs these facts come from, as ``Content.attribution_for`` gives it."""
        return credit_for([(pack.id, pack.attribution) for pack in self.packs], self.record_packs, record_ids)

    def to_data(self) -> dict[str, Any]:
        """The snapshot as JSON-ready data; ``ValueError`` if a question field cannot be stored exactly."""
        strings: dict[str, int] = {}
        columns: dict[str, list[Any]] = {}
        kinds: dict[str, str] = {}
        for name in _field_names():
            values = [getattr(question, name) for question in self.questions]
            kind = _kind_of(values)
            kinds[name] = kind
            if kind == _TEXT:
                columns[name] = [strings.setdefault(value, len(strings)) for value in values]
            elif kind == _TEXTS:
                columns[name] = [[strings.setdefault(text, len(strings)) for text in value] for value in values]
            else:
                columns[name] = values
        return {
            "packs": [dataclasses.asdict(pack) for pack in self.packs],
            "record_packs": dict(self.record_packs),
            "kinds": kinds,
            "strings": list(strings),
            "columns": columns,
        }

    @classmethod
    def from_data(cls, data: Any) -> BankSnapshot:
        """The snapshot stored by :meth:`to_data`; ``ValueError`` (or a lookup error) if it does not fit."""
        kinds: dict[str, str] = data["kinds"]
        if list(kinds) != _field_names():
            raise ValueError("the snapshot was stored for other question fields")
        strings: list[str] = data["strings"]
        columns: list[list[Any]] = []
        for name, kind in kinds.items():
            stored = data["columns"][name]
            if kind == _TEXT:
                columns.append([strings[index] for index in stored])
            elif kind == _TEXTS:
                columns.append([tuple([strings[index] for index in indexes]) for indexes in stored])
            elif kind == _SCALARS:
                columns.append(stored)
            else:
                raise ValueError(f"unknown column kind {kind!r}")
        return cls(
            questions=[Question(*values) for values in zip(*columns, strict=True)],
            packs=tuple(PackCredit(**pack) for pack in data["packs"]),
            record_packs=dict(data["record_packs"]),
        )


def _field_names() -> list[str]:
    return [question_field.name for question_field in dataclasses.fields(Question) if question_field.init]


def _kind_of(values: list[Any]) -> str:
    """How a column of values can be stored exactly; ``ValueError`` when it cannot."""
    if all(type(value) is str for value in values):
        return _TEXT
    if all(type(value) is tuple and all(type(text) is str for text in value) for value in values):
        return _TEXTS
    if all(value is None or type(value) in (int, bool) or _finite_float(value) for value in values):
        return _SCALARS
    raise ValueError("a question field holds values a snapshot cannot store exactly")


def _finite_float(value: object) -> bool:
    return type(value) is float and math.isfinite(value)
