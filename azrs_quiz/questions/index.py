"""Lookups built once per bank, so no question ever scans every fact.

Two uses: finding every *true* answer a stem could have (to keep it out of the
options), and finding candidate distractors of the same kind as a key, bucketed by
kind, precision, currency or unit, and role.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from azrs_quiz.facts.content import Content
from azrs_quiz.facts.dates import PartialDate, Precision
from azrs_quiz.facts.models import Agreement, Amount, Event, Figure, Person, Place
from azrs_quiz.questions.wording import normalise

#: Groups amounts that may stand in for each other: (currency, unit, per).
AmountBucket = tuple[str | None, str | None, str | None]


def amount_bucket(amount: Amount) -> AmountBucket:
    """The bucket of an amount: same currency or unit, same rate period."""
    return (amount.currency, normalise(amount.unit) if amount.unit else None, amount.per)


def role_class(role: str) -> str:
    """The head word of a role: "Foreign Minister of Azerbaijan" -> "minister"."""
    head = normalise(role).split(" of ")[0].split(" to ")[0].split(",")[0]
    words = head.split()
    return words[-1] if words else ""


#: Kinds of agreement that may stand in for each other as options: money lent, meetings held, deals made.
_AGREEMENT_FAMILIES = {"loan": "money", "credit-line": "money", "commission": "meeting"}


def agreement_family(kind: str) -> str:
    """The family of an agreement kind: "money" (loans, credit lines), "meeting" (commissions) or "deal"."""
    return _AGREEMENT_FAMILIES.get(kind, "deal")


def compatible(first: PartialDate, second: PartialDate) -> bool:
    """True when the two dates may be the same day, each at its own precision."""
    return (
        first.year == second.year
        and (first.month is None or second.month is None or first.month == second.month)
        and (first.day is None or second.day is None or first.day == second.day)
    )


@dataclass
class SortedValues:
    """Distinct values kept in order, for "nearest first" searches either side of a key."""

    keys: list[tuple[int, int, int] | Decimal] = field(default_factory=list)
    values: list[Hashable] = field(default_factory=list)

    def nearest(self, key: tuple[int, int, int] | Decimal, limit: int) -> tuple[list[Hashable], list[Hashable]]:
        """Up to ``limit`` values below the key and above it, nearest first."""
        low = bisect.bisect_left(self.keys, key)  # type: ignore[arg-type,unused-ignore]
        high = bisect.bisect_right(self.keys, key)  # type: ignore[arg-type,unused-ignore]
        return self.values[max(0, low - limit) : low][::-1], self.values[high : high + limit]


class EventIndex:
    """Events by what they say, and the clauses of dated events by year.

    Answers "which events are told in these words?" (their dates, places and people are
    true answers too), "may this event have happened then?" and "what else happened in
    the years around this one?" (for "nearby" distractors).
    """

    def __init__(self, content: Content, fold: Callable[[str], str]) -> None:
        self._fold = fold
        self._by_what: dict[str, list[Event]] = defaultdict(list)
        self._whats_by_year: dict[int, list[str]] = defaultdict(list)
        for event in content.events.values():
            self._by_what[fold(event.what)].append(event)
            if event.date is not None:
                self._whats_by_year[event.date.year].append(event.what)

    def namesakes(self, what: str) -> Sequence[Event]:
        """Every event told in the same words as ``what`` (compared folded), in content order."""
        return self._by_what.get(self._fold(what), ())

    def happened_at(self, what: str, at: PartialDate) -> bool:
        """True when an event told as ``what`` may have happened on ``at``, each date at its own precision."""
        return any(event.date is not None and compatible(event.date, at) for event in self.namesakes(what))

    def whats_around(self, year: int, years: int) -> list[list[str]]:
        """The clauses of dated events, as written, one list per year from ``year - years`` to ``year + years``."""
        return [self._whats_by_year.get(each, []) for each in range(year - years, year + years + 1)]


class DateIndex:
    """Every distinct date of an event, agreement or figure, in order within its precision."""

    def __init__(self, content: Content) -> None:
        dates: dict[Precision, set[PartialDate]] = defaultdict(set)
        for event in content.events.values():
            if event.date is not None:
                dates[event.date.precision].add(event.date)
        for agreement in content.agreements.values():
            if agreement.date is not None:
                dates[agreement.date.precision].add(agreement.date)
        for figure in content.figures.values():
            if figure.date is not None:
                dates[figure.date.precision].add(figure.date)
        #: The newest year any date names (1 when there are none): made-up dates stay at or before it.
        self.latest_year = max((date.year for values in dates.values() for date in values), default=1)
        self._by_precision: dict[Precision, SortedValues] = {}
        for precision, values in dates.items():
            ordered = sorted(values, key=lambda date: date.sort_key)
            self._by_precision[precision] = SortedValues([date.sort_key for date in ordered], list(ordered))

    def nearest_dates(self, date: PartialDate, limit: int) -> tuple[list[Hashable], list[Hashable]]:
        """Up to ``limit`` dates of ``date``'s precision below it and above it, nearest first."""
        pool = self._by_precision.get(date.precision)
        if pool is None:
            return [], []
        return pool.nearest(date.sort_key, limit)


class PeopleIndex:
    """People by name and by kin (country, category), and the roles they hold.

    Answers "which records share this name?", "does someone of this name hold this
    role?", "who may stand in for this person?" and "which real offices may stand in
    for this one?" ("Foreign Minister of Azerbaijan" for "President of Azerbaijan").
    """

    def __init__(self, content: Content, fold: Callable[[str], str]) -> None:
        self._fold = fold
        self._by_name: dict[str, list[Person]] = defaultdict(list)
        #: People by (country, category): the only people one may stand in for another.
        self._by_kin: dict[tuple[str | None, str | None], list[str]] = defaultdict(list)
        #: Distinct roles as written, in content order.
        self._roles: list[str] = []
        seen_roles: set[str] = set()
        for person in content.people.values():
            self._by_name[fold(person.name)].append(person)
            self._by_kin[(person.country, person.category)].append(person.id)
            if person.role is not None:
                role = fold(person.role)
                if role not in seen_roles:
                    seen_roles.add(role)
                    self._roles.append(person.role)
        #: "President of Serbia" -> ("President", "Serbia"), for roles ending in a country's name.
        self._role_parts: dict[str, tuple[str, str]] = {}
        countries = {place.name for place in content.places.values() if place.kind == "country"}
        for role in self._roles:
            office, of, country = role.rpartition(" of ")
            if of and office and country in countries:
                self._role_parts[role] = (office, country)

    def namesakes(self, name: str) -> Sequence[Person]:
        """Every record of a person of this name (compared folded), in content order."""
        return self._by_name.get(self._fold(name), ())

    def holds_role(self, name: str, role: str) -> bool:
        """True when someone named ``name`` holds ``role`` (given folded)."""
        return any(person.role is not None and self._fold(person.role) == role for person in self.namesakes(name))

    def peers_of(self, person: Person) -> list[str]:
        """Ids of the other people of ``person``'s country and category, in content order."""
        return [other for other in self._by_kin.get((person.country, person.category), ()) if other != person.id]

    def offices_like(self, role: str) -> list[str]:
        """Real roles other than ``role`` that may stand in for it.

        Those of the same country when ``role`` is an office of a country; otherwise
        those with the same head word ("minister" for "minister").
        """
        parts = self._role_parts.get(role)
        if parts is None:
            return [other for other in self._roles if other != role and role_class(other) == role_class(role)]
        country = parts[1]
        return [other for other in self._roles if other != role and self._role_parts.get(other, ("", ""))[1] == country]


class PlaceIndex:
    """Places by kin (kind, country, category): the only places one may stand in for another."""

    def __init__(self, content: Content) -> None:
        self._by_kin: dict[tuple[str, str | None, str | None], list[str]] = defaultdict(list)
        for place in content.places.values():
            self._by_kin[(place.kind, place.country, place.category)].append(place.id)

    def peers_of(self, place: Place) -> list[str]:
        """Ids of the other places of ``place``'s kind, country and category: a Turkish city among Turkish cities."""
        return [
            other for other in self._by_kin.get((place.kind, place.country, place.category), ()) if other != place.id
        ]


class AgreementIndex:
    """Agreements by what they covered, by family of kind, and the parties that made them.

    Answers "which agreements are told in these words?", "did these parties make such a
    deal then?", "what else did agreements of this family cover?", "which other real
    sets of parties look like this one?" and "which parties may replace this one?".
    """

    def __init__(self, content: Content, fold: Callable[[str], str]) -> None:
        self._content = content
        self._fold = fold
        self._by_what: dict[str, list[Agreement]] = defaultdict(list)
        #: What agreements covered, by family: (dated ones, undated ones), each distinct.
        self._whats_by_family: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
        #: Distinct sets of two or more parties, by size, in content order.
        self._party_sets: dict[int, list[frozenset[str]]] = defaultdict(list)
        #: Every place and organisation, by party kind ("place:country").
        self._parties_by_kind: dict[str, list[str]] = defaultdict(list)
        #: Parties of agreements, by party kind, each once.
        self._agreement_parties_by_kind: dict[str, list[str]] = defaultdict(list)
        self._signatures: dict[frozenset[str], tuple[str, ...]] = {}
        seen_whats: set[str] = set()
        seen_sets: set[frozenset[str]] = set()
        for agreement in content.agreements.values():
            what = fold(agreement.what)
            self._by_what[what].append(agreement)
            if what not in seen_whats:
                seen_whats.add(what)
                dated, undated = self._whats_by_family[agreement_family(agreement.kind)]
                (dated if agreement.date is not None else undated).append(agreement.what)
            parties = frozenset(agreement.parties)
            if len(parties) >= 2 and parties not in seen_sets:
                seen_sets.add(parties)
                self._party_sets[len(parties)].append(parties)
        for place in content.places.values():
            self._parties_by_kind[f"place:{place.kind}"].append(place.id)
        for organisation in content.organisations.values():
            self._parties_by_kind[f"organisation:{organisation.kind}"].append(organisation.id)
        seen_parties: set[str] = set()
        for sets in self._party_sets.values():
            for party_set in sets:
                for party in sorted(party_set - seen_parties):
                    seen_parties.add(party)
                    self._agreement_parties_by_kind[self.party_kind(party)].append(party)

    def namesakes(self, what: str) -> Sequence[Agreement]:
        """Every agreement told in the same words as ``what`` (compared folded), in content order."""
        return self._by_what.get(self._fold(what), ())

    def made_deal(self, what: str, kind: str, parties: frozenset[str], date: PartialDate | None) -> bool:
        """True when an agreement told as ``what``, of ``kind``, between exactly ``parties``, may date from ``date``."""
        return any(
            other.kind == kind
            and frozenset(other.parties) == parties
            and (date is None or other.date is None or compatible(other.date, date))
            for other in self.namesakes(what)
        )

    def whats_of_family(self, kind: str, *, dated_only: bool) -> list[str]:
        """What agreements of ``kind``'s family covered, as written: dated ones, then (unless ``dated_only``) undated."""
        dated, undated = self._whats_by_family.get(agreement_family(kind), ([], []))
        return dated if dated_only else [*dated, *undated]

    def party_sets_like(self, parties: frozenset[str]) -> list[frozenset[str]]:
        """Real sets of parties of the same size and kinds as ``parties`` (two countries for two countries)."""
        signature = self.party_signature(parties)
        return [other for other in self._party_sets.get(len(parties), []) if self.party_signature(other) == signature]

    def parties_like(self, party: str) -> tuple[list[str], list[str]]:
        """Parties of ``party``'s kind: those that made agreements, and every one in the content."""
        kind = self.party_kind(party)
        return self._agreement_parties_by_kind.get(kind, []), self._parties_by_kind.get(kind, [])

    def party_kind(self, party: str) -> str:
        """The bucket of a party: ``place:country``, ``organisation:company``..."""
        place = self._content.places.get(party)
        if place is not None:
            return f"place:{place.kind}"
        return f"organisation:{self._content.organisations[party].kind}"

    def party_signature(self, parties: frozenset[str]) -> tuple[str, ...]:
        """The kinds of the parties, sorted: ("place:country", "place:country")."""
        signature = self._signatures.get(parties)
        if signature is None:
            signature = self._signatures[parties] = tuple(sorted(self.party_kind(party) for party in parties))
        return signature

    def party_name(self, party: str) -> str:
        """The display name of a place or organisation."""
        place = self._content.places.get(party)
        return place.name if place is not None else self._content.organisations[party].name


class AmountIndex:
    """Figures by what they measure, and every distinct amount by bucket (currency, unit, per), in order."""

    def __init__(self, content: Content, fold: Callable[[str], str]) -> None:
        self._fold = fold
        self._figures_by_what: dict[str, list[Figure]] = defaultdict(list)
        amounts: dict[AmountBucket, set[Decimal]] = defaultdict(set)
        # Agreements first: of two equal amounts written differently (300, 300.0), the first seen is kept.
        for agreement in content.agreements.values():
            if agreement.value is not None:
                amounts[amount_bucket(agreement.value)].add(agreement.value.value)
        for figure in content.figures.values():
            self._figures_by_what[fold(figure.what)].append(figure)
            amounts[amount_bucket(figure.amount)].add(figure.amount.value)
        self._by_bucket: dict[AmountBucket, SortedValues] = {}
        for bucket, numbers in amounts.items():
            ordered = sorted(numbers)
            self._by_bucket[bucket] = SortedValues(list(ordered), list(ordered))

    def figures_about(self, what: str) -> Sequence[Figure]:
        """Every figure told in the same words as ``what`` (compared folded), in content order."""
        return self._figures_by_what.get(self._fold(what), ())

    def nearest_amounts(
        self, bucket: AmountBucket, value: Decimal, limit: int
    ) -> tuple[list[Hashable], list[Hashable]]:
        """Up to ``limit`` amounts of ``bucket`` below ``value`` and above it, nearest first."""
        pool = self._by_bucket.get(bucket)
        if pool is None:
            return [], []
        return pool.nearest(value, limit)


class BankIndex:
    """The lookups one bank needs, each built once from the content.

    Two uses: finding every *true* answer a stem could have (to keep it out of the
    options), and finding candidate distractors of the same kind as a key. Each part
    answers for one kind of fact; ``fold`` is shared so each text is normalised once.
    """

    def __init__(self, content: Content) -> None:
        self.content = content
        self._folded: dict[str, str] = {}
        self.events = EventIndex(content, self.fold)
        self.dates = DateIndex(content)
        self.people = PeopleIndex(content, self.fold)
        self.places = PlaceIndex(content)
        self.agreements = AgreementIndex(content, self.fold)
        self.amounts = AmountIndex(content, self.fold)

    def fold(self, text: str) -> str:
        """:func:`~azrs_quiz.questions.wording.normalise`, remembered for the life of this index."""
        folded = self._folded.get(text)
        if folded is None:
            folded = self._folded[text] = normalise(text)
        return folded
