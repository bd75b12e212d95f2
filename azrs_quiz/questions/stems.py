"""The questions each fact can fairly ask: a stem, its key, and every other true answer.

A fact yields a question for an angle only when it has the answer and a fair stem:
the stem authored in the content (``prompts.<angle>``), or else a template that reads
as natural English. Where no template reads well (an event's "who", a count in some
unit) the angle is skipped unless the content authors its stem.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Literal

from azrs_quiz.facts.dates import PartialDate
from azrs_quiz.facts.models import Agreement, Event, Fact, Figure, Person, Topic, fact_kind
from azrs_quiz.frozen import quick_init
from azrs_quiz.questions.index import AmountBucket, BankIndex, amount_bucket, compatible
from azrs_quiz.questions.wording import (
    WHEN_QUESTION,
    amount_text,
    capitalise,
    clause,
    date_phrase,
    join_names,
)

DomainName = Literal["date", "amount", "person", "place", "text", "parties", "choice"]

_AGREEMENT_NOUN = {"credit-line": "credit line"}
_AGREEMENT_PREPOSITION = {"loan": "for", "credit-line": "for", "contract": "for", "deal": "for"}
_AGREEMENT_VERB = {"loan": "agreed", "credit-line": "agreed", "deal": "agreed", "commission": "set up"}


@quick_init
@dataclass(frozen=True)
class Domain:
    """What kind of thing the answer is, so distractors can be of the same kind.

    ``bucket`` narrows it: the precision of a date, the (currency, unit, per) of an
    amount, the kind of a place, the pool of a text ("event-what", "agreement-what",
    "role"), or the number of parties.
    """

    name: DomainName
    bucket: Hashable
    qualifier: str = "exact"


@quick_init
@dataclass(frozen=True)
class Truth:
    """A rule that makes other answers true as well, checked per candidate distractor.

    Listing them would cost as many answers as the rule admits: every event of a
    year, every holder of an office. One field is set:

    - ``at``: the date a "which of these happened then?" stem names; any event that
      may have happened then is true.
    - ``deal``: the kind, parties and date an agreement's "what" stem names; any
      agreement of that kind between those parties at a compatible date is true.
    - ``role``: the (folded) role a person's "who" stem asks about; anyone holding it
      is true.
    """

    at: PartialDate | None = None
    deal: tuple[str, frozenset[str], PartialDate | None] | None = None
    role: str | None = None


@quick_init
@dataclass(frozen=True)
class Draft:
    """A question before its options are chosen."""

    fact: Fact
    kind: str
    angle: str
    prompt: str
    authored: bool
    domain: Domain
    key: Hashable
    #: The key as answers are compared (see :func:`answer_form`).
    key_form: Hashable
    #: Every answer that is true for this stem, the key among them, as answers are compared.
    excluded: frozenset[Hashable]
    #: Narrower template stems to fall back on if the prompt is shared with another answer.
    fallbacks: tuple[str, ...] = ()
    #: True answers too many to list, checked per candidate instead (see :class:`Truth`).
    truth: Truth | None = None
    #: Wrong options the author wrote (a :class:`~azrs_quiz.facts.models.Choice`); none for other drafts.
    wrong: tuple[str, ...] = ()
    #: What the answer is: "date", "person", "office", "place", "event", "agreement", "amount", "party"...
    answer_kind: str = ""

    @cached_property
    def id(self) -> str:
        """The stable question id, ``"<fact_id>:<angle>"``."""
        return f"{self.fact.id}:{self.angle}"

    @property
    def topic(self) -> Topic:
        """The topic of the fact asked about."""
        return self.fact.topic


def drafts_for(fact: Fact, index: BankIndex) -> Iterator[Draft]:
    """Every question the fact can fairly ask, in bank order.

    Its own angles first, in a fixed order per kind (an event's when, what, who, where;
    a person's role, who; an agreement's what, when, parties, value; a figure's amount),
    less those it skips; then the choices its author wrote, in the order written.
    """
    drafts: Iterable[Draft | None]
    if isinstance(fact, Event):
        drafts = _event_drafts(fact, index)
    elif isinstance(fact, Person):
        drafts = _person_drafts(fact, index)
    elif isinstance(fact, Agreement):
        drafts = _agreement_drafts(fact, index)
    else:
        drafts = _figure_drafts(fact, index)
    skipped = set(fact.skip)
    yield from (draft for draft in drafts if draft is not None and draft.angle not in skipped)
    for choice in fact.choices:
        yield Draft(
            fact=fact,
            kind=fact_kind(fact),
            angle=choice.angle,
            prompt=choice.prompt.strip(),
            authored=True,
            domain=Domain("choice", choice.answer_kind),
            key=choice.answer,
            key_form=index.fold(choice.answer),
            excluded=frozenset({index.fold(choice.answer)}),
            wrong=tuple(option.text for option in choice.wrong),
            answer_kind=choice.answer_kind,
        )


#: What each answer domain (and text pool) is, as a question's ``answer_kind``.
_ANSWER_KINDS = {
    "date": "date",
    "amount": "amount",
    "person": "person",
    "place": "place",
    "parties": "party",
    "role": "office",
    "event-what": "event",
    "agreement-what": "agreement",
}


def answer_kind(domain: Domain) -> str:
    """What an answer of this domain is: "date", "person", "office", "place", "event"..."""
    if domain.name == "choice":
        return str(domain.bucket)
    if domain.name == "text":
        return _ANSWER_KINDS[str(domain.bucket)]
    return _ANSWER_KINDS[domain.name]


def display(domain: Domain, value: Hashable, index: BankIndex) -> str:
    """An answer as the learner reads it: a date, an amount, a name, a clause, a list of parties."""
    name = domain.name
    if name == "choice":
        assert isinstance(value, str)
        return value
    if name == "text":
        assert isinstance(value, str)
        text = index.texts.get(value)
        if text is None:
            text = index.texts[value] = capitalise(clause(value))
        return text
    if name == "person":
        assert isinstance(value, str)
        return index.content.people[value].name
    if name == "place":
        assert isinstance(value, str)
        return index.content.places[value].name
    if name == "parties":
        assert isinstance(value, frozenset)
        return join_names([index.agreements.party_name(party) for party in value])
    if name == "date":
        return str(value)
    assert isinstance(value, Decimal)
    bucket: AmountBucket = domain.bucket  # type: ignore[assignment]
    key = (value, bucket, domain.qualifier)
    text = index.amount_texts.get(key)
    if text is None:
        currency, unit, per = bucket
        amount = amount_text(value, currency=currency, unit=unit, per=per, qualifier=domain.qualifier)
        text = index.amount_texts[key] = capitalise(amount)
    return text


def answer_form(domain: Domain, value: Hashable, index: BankIndex) -> Hashable:
    """How two answers are compared: dates by value (precision counts), anything else by its folded text.

    Two people of one name read the same to a learner, so they count as one answer;
    so do two amounts that read the same.
    """
    if domain.name == "date":
        return value
    return index.fold(display(domain, value, index))


def _draft(
    index: BankIndex,
    fact: Fact,
    angle: str,
    authored: str | None,
    template: str | None,
    domain: Domain,
    key: Hashable,
    excluded: set[Hashable],
    fallbacks: tuple[str, ...] = (),
    truth: Truth | None = None,
) -> Draft | None:
    prompt = authored if authored is not None else template
    if prompt is None:
        return None
    key_form = answer_form(domain, key, index)
    return Draft(
        fact=fact,
        kind=fact_kind(fact),
        angle=angle,
        prompt=prompt.strip(),
        authored=authored is not None,
        domain=domain,
        key=key,
        key_form=key_form,
        excluded=(
            frozenset({key, *excluded})  # dates are compared as they are
            if domain.name == "date"
            else frozenset({key_form, *(answer_form(domain, value, index) for value in excluded)})
        ),
        fallbacks=fallbacks if authored is None else (),
        truth=truth,
        answer_kind=answer_kind(domain),
    )


def _event_drafts(event: Event, index: BankIndex) -> Iterator[Draft | None]:
    what = clause(event.what)
    namesakes = index.events.namesakes(event.what)
    template: str | None
    if event.date is not None:
        # Any event with the same clause makes its date a true answer too.
        other_dates: set[Hashable] = {other.date for other in namesakes if other.date is not None}
        question = f"{WHEN_QUESTION[event.date.precision]} did this happen?"
        template = f"{capitalise(what)}. {question}"
        # Two events told alike ("Aliyev visited Serbia") are told apart by their place.
        where = _place_phrase(event, what, index)
        fallbacks = (f"{capitalise(what)} {where}. {question}",) if where else ()
        domain = Domain("date", event.date.precision)
        yield _draft(index, event, "when", event.prompts.when, template, domain, event.date, other_dates, fallbacks)

        # No template: "which of these happened then?" asks what "when" asks, the other way round.
        domain = Domain("text", "event-what")
        yield _draft(index, event, "what", event.prompts.what, None, domain, what, set(), (), Truth(at=event.date))
    elif event.prompts.what is not None:
        yield _draft(index, event, "what", event.prompts.what, None, Domain("text", "event-what"), what, set())

    if event.actor is not None:
        involved: set[Hashable] = {event.actor, *event.people}
        for other in namesakes:
            involved.update(other.people)
            if other.actor is not None:
                involved.add(other.actor)
        # No template: "who" needs a stem written for the deed.
        yield _draft(index, event, "who", event.prompts.who, None, Domain("person", None), event.actor, involved)

    if event.place is not None:
        place = index.content.places[event.place]
        places: set[Hashable] = {other.place for other in namesakes if other.place is not None}
        # A template stem must not name the place it asks for.
        template = None if index.fold(place.name) in index.fold(what) else f"{capitalise(what)}. Where did this happen?"
        fallbacks = ()
        if template is not None and event.date is not None:
            fallbacks = (f"{capitalise(what)} {date_phrase(event.date)}. Where did this happen?",)
        domain = Domain("place", place.kind)
        yield _draft(index, event, "where", event.prompts.where, template, domain, event.place, places, fallbacks)


def _place_phrase(event: Event, what: str, index: BankIndex) -> str | None:
    """The phrase "in Belgrade" that tells an event apart in a stem; ``None`` if the clause names the place."""
    if event.place is None:
        return None
    name = index.content.places[event.place].name
    return None if index.fold(name) in index.fold(what) else f"in {name}"


def _person_drafts(person: Person, index: BankIndex) -> Iterator[Draft | None]:
    if person.role is not None:
        # Roles of every record of the same person are true answers too.
        roles: set[Hashable] = {
            index.fold(other.role) for other in index.people.namesakes(person.name) if other.role is not None
        }
        template = f"What role did {person.name} hold?"
        yield _draft(
            index, person, "role", person.prompts.role, template, Domain("text", "role"), clause(person.role), roles
        )
    if person.prompts.who is not None:
        namesakes: set[Hashable] = {other.id for other in index.people.namesakes(person.name)}
        truth = Truth(role=index.fold(person.role)) if person.role is not None else None
        yield _draft(
            index, person, "who", person.prompts.who, None, Domain("person", None), person.id, namesakes, truth=truth
        )


def _agreement_drafts(agreement: Agreement, index: BankIndex) -> Iterator[Draft | None]:
    noun = _AGREEMENT_NOUN.get(agreement.kind, agreement.kind)
    what = clause(agreement.what)
    parties = frozenset(agreement.parties)
    party_names = [index.agreements.party_name(party) for party in agreement.parties]
    namesakes = index.agreements.namesakes(agreement.what)
    # "the loan for building a motorway": only when the clause does not already name the kind
    # ("the loan for a loan for...") and the kind reads as something agreed (not "commission").
    phrase = None
    if noun not in index.fold(what) and agreement.kind != "commission":
        phrase = f"the {noun} {_AGREEMENT_PREPOSITION.get(agreement.kind, 'on')} {what}"
    verb = _AGREEMENT_VERB.get(agreement.kind, "signed")

    # "what": the stem names the kind, the parties and the date; any agreement that fits is true.
    template = None
    names_a_party = any(index.fold(name) in index.fold(what) for name in party_names)
    if len(parties) >= 2 and agreement.kind != "commission" and not names_a_party:
        between = f"between {join_names(party_names)}"
        if agreement.date is None:
            template = f"What did the {noun} {between} cover?"
        elif agreement.date.precision == "day":
            template = f"What did the {noun} of {agreement.date} {between} cover?"
        else:
            template = f"What did the {agreement.date} {noun} {between} cover?"
    truth = Truth(deal=(agreement.kind, parties, agreement.date))
    domain = Domain("text", "agreement-what")
    yield _draft(index, agreement, "what", agreement.prompts.what, template, domain, what, set(), truth=truth)

    if agreement.date is not None:
        other_dates: set[Hashable] = {other.date for other in namesakes if other.date is not None}
        template = f"{WHEN_QUESTION[agreement.date.precision]} was {phrase} {verb}?" if phrase else None
        domain = Domain("date", agreement.date.precision)
        yield _draft(index, agreement, "when", agreement.prompts.when, template, domain, agreement.date, other_dates)

    if len(parties) >= 2:
        other_sets: set[Hashable] = {frozenset(other.parties) for other in namesakes}
        # Asked only with an authored stem: in a pack about two countries, a template's
        # answer would nearly always be those two countries, which teaches nothing.
        domain = Domain("parties", len(parties))
        yield _draft(index, agreement, "parties", agreement.prompts.parties, None, domain, parties, other_sets)

    if agreement.value is not None:
        value = agreement.value
        values: set[Hashable] = {
            other.value.value
            for other in namesakes
            if other.value is not None and amount_bucket(other.value) == amount_bucket(value)
        }
        template = f"How much was {phrase} worth?" if phrase and value.currency is not None else None
        domain = Domain("amount", amount_bucket(value), value.qualifier)
        yield _draft(index, agreement, "value", agreement.prompts.value, template, domain, value.value, values)


def _figure_drafts(figure: Figure, index: BankIndex) -> Iterator[Draft | None]:
    amount = figure.amount
    what = clause(figure.what)
    template = None
    if amount.currency is not None:
        when = ""
        if figure.date is not None and str(figure.date.year) not in what:
            when = f" {date_phrase(figure.date)}"
        template = f"What was the value of {what}{when}?"
    values: set[Hashable] = {
        other.amount.value
        for other in index.amounts.figures_about(figure.what)
        if amount_bucket(other.amount) == amount_bucket(amount) and _may_coincide(other.date, figure.date)
    }
    domain = Domain("amount", amount_bucket(amount), amount.qualifier)
    yield _draft(index, figure, "amount", figure.prompts.amount, template, domain, amount.value, values)


def _may_coincide(first: PartialDate | None, second: PartialDate | None) -> bool:
    return first is None or second is None or compatible(first, second)
