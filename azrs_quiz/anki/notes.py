"""The notes of the deck, as plain data: which note type, which fields, tags and cards.

Two kinds of note are made: one multiple-choice note per question of the bank,
and one recall note per fact that has a natural two-sided form (an event and its
date, a person and their office, an agreement and its date or value, a figure and
its amount). Every field is HTML that this module built with
:func:`~azrs_quiz.anki.fields.escape`, so content always reaches a card as text.

A note that a release shipped and the content no longer makes is *retired*: it is
shipped again under its GUID with the tag ``azrs::retired`` and fields that say
why, and without cards, so a learner who has it sees why on its next review and a
new learner never studies it.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from azrs_quiz.anki.errors import AnkiExportError
from azrs_quiz.anki.fields import escape, link
from azrs_quiz.anki.ids import RETIRED_REVERSE_TAG, RETIRED_TAG, TOPIC_LABELS, pack_note_guid, pack_tag
from azrs_quiz.anki.notetypes import FACT, MULTIPLE_CHOICE, OPTION_LETTERS, NoteType
from azrs_quiz.facts.content import Content
from azrs_quiz.facts.dates import PartialDate
from azrs_quiz.facts.models import (
    TOPICS,
    Agreement,
    Amount,
    Event,
    Fact,
    Figure,
    PackMeta,
    Person,
    Topic,
    fact_kind,
)
from azrs_quiz.frozen import quick_init
from azrs_quiz.questions.model import Question
from azrs_quiz.questions.wording import amount_text, capitalise, clause

#: The value of "Add reverse" that makes the reverse card; ``"retired"`` retires it visibly.
REVERSE_ON = "y"
REVERSE_RETIRED = "retired"


@quick_init
@dataclass(frozen=True)
class NoteSpec:
    """One note to write: its stable key, note type, HTML fields, tags, and where its cards go.

    ``cards`` are the template ordinals to write cards for (none for a retired note);
    ``pack`` is the id of the pack whose deck holds them; ``group`` names the fact the
    note asks about, so that the cards of one fact are spaced apart.
    """

    key: str
    note_type: NoteType
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    topic: Topic | None
    pack: str
    group: str
    cards: tuple[int, ...]

    @property
    def guid(self) -> str:
        """The note's GUID, derived from :attr:`key` and :attr:`pack` alone."""
        return pack_note_guid(self.key, self.pack)

    @property
    def retired(self) -> bool:
        """Whether the note left the content and is shipped only to say so."""
        return RETIRED_TAG in self.tags

    @functools.cached_property
    def fingerprint(self) -> str:
        """A short hash of what Anki stores for the note, to notice when it changes."""
        # Fields never hold control characters (see escape), so these separators are unambiguous.
        data = f"{self.note_type.id}\x1e{chr(31).join(self.fields)}\x1e{' '.join(self.tags)}"
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def reverse_key(note_key: str) -> str:
    """The history key that remembers a note's reverse card was shipped."""
    return f"card:{note_key}:reverse"


def credit_html(content: Content) -> str:
    """The credit every pack asks for, one pack per line, its source address made a link."""
    return "<br>".join(pack_credit_html(pack) for pack in content.packs)


def pack_credit_html(pack: PackMeta) -> str:
    """The credit one pack asks for, its source address made a link."""
    url = pack.source_url
    if url and url in pack.attribution and url.startswith(("https://", "http://")):
        line = escape(pack.attribution).replace(escape(url), link(url, url), 1)
    else:
        line = link(pack.attribution, url)
    if _letters(pack.licence) not in _letters(pack.attribution):
        line += f" Licence: {escape(pack.licence)}."
    return line


def _letters(text: str) -> str:
    return "".join(character for character in text.casefold() if character.isalnum())


def citations_html(content: Content, source_ids: Iterable[str], fallback: Sequence[str] = ()) -> str:
    """The citations of these sources, each linked to its URL when it has one."""
    lines = []
    for source_id in source_ids:
        source = content.sources.get(source_id)
        if source is not None:
            lines.append(link(source.citation(), source.url))
    if not lines:
        lines = [escape(citation) for citation in fallback]
    return "<br>".join(lines)


def _tags(topic: Topic, kind: str, pack: str, theme: str | None) -> tuple[str, ...]:
    # The subject area (politics, economy...) lets a learner study one with tag:azrs::theme::economy.
    themed = (f"azrs::theme::{theme}",) if theme is not None else ()
    return (f"azrs::{topic}", f"azrs::kind::{kind}", pack_tag(pack), *themed)


@quick_init
@dataclass(frozen=True)
class _Sides:
    front_label: str
    front: str
    back_label: str
    back: str
    reverse: bool


def _date_key(date: PartialDate) -> tuple[int, ...]:
    if date.month is None:
        return (date.year,)
    if date.day is None:
        return (date.year, date.month)
    return (date.year, date.month, date.day)


class _RecallPlanner:
    """Decides the two sides of each fact's recall note, and when the reverse card is fair.

    A reverse card ("Date: 2011 → Event?") is only fair when its cue has one answer
    in the whole content: no other fact's date may name the same day (a year counts
    as every day in it), and an office is asked with the years it was held in (from
    the dated facts the person takes part in), alone among the people. A role that is
    not an office ("scientist") never gets a reverse card. The whole content is used,
    not the exported topics, so a note never changes with the ``--topic`` filter.
    """

    def __init__(self, content: Content) -> None:
        # How many facts carry each date, at each precision: (year,), (year, month), (year, month, day).
        self._dates: Counter[tuple[int, ...]] = Counter()
        years: dict[str, set[int]] = defaultdict(set)
        for fact in content.iter_facts():
            if isinstance(fact, Person) or fact.date is None:
                continue
            self._dates[_date_key(fact.date)] += 1
            involved: list[str] = []
            if isinstance(fact, Event):
                involved = [*fact.people, *([fact.actor] if fact.actor else [])]
            elif isinstance(fact, Agreement):
                involved = fact.people
            for person_id in involved:
                years[person_id].add(fact.date.year)
        self._by_year: Counter[int] = Counter()
        self._by_month: Counter[tuple[int, int]] = Counter()
        for key, count in self._dates.items():
            self._by_year[key[0]] += count
            if len(key) > 1:
                self._by_month[key[0], key[1]] += count
        # An office with the years its holder is seen in it; two holders of one office clash when
        # those years overlap ("President of Serbia in 2010–2013" and "... in 2012").
        self._offices: dict[str, str] = {}
        self._office_unique: dict[str, bool] = {}
        held: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for person in content.people.values():
            if person.role is not None and person.role[:1].isupper() and years[person.id]:
                seen = sorted(years[person.id])
                self._offices[person.id] = f"{clause(person.role)} {_period(seen)}"
                held[clause(person.role).casefold()].append((seen[0], seen[-1], person.id))
        for holders in held.values():
            holders.sort()
            latest_end = None  # the latest last year among the holders seen so far
            for index, (first, last, person_id) in enumerate(holders):
                after = holders[index + 1][0] if index + 1 < len(holders) else None
                clash = (latest_end is not None and latest_end >= first) or (after is not None and after <= last)
                self._office_unique[person_id] = not clash
                latest_end = last if latest_end is None else max(latest_end, last)

    def _date_is_unique(self, date: PartialDate) -> bool:
        """Whether no other fact's date may name the same day (a year overlaps every date in it)."""
        year_only = self._dates[(date.year,)]
        if date.month is None:
            overlapping = self._by_year[date.year]
        elif date.day is None:
            overlapping = year_only + self._by_month[date.year, date.month]
        else:
            month_only = self._dates[(date.year, date.month)]
            overlapping = year_only + month_only + self._dates[(date.year, date.month, date.day)]
        return overlapping == 1

    def sides(self, fact: Fact) -> _Sides | None:
        if isinstance(fact, Person):
            if fact.role is None:
                return None
            office = self._offices.get(fact.id)
            if office is None:
                return _Sides("Person", fact.name, "Role", clause(fact.role), False)
            return _Sides("Person", fact.name, "Office", office, self._office_unique[fact.id])
        if isinstance(fact, Figure):
            return _Sides("Figure", capitalise(clause(fact.what)), "Amount", _amount(fact.amount), False)
        label = "Event" if isinstance(fact, Event) else capitalise(fact.kind.replace("-", " "))
        what = capitalise(clause(fact.what))
        if fact.date is not None:
            return _Sides(label, what, "Date", str(fact.date), self._date_is_unique(fact.date))
        if isinstance(fact, Agreement) and fact.value is not None:
            return _Sides(label, what, "Value", _amount(fact.value), False)
        return None


def _period(years: Sequence[int]) -> str:
    return f"in {years[0]}" if years[0] == years[-1] else f"in {years[0]}\u2013{years[-1]}"


def _amount(amount: Amount) -> str:
    return amount_text(
        amount.value, currency=amount.currency, unit=amount.unit, per=amount.per, qualifier=amount.qualifier
    )


class NoteMaker:
    """Makes the notes of one content: credits, fair reverse cards and citations, worked out once."""

    def __init__(self, content: Content, *, shipped_reverse: frozenset[str] = frozenset()) -> None:
        self.content = content
        self.credit = credit_html(content)
        self._packs = {pack.id: pack for pack in content.packs}
        self._pack_credits = {pack.id: pack_credit_html(pack) for pack in content.packs}
        self._first_pack = content.packs[0].id if content.packs else ""
        self._planner = _RecallPlanner(content)
        self._citations: dict[tuple[str, ...], str] = {}
        self._shipped_reverse = shipped_reverse
        #: Option and explanation texts as fields: the same ones recur from question to question.
        self._escaped: dict[str, str] = {}
        self._tag_sets: dict[tuple[str, str, str, str | None], tuple[str, ...]] = {}

    def _escape(self, text: str) -> str:
        """:func:`escape`, each text escaped once."""
        escaped = self._escaped.get(text)
        if escaped is None:
            escaped = self._escaped[text] = escape(text)
        return escaped

    def _tags(self, topic: Topic, kind: str, pack: str, theme: str | None) -> tuple[str, ...]:
        """:func:`_tags`, each set of tags made once (and shared: tags are a tuple)."""
        key = (topic, kind, pack, theme)
        tags = self._tag_sets.get(key)
        if tags is None:
            tags = self._tag_sets[key] = _tags(topic, kind, pack, theme)
        return tags

    def _cite(self, source_ids: Sequence[str], fallback: Sequence[str] = ()) -> str:
        key = tuple(source_ids)
        cited = self._citations.get(key)
        if cited is None:
            cited = self._citations[key] = citations_html(self.content, source_ids, fallback)
        return cited

    def pack_of(self, fact_id: str) -> str:
        """The id of the pack a fact comes from (the first pack when that is unknown)."""
        pack = self.content.record_packs.get(fact_id)
        return pack if pack in self._packs else self._first_pack

    def _credit(self, fact_id: str) -> str:
        """The credit of the pack the fact comes from; every pack's when that is unknown."""
        pack = self.content.record_packs.get(fact_id)
        return self._pack_credits.get(pack or "", self.credit)

    def multiple_choice(self, question: Question) -> NoteSpec:
        """The multiple-choice note of one question."""
        if not 2 <= len(question.options) <= len(OPTION_LETTERS):
            raise AnkiExportError(
                f"question '{question.id}' has {len(question.options)} options; "
                f"an Anki note holds 2 to {len(OPTION_LETTERS)}"
            )
        options = [self._escape(option) for option in question.options]
        options += [""] * (len(OPTION_LETTERS) - len(options))
        fields = (
            escape(question.prompt),
            *options,
            OPTION_LETTERS[question.answer],
            TOPIC_LABELS[question.topic],
            self._escape(question.explanation),
            self._cite(question.sources, question.citations),
            self._credit(question.fact_id),
            escape(question.id),
        )
        pack = self.pack_of(question.fact_id)
        key = f"mc:{question.id}"
        tags = self._tags(question.topic, question.kind, pack, question.theme)
        return NoteSpec(key, MULTIPLE_CHOICE, fields, tags, question.topic, pack, question.fact_id, (0,))

    def recall(self, fact: Fact) -> NoteSpec | None:
        """The recall note of one fact (a reverse card when fair), or ``None`` if it has no two sides.

        A reverse card shipped before and no longer fair stays, saying it is retired.
        """
        sides = self._planner.sides(fact)
        if sides is None:
            return None
        key = f"fact:{fact.id}"
        pack = self.pack_of(fact.id)
        tags = self._tags(fact.topic, fact_kind(fact), pack, fact.theme)
        cards: tuple[int, ...] = (0,)
        reverse = ""
        if sides.reverse:
            reverse, cards = REVERSE_ON, (0, 1)
        elif reverse_key(key) in self._shipped_reverse:
            reverse, tags = REVERSE_RETIRED, (*tags, RETIRED_REVERSE_TAG)
        fields = (
            escape(sides.front),
            escape(sides.back),
            sides.front_label,
            sides.back_label,
            reverse,
            TOPIC_LABELS[fact.topic],
            self._escape(fact.explanation),
            self._cite(fact.sources),
            self._credit(fact.id),
            escape(fact.id),
        )
        return NoteSpec(key, FACT, fields, tags, fact.topic, pack, fact.id, cards)

    def retired(self, key: str) -> NoteSpec | None:
        """The retired form of a note the content no longer makes (``None`` for a key of no note)."""
        kind, _, ident = key.partition(":")
        fact_id = ident.split(":", 1)[0]
        known = fact_id in self.content.record_packs or _has_fact(self.content, fact_id)
        if kind == "mc":
            why = (
                "this question is no longer asked about its fact"
                if known
                else "the fact it asked about was removed from the content"
            )
            fields: tuple[str, ...] = (
                escape(f"Retired question: {why}."),
                *[""] * len(OPTION_LETTERS),
                "",
                "Retired",
                _RETIRED_HELP,
                "",
                self.credit,
                escape(ident),
            )
            note_type = MULTIPLE_CHOICE
        elif kind == "fact":
            why = "this fact no longer has a two-sided card" if known else "this fact was removed from the content"
            fields = (
                "Retired note",
                escape(f"{capitalise(why)}."),
                "Retired",
                "Why",
                REVERSE_RETIRED,
                "Retired",
                _RETIRED_HELP,
                "",
                self.credit,
                escape(ident),
            )
            note_type = FACT
        else:
            return None
        pack = self.pack_of(fact_id)
        return NoteSpec(key, note_type, fields, (RETIRED_TAG, pack_tag(pack)), None, pack, fact_id, ())


_RETIRED_HELP = escape("This note left the deck. Find and delete every retired note with the search tag:azrs::retired")


def _has_fact(content: Content, fact_id: str) -> bool:
    try:
        content.fact(fact_id)
    except KeyError:
        return False
    return True


def is_note_key(key: str) -> bool:
    """Whether a history key names a note (not a note type or a card)."""
    return key.startswith(("mc:", "fact:"))


def build_notes(
    content: Content,
    questions: Sequence[Question],
    topics: Sequence[Topic],
    *,
    known_keys: Iterable[str] = (),
) -> list[NoteSpec]:
    """Every note of the deck for these topics, then the retired ones.

    Topics in their canonical order; within a topic, fact by fact in content order,
    each fact's recall note first and then its multiple-choice notes. ``known_keys``
    are the keys a release ever shipped (from the history): notes among them that the
    whole content no longer makes are retired, and reverse cards among them that are
    no longer fair are retired too.
    """
    known = frozenset(known_keys)
    maker = NoteMaker(content, shipped_reverse=frozenset(key for key in known if key.startswith("card:")))
    by_fact: dict[str, list[Question]] = defaultdict(list)
    for question in questions:
        by_fact[question.fact_id].append(question)
    by_topic: dict[Topic, list[NoteSpec]] = defaultdict(list)
    for fact in content.iter_facts():
        recall = maker.recall(fact)
        if recall is not None:
            by_topic[fact.topic].append(recall)
        for question in by_fact.pop(fact.id, []):
            by_topic[question.topic].append(maker.multiple_choice(question))
    # Questions whose fact is unknown to the content (hand-made banks) still get notes.
    for questions_left in by_fact.values():
        for question in questions_left:
            by_topic[question.topic].append(maker.multiple_choice(question))
    made = {note.key for notes in by_topic.values() for note in notes}
    wanted = set(topics)
    notes = [note for topic in TOPICS if topic in wanted for note in by_topic[topic]]
    for key in sorted(known):
        if is_note_key(key) and key not in made:
            retired = maker.retired(key)
            if retired is not None:
                notes.append(retired)
    return notes
