"""Lookups built once per bank, so no question ever scans every fact.

Two uses: finding every *true* answer a stem could have (to keep it out of the
options), and finding candidate distractors of the same kind as a key, bucketed by
kind, precision, currency or unit, and role.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field
from decimal import Decimal

from azrs_quiz.facts.content import Content
from azrs_quiz.facts.dates import PartialDate, Precision
from azrs_quiz.facts.models import Agreement, Amount, Event, Figure, Person
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


class BankIndex:
    """Everything the engine looks up while building one bank."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self._folded: dict[str, str] = {}
        self.events_by_what: dict[str, list[Event]] = defaultdict(list)
        #: Clauses of dated events by year, as written, for "nearby" distractors.
        self.event_whats_by_year: dict[int, list[str]] = defaultdict(list)
        self.agreements_by_what: dict[str, list[Agreement]] = defaultdict(list)
        self.agreements_by_deal: dict[tuple[str, frozenset[str]], list[Agreement]] = defaultdict(list)
        self.figures_by_what: dict[str, list[Figure]] = defaultdict(list)
        self.people_by_name: dict[str, list[Person]] = defaultdict(list)

        #: Candidate distractors, by bucket.
        self.dated_event_whats: list[str] = []
        self.agreement_whats: list[str] = []
        self.roles: list[str] = []
        self.roles_by_class: dict[str, list[str]] = defaultdict(list)
        self.people: list[str] = []
        self.people_by_country: dict[str | None, list[str]] = defaultdict(list)
        self.people_by_country_class: dict[tuple[str | None, str], list[str]] = defaultdict(list)
        self.places_by_kind: dict[str, list[str]] = defaultdict(list)
        #: Places by (kind, country, category): the only places one may stand in for another.
        self.places_by_kin: dict[tuple[str, str | None, str | None], list[str]] = defaultdict(list)
        #: People by (country, category): the only people one may stand in for another.
        self.people_by_kin: dict[tuple[str | None, str | None], list[str]] = defaultdict(list)
        #: What agreements covered, by family: (dated ones, undated ones), each distinct.
        self.agreement_whats_by_family: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
        #: "President of Serbia" -> ("President", "Serbia"), for roles ending in a country's name.
        self.role_parts: dict[str, tuple[str, str]] = {}
        self.offices: list[str] = []
        self.office_countries: list[str] = []
        self.people_by_class: dict[str, list[str]] = defaultdict(list)
        #: People whose role is an office of a country ("Foreign Minister of Serbia"), by their country.
        self.office_holders_by_country: dict[str | None, list[str]] = defaultdict(list)
        self.places_by_kind_country: dict[tuple[str, str | None], list[str]] = defaultdict(list)
        #: Places of a kind in the content's home countries (True) or abroad (False).
        self.places_by_kind_home: dict[tuple[str, bool], list[str]] = defaultdict(list)
        self.party_sets: dict[int, list[frozenset[str]]] = defaultdict(list)
        self.parties_by_kind: dict[str, list[str]] = defaultdict(list)
        self.agreement_parties_by_kind: dict[str, list[str]] = defaultdict(list)
        self.latest_year = 1
        self._signatures: dict[frozenset[str], tuple[str, ...]] = {}
        self.dates: dict[Precision, SortedValues] = {}
        self.amounts: dict[AmountBucket, SortedValues] = {}

        self._build()

    def _build(self) -> None:
        content = self.content
        dates: dict[Precision, set[PartialDate]] = defaultdict(set)
        amounts: dict[AmountBucket, set[Decimal]] = defaultdict(set)
        seen_whats: set[str] = set()
        for event in content.events.values():
            what = self.fold(event.what)
            self.events_by_what[what].append(event)
            if event.date is not None:
                self.event_whats_by_year[event.date.year].append(event.what)
                dates[event.date.precision].add(event.date)
                if what not in seen_whats:
                    seen_whats.add(what)
                    self.dated_event_whats.append(event.what)
        seen_whats = set()
        seen_sets: set[frozenset[str]] = set()
        for agreement in content.agreements.values():
            what = self.fold(agreement.what)
            self.agreements_by_what[what].append(agreement)
            self.agreements_by_deal[(agreement.kind, frozenset(agreement.parties))].append(agreement)
            if what not in seen_whats:
                seen_whats.add(what)
                self.agreement_whats.append(agreement.what)
                dated, undated = self.agreement_whats_by_family[agreement_family(agreement.kind)]
                (dated if agreement.date is not None else undated).append(agreement.what)
            if agreement.date is not None:
                dates[agreement.date.precision].add(agreement.date)
            if agreement.value is not None:
                amounts[amount_bucket(agreement.value)].add(agreement.value.value)
            parties = frozenset(agreement.parties)
            if len(parties) >= 2 and parties not in seen_sets:
                seen_sets.add(parties)
                self.party_sets[len(parties)].append(parties)
        for figure in content.figures.values():
            self.figures_by_what[self.fold(figure.what)].append(figure)
            amounts[amount_bucket(figure.amount)].add(figure.amount.value)
            if figure.date is not None:
                dates[figure.date.precision].add(figure.date)
        seen_roles: set[str] = set()
        for person in content.people.values():
            self.people_by_name[self.fold(person.name)].append(person)
            self.people.append(person.id)
            self.people_by_country[person.country].append(person.id)
            self.people_by_kin[(person.country, person.category)].append(person.id)
            if person.role is not None:
                role = self.fold(person.role)
                self.people_by_country_class[(person.country, role_class(person.role))].append(person.id)
                self.people_by_class[role_class(person.role)].append(person.id)
                if role not in seen_roles:
                    seen_roles.add(role)
                    self.roles.append(person.role)
                    self.roles_by_class[role_class(person.role)].append(person.role)
        for place in content.places.values():
            self.places_by_kind[place.kind].append(place.id)
            self.places_by_kind_country[(place.kind, place.country)].append(place.id)
            self.places_by_kin[(place.kind, place.country, place.category)].append(place.id)
            self.parties_by_kind[f"place:{place.kind}"].append(place.id)
        for organisation in content.organisations.values():
            self.parties_by_kind[f"organisation:{organisation.kind}"].append(organisation.id)
        self.home_countries = _home_countries(content)
        for place in content.places.values():
            self.places_by_kind_home[(place.kind, place.country in self.home_countries)].append(place.id)
        self._split_roles()
        seen_parties: set[str] = set()
        for sets in self.party_sets.values():
            for party_set in sets:
                for party in sorted(party_set - seen_parties):
                    seen_parties.add(party)
                    self.agreement_parties_by_kind[self.party_kind(party)].append(party)
        self.latest_year = max((date.year for values in dates.values() for date in values), default=1)
        for precision, values in dates.items():
            ordered = sorted(values, key=lambda date: date.sort_key)
            self.dates[precision] = SortedValues([date.sort_key for date in ordered], list(ordered))
        for bucket, numbers in amounts.items():
            ordered_numbers = sorted(numbers)
            self.amounts[bucket] = SortedValues(list(ordered_numbers), list(ordered_numbers))

    def fold(self, text: str) -> str:
        """:func:`~azrs_quiz.questions.wording.normalise`, remembered for the life of this index."""
        folded = self._folded.get(text)
        if folded is None:
            folded = self._folded[text] = normalise(text)
        return folded

    def _split_roles(self) -> None:
        countries = {place.name for place in self.content.places.values() if place.kind == "country"}
        for role in self.roles:
            office, of, country = role.rpartition(" of ")
            if of and office and country in countries:
                self.role_parts[role] = (office, country)
                if office not in self.offices:
                    self.offices.append(office)
                if country not in self.office_countries:
                    self.office_countries.append(country)
        for person in self.content.people.values():
            if person.role is not None and person.role in self.role_parts:
                self.office_holders_by_country[person.country].append(person.id)

    def party_kind(self, party: str) -> str:
        """The bucket of a party: ``place:country``, ``organisation:company``..."""
        place = self.content.places.get(party)
        if place is not None:
            return f"place:{place.kind}"
        return f"organisation:{self.content.organisations[party].kind}"

    def party_signature(self, parties: frozenset[str]) -> tuple[str, ...]:
        """The kinds of the parties, sorted: ("place:country", "place:country")."""
        signature = self._signatures.get(parties)
        if signature is None:
            signature = self._signatures[parties] = tuple(sorted(self.party_kind(party) for party in parties))
        return signature

    def party_name(self, party: str) -> str:
        """The display name of a place or organisation."""
        place = self.content.places.get(party)
        return place.name if place is not None else self.content.organisations[party].name


def _home_countries(content: Content) -> frozenset[str]:
    """The two countries most places lie in: the ones a pack is about (Azerbaijan and Serbia).

    A place abroad (Dakar) is best set among other places abroad, not among the home
    countries' towns, which a learner would rule out at a glance.
    """
    counts = Counter(place.country for place in content.places.values() if place.country is not None)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return frozenset(country for country, _ in ranked[:2])
