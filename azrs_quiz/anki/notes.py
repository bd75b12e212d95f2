"""The notes of the deck, as plain data: which note type, which fields, which tags.

Two kinds of note are made: one multiple-choice note per question of the bank,
and one recall note per fact that has a natural two-sided form (an event and its
date, a person and their role, an agreement and its date or value, a figure and
its amount). Every field is HTML that this module built itself: content text is
always escaped, so a ``<script>`` or ``{{`` in a content file reaches the card
as visible text and never as markup or template syntax.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from azrs_quiz.anki.errors import AnkiExportError
from azrs_quiz.anki.ids import TOPIC_DECKS, note_guid
from azrs_quiz.anki.notetypes import FACT, MULTIPLE_CHOICE, OPTION_LETTERS, NoteType
from azrs_quiz.facts.content import Content
from azrs_quiz.facts.models import TOPICS, Agreement, Amount, Event, Fact, Figure, PackMeta, Person, Topic, fact_kind
from azrs_quiz.questions.model import Question
from azrs_quiz.questions.wording import amount_text, capitalise, clause


@dataclass(frozen=True)
class NoteSpec:
    """One note to write: its stable key, note type, HTML fields, tags and topic."""

    key: str
    note_type: NoteType
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    topic: Topic

    @property
    def guid(self) -> str:
        """The note's GUID, derived from :attr:`key` alone."""
        return note_guid(self.key)

    def fingerprint(self) -> str:
        """A short hash of what Anki stores for the note, to notice when it changes."""
        # Fields never hold control characters (see escape), so these separators are unambiguous.
        data = f"{self.note_type.id}\x1e{chr(31).join(self.fields)}\x1e{' '.join(self.tags)}"
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


#: One pass over the text: markup, braces and control characters (``\x1f`` separates
#: Anki's fields, so it must never reach one).
_ESCAPES: dict[int, str | None] = {
    **{code: None for code in range(32) if chr(code) not in "\t\n"},
    ord("\t"): " ",
    ord("\n"): "<br>",
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord('"'): "&quot;",
    ord("'"): "&#x27;",
    ord("{"): "&#123;",
    ord("}"): "&#125;",
}


def escape(text: str) -> str:
    """Content text as safe HTML: markup escaped, braces as entities, line breaks as ``<br>``.

    Braces become ``&#123;``/``&#125;`` so no client can ever read ``{{`` in a field
    as template syntax; they still display as braces. Control characters are dropped.
    """
    return text.translate(_ESCAPES)


def _link(text: str, url: str | None) -> str:
    # Only web links: a "javascript:" URL in content must never become clickable.
    if url and url.startswith(("https://", "http://")):
        return f'<a href="{escape(url)}">{escape(text)}</a>'
    return escape(text)


def credit_html(content: Content) -> str:
    """The credit every pack asks for, one pack per line, its source address made a link."""
    return "<br>".join(pack_credit_html(pack) for pack in content.packs)


def pack_credit_html(pack: PackMeta) -> str:
    """The credit one pack asks for, its source address made a link."""
    url = pack.source_url
    if url and url in pack.attribution and url.startswith(("https://", "http://")):
        line = escape(pack.attribution).replace(escape(url), _link(url, url), 1)
    else:
        line = _link(pack.attribution, url)
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
            lines.append(_link(source.citation(), source.url))
    if not lines:
        lines = [escape(citation) for citation in fallback]
    return "<br>".join(lines)


def _tags(topic: Topic, kind: str) -> tuple[str, ...]:
    return (f"azrs::{topic}", f"azrs::kind::{kind}")


@dataclass(frozen=True)
class _Sides:
    front_label: str
    front: str
    back_label: str
    back: str
    reverse: bool


class _RecallPlanner:
    """Decides the two sides of each fact's recall note, and when the reverse card is fair.

    A reverse card ("Date: 2011 → Event?") is only fair when its cue has one answer,
    so it is made only when no other fact in the whole content shares the date (or
    no other person the role). The whole content is used, not the exported topics,
    so a note never changes with the ``--topic`` filter.
    """

    def __init__(self, content: Content) -> None:
        self._dates = Counter(
            str(fact.date) for fact in content.iter_facts() if not isinstance(fact, Person) and fact.date is not None
        )
        self._roles = Counter(
            clause(person.role).casefold() for person in content.people.values() if person.role is not None
        )

    def sides(self, fact: Fact) -> _Sides | None:
        if isinstance(fact, Person):
            if fact.role is None:
                return None
            unique = self._roles[clause(fact.role).casefold()] == 1
            return _Sides("Person", fact.name, "Role", clause(fact.role), unique)
        if isinstance(fact, Figure):
            return _Sides("Figure", capitalise(clause(fact.what)), "Amount", _amount(fact.amount), False)
        label = "Event" if isinstance(fact, Event) else capitalise(fact.kind.replace("-", " "))
        what = capitalise(clause(fact.what))
        if fact.date is not None:
            return _Sides(label, what, "Date", str(fact.date), self._dates[str(fact.date)] == 1)
        if isinstance(fact, Agreement) and fact.value is not None:
            return _Sides(label, what, "Value", _amount(fact.value), False)
        return None


def _amount(amount: Amount) -> str:
    return amount_text(
        amount.value, currency=amount.currency, unit=amount.unit, per=amount.per, qualifier=amount.qualifier
    )


class NoteMaker:
    """Makes the notes of one content: the credit, fair reverse cards and citations, worked out once."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.credit = credit_html(content)
        self._pack_credits = {pack.id: pack_credit_html(pack) for pack in content.packs}
        self._planner = _RecallPlanner(content)
        self._citations: dict[tuple[str, ...], str] = {}

    def _cite(self, source_ids: Sequence[str], fallback: Sequence[str] = ()) -> str:
        key = tuple(source_ids)
        cited = self._citations.get(key)
        if cited is None:
            cited = self._citations[key] = citations_html(self.content, source_ids, fallback)
        return cited

    def _credit(self, fact_id: str) -> str:
        """The credit of the pack the fact comes from; every pack's when that is unknown."""
        pack = self.content.pack_of(fact_id)
        return self._pack_credits[pack.id] if pack is not None else self.credit

    def multiple_choice(self, question: Question) -> NoteSpec:
        """The multiple-choice note of one question."""
        if not 2 <= len(question.options) <= len(OPTION_LETTERS):
            raise AnkiExportError(
                f"question '{question.id}' has {len(question.options)} options; "
                f"an Anki note holds 2 to {len(OPTION_LETTERS)}"
            )
        options = [escape(option) for option in question.options]
        options += [""] * (len(OPTION_LETTERS) - len(options))
        fields = (
            escape(question.prompt),
            *options,
            OPTION_LETTERS[question.answer],
            TOPIC_DECKS[question.topic][1],
            escape(question.explanation),
            self._cite(question.sources, question.citations),
            self._credit(question.fact_id),
            escape(question.id),
        )
        tags = _tags(question.topic, question.kind)
        return NoteSpec(f"mc:{question.id}", MULTIPLE_CHOICE, fields, tags, question.topic)

    def recall(self, fact: Fact) -> NoteSpec | None:
        """The recall note of one fact (a reverse card when fair), or ``None`` if it has no two sides."""
        sides = self._planner.sides(fact)
        if sides is None:
            return None
        fields = (
            escape(sides.front),
            escape(sides.back),
            sides.front_label,
            sides.back_label,
            "y" if sides.reverse else "",
            TOPIC_DECKS[fact.topic][1],
            escape(fact.explanation),
            self._cite(fact.sources),
            self._credit(fact.id),
            escape(fact.id),
        )
        return NoteSpec(f"fact:{fact.id}", FACT, fields, _tags(fact.topic, fact_kind(fact)), fact.topic)


def build_notes(content: Content, questions: Sequence[Question], topics: Sequence[Topic]) -> list[NoteSpec]:
    """Every note of the deck for these topics, in study order.

    Topics in their canonical order; within a topic, fact by fact in content order,
    each fact's recall note first and then its multiple-choice notes.
    """
    maker = NoteMaker(content)
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
    wanted = set(topics)
    return [note for topic in TOPICS if topic in wanted for note in by_topic[topic]]
