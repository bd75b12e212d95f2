"""A question bank with the credit lines it needs, stored as plain JSON that can be cached.

A :class:`BankSnapshot` is what a quiz or a review needs from validated content: every
question, and which pack's credit goes with which fact. It is written as JSON lines and
read back without pydantic, yaml or the engine, so a cached one starts a quiz at once:

- a header line: the question fields, the packs, the topic, fact and theme of every
  question (all a draw needs, ``--theme`` included), each fact's pack, where each of
  the lines that follow ends, and a checksum of those ends and lines;
- one line per question: its field values, in bank order.

A quiz reads the header and then only the lines of the questions it draws, found by
where they end (not by splitting every line), so a bank of 20,000 questions costs
little more than one of 300.

Questions are stored by the fields of :class:`~azrs_quiz.questions.model.Question`,
read from the dataclass itself, so a field added to it is carried without a change
here; :meth:`BankSnapshot.to_bytes` refuses (``ValueError``) a field it cannot store
exactly rather than store something that would come back different.
"""

from __future__ import annotations

import array
import base64
import dataclasses
import itertools
import json
import math
import sys
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from azrs_quiz.facts.credit import credit_for
from azrs_quiz.questions.model import Question, Quiz

if TYPE_CHECKING:
    from azrs_quiz.facts.content import Content

#: How each field is stored: text, a tuple of texts (a list), or JSON scalars.
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


class BankSnapshot:
    """Every question of some content, in bank order, and the credit to give with them.

    ``packs`` and ``record_packs`` read like those of a
    :class:`~azrs_quiz.facts.content.Content`, so credit lines come out the same.
    """

    def __init__(
        self,
        questions: Sequence[Question],
        *,
        packs: tuple[PackCredit, ...] = (),
        record_packs: Mapping[str, str] | None = None,
    ) -> None:
        self._questions: Sequence[Question] | None = questions
        self._rows = b""  # a stored snapshot's question lines, and where each ends (before its line feed)
        self._ends: Sequence[int] = ()
        self._kinds: list[str] = []
        self.topic_of: list[str] = [question.topic for question in questions]
        self.fact_of: list[str] = [question.fact_id for question in questions]
        self.theme_of: list[str | None] = [question.theme for question in questions]
        self.packs = packs
        self._record_packs: Mapping[str, str] | None = record_packs or {}
        self._fact_packs: tuple[list[str], list[str], list[int]] = ([], [], [])  # facts, pack ids, pack of each

    @property
    def record_packs(self) -> Mapping[str, str]:
        """The pack each fact of the bank comes from, by fact id (as ``Content.record_packs``)."""
        if self._record_packs is None:
            facts, pack_ids, pack_of = self._fact_packs
            self._record_packs = {fact: pack_ids[pack] for fact, pack in zip(facts, pack_of, strict=True) if pack != -1}
        return self._record_packs

    @classmethod
    def of(cls, content: Content, bank: Sequence[Question]) -> BankSnapshot:
        """The snapshot of ``bank``, built from ``content``."""
        facts = {question.fact_id for question in bank}
        names = [credit_field.name for credit_field in dataclasses.fields(PackCredit)]
        return cls(
            bank,
            packs=tuple(PackCredit(**{name: getattr(pack, name) for name in names}) for pack in content.packs),
            record_packs={fact: content.record_packs[fact] for fact in sorted(facts) if fact in content.record_packs},
        )

    @property
    def questions(self) -> Sequence[Question]:
        """Every question, in bank order (a stored snapshot reads them all on first use)."""
        if self._questions is None:
            self._questions = [self._question(values) for values in self._stored_values()]
        return self._questions

    def question(self, position: int) -> Question:
        """The question at ``position`` in the bank, read alone from a stored snapshot."""
        if self._questions is not None:
            return self._questions[position]
        return self._question(json.loads(self._line(position)))

    def _line(self, position: int) -> bytes:
        """The stored line of the question at ``position``."""
        start = self._ends[position - 1] + 1 if position else 0  # past the line feed before it
        return self._rows[start : self._ends[position]]

    def _stored_values(self) -> list[list[Any]]:
        """Every stored question's values, in bank order (one line each; JSON has no bare line feed)."""
        values: list[list[Any]] = json.loads(b"[" + self._rows.replace(b"\n", b",") + b"]") if self._ends else []
        return values

    def draw_quiz(
        self,
        *,
        topics: Iterable[str] | None = None,
        count: int,
        seed: int | None = None,
        themes: Iterable[str] | None = None,
    ) -> Quiz:
        """The quiz :func:`~azrs_quiz.questions.quiz.draw_quiz` draws from this bank, reading only its questions."""
        from azrs_quiz.questions.quiz import draw_from_columns

        return draw_from_columns(
            self.topic_of,
            self.fact_of,
            self.question,
            topics=topics,
            count=count,
            seed=seed,
            themes=themes,
            theme_of=self.theme_of,
        )

    def attribution_for(self, record_ids: Iterable[str]) -> str:
        """The credit of the packs these facts come from, as ``Content.attribution_for`` gives it."""
        return credit_for([(pack.id, pack.attribution) for pack in self.packs], self.record_packs, record_ids)

    def to_bytes(self) -> bytes:
        """The snapshot as JSON lines (see the module); ``ValueError`` if a field cannot be stored exactly."""
        return self._encoded()[0]

    def to_checked_bytes(self) -> bytes:
        """:meth:`to_bytes`, checked to read back as this snapshot; ``ValueError`` if it would not.

        Each question's stored values are compared with those it was stored from, which
        :meth:`from_bytes` turns back into its fields one to one, and so are the columns
        a draw reads; cheaper than building every question again.
        """
        body, values, kinds = self._encoded()
        back = BankSnapshot.from_bytes(body)
        if (
            back._kinds != kinds
            or back._stored_values() != values
            or [json.loads(back._line(position)) for position in range(len(back._ends))] != values
            or back.topic_of != self.topic_of
            or back.fact_of != self.fact_of
            or back.theme_of != self.theme_of
            or back.packs != self.packs
            or back.record_packs != dict(self.record_packs)
        ):
            raise ValueError("the snapshot would not read back as it was")
        return body

    def _encoded(self) -> tuple[bytes, list[list[Any]], list[str]]:
        """The stored form, each question's values as stored (before JSON), and how each field is stored."""
        questions = self.questions
        names = _field_names()
        columns = {name: [getattr(question, name) for question in questions] for name in names}
        kinds = [_kind_of(columns[name]) for name in names]
        values = [
            [list(value) if kind == _TEXTS else value for value, kind in zip(row, kinds, strict=True)]
            for row in zip(*columns.values(), strict=True)
        ]
        encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # one encoder for every row
        lines = [encode(row).encode("utf-8") for row in values]
        rows = b"\n".join(lines)
        ends = _packed_ends(end - 1 for end in itertools.accumulate(len(line) + 1 for line in lines))
        topic_names = sorted(set(self.topic_of))
        fact_names = list(dict.fromkeys(self.fact_of))
        topic_index = {topic: index for index, topic in enumerate(topic_names)}
        fact_index = {fact: index for index, fact in enumerate(fact_names)}
        # A question without a theme is stored as -1.
        theme_names = sorted({theme for theme in self.theme_of if theme is not None})
        theme_index = {theme: index for index, theme in enumerate(theme_names)}
        pack_ids = sorted(set(self.record_packs.values()))
        pack_index = {pack: index for index, pack in enumerate(pack_ids)}
        header = {
            "fields": names,
            "kinds": kinds,
            "count": len(lines),
            "ends": base64.b64encode(ends).decode("ascii"),
            "checksum": zlib.crc32(rows, zlib.crc32(ends)),
            "packs": [dataclasses.asdict(pack) for pack in self.packs],
            # Each fact's pack, by position in fact_names (-1: none); the facts the bank's questions ask about.
            "pack_ids": pack_ids,
            "fact_packs": [pack_index.get(self.record_packs.get(fact, ""), -1) for fact in fact_names],
            "topic_names": topic_names,
            "topics": [topic_index[topic] for topic in self.topic_of],
            "fact_names": fact_names,
            "facts": [fact_index[fact] for fact in self.fact_of],
            "theme_names": theme_names,
            "themes": [-1 if theme is None else theme_index[theme] for theme in self.theme_of],
        }
        return (
            json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n" + rows,
            values,
            kinds,
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> BankSnapshot:
        """The snapshot :meth:`to_bytes` wrote; ``ValueError`` (or a lookup error) if it does not fit."""
        header_line, _, rows = data.partition(b"\n")
        header = json.loads(header_line)
        if header["fields"] != _field_names():
            raise ValueError("the snapshot was stored for other question fields")
        packed_ends = base64.b64decode(header["ends"], validate=True)
        if zlib.crc32(rows, zlib.crc32(packed_ends)) != header["checksum"]:
            raise ValueError("the snapshot's questions do not match their checksum")
        ends = _unpacked_ends(packed_ends)
        if (ends[-1] if ends else 0) != len(rows):
            raise ValueError("the snapshot's lines do not end where it says")
        topic_names: list[str] = header["topic_names"]
        fact_names: list[str] = header["fact_names"]
        theme_names: list[str] = header["theme_names"]
        snapshot = cls((), packs=tuple(PackCredit(**pack) for pack in header["packs"]))
        snapshot.topic_of = [topic_names[index] for index in header["topics"]]
        snapshot.fact_of = [fact_names[index] for index in header["facts"]]
        snapshot.theme_of = [None if index == -1 else theme_names[index] for index in header["themes"]]
        if (
            not len(ends)
            == len(snapshot.topic_of)
            == len(snapshot.fact_of)
            == len(snapshot.theme_of)
            == header["count"]
        ) or len(header["fact_packs"]) != len(fact_names):
            raise ValueError("the snapshot's parts differ in length")
        if any(kind not in (_TEXT, _TEXTS, _SCALARS) for kind in header["kinds"]):
            raise ValueError("the snapshot has a field stored in an unknown way")
        snapshot._questions = None
        snapshot._rows = rows
        snapshot._ends = ends
        snapshot._kinds = header["kinds"]
        snapshot._record_packs = None  # made from these on first use
        snapshot._fact_packs = (fact_names, header["pack_ids"], header["fact_packs"])
        return snapshot

    def _question(self, values: list[Any]) -> Question:
        decoded: list[Any] = [
            tuple(value) if kind == _TEXTS else value for value, kind in zip(values, self._kinds, strict=True)
        ]
        return Question(*decoded)


def _packed_ends(ends: Iterable[int]) -> bytes:
    """Where each line ends (before its line feed), as little-endian 64-bit numbers."""
    packed = array.array("Q", ends)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def _unpacked_ends(data: bytes) -> array.array[int]:
    ends = array.array("Q")
    ends.frombytes(data)
    if sys.byteorder == "big":
        ends.byteswap()
    return ends


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
