"""Validated content: every record of one or more packs, indexed by id."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from azrs_quiz.facts.credit import credit_for
from azrs_quiz.facts.models import (
    TOPICS,
    Agreement,
    Doubt,
    Event,
    Fact,
    Figure,
    Organisation,
    PackMeta,
    Person,
    Place,
    Source,
    Topic,
)


@dataclass(frozen=True)
class RecordOrigin:
    """Where a record was read: its file, and the line of any field inside it."""

    path: Path
    #: The line of a field below the record, e.g. ``("prompts", "when")``; ``()`` for the record.
    line_of: Callable[[Sequence[str | int]], int]
    #: The record as its file lists it: ``events[2]``.
    label: str


@dataclass(frozen=True)
class Content:
    """Everything loaded from one or more content packs, cross-checked.

    Records keep the order of their files (sorted by name) and of their entries, so
    everything built from a ``Content`` is deterministic.
    """

    packs: tuple[PackMeta, ...]
    sources: Mapping[str, Source] = field(default_factory=dict)
    places: Mapping[str, Place] = field(default_factory=dict)
    organisations: Mapping[str, Organisation] = field(default_factory=dict)
    people: Mapping[str, Person] = field(default_factory=dict)
    events: Mapping[str, Event] = field(default_factory=dict)
    agreements: Mapping[str, Agreement] = field(default_factory=dict)
    figures: Mapping[str, Figure] = field(default_factory=dict)
    doubts: Mapping[str, Doubt] = field(default_factory=dict)
    #: The id of the pack each record was loaded from (empty for content built in code).
    record_packs: Mapping[str, str] = field(default_factory=dict)
    #: Where each record was read (empty for content built in code), for problems found later.
    origins: Mapping[str, RecordOrigin] = field(default_factory=dict, compare=False, repr=False)

    @property
    def facts(self) -> tuple[Fact, ...]:
        """Every fact a question can be asked about, in a stable order."""
        return tuple(self.iter_facts())

    def iter_facts(self) -> Iterator[Fact]:
        """Iterate the facts: events, agreements, figures, then people."""
        return chain(self.events.values(), self.agreements.values(), self.figures.values(), self.people.values())

    def fact(self, fact_id: str) -> Fact:
        """The fact with this id; ``KeyError`` if there is none."""
        for kind in (self.events, self.agreements, self.figures, self.people):
            if fact_id in kind:
                return kind[fact_id]
        raise KeyError(fact_id)

    @property
    def topics(self) -> tuple[Topic, ...]:
        """The topics that at least one fact has, in the canonical order."""
        present = {fact.topic for fact in self.iter_facts()}
        return tuple(topic for topic in TOPICS if topic in present)

    def pack_of(self, record_id: str) -> PackMeta | None:
        """The pack a record was loaded from; ``None`` when that is not known."""
        pack_id = self.record_packs.get(record_id)
        return next((pack for pack in self.packs if pack.id == pack_id), None)

    @property
    def attribution(self) -> str:
        """The credit every pack asks for, one pack per line."""
        return "\n".join(pack.attribution for pack in self.packs)

    def attribution_for(self, record_ids: Iterable[str]) -> str:
        """The credit of the packs these records come from, one pack per line.

        Every pack's credit when none of them is known (content built in code).
        """
        return credit_for([(pack.id, pack.attribution) for pack in self.packs], self.record_packs, record_ids)

    def counts(self) -> dict[str, int]:
        """How many records of each kind there are (the validate summary)."""
        return {
            "packs": len(self.packs),
            "sources": len(self.sources),
            "people": len(self.people),
            "places": len(self.places),
            "organisations": len(self.organisations),
            "events": len(self.events),
            "agreements": len(self.agreements),
            "figures": len(self.figures),
            "doubts": len(self.doubts),
        }
