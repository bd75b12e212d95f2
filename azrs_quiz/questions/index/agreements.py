"""Agreements by what they covered and by family, and the parties that made them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from azrs_quiz.facts.content import Content
from azrs_quiz.facts.dates import PartialDate
from azrs_quiz.facts.models import Agreement
from azrs_quiz.questions.index.keys import agreement_family, compatible


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
        #: What agreements of each family covered, dated ones first: the pool of an undated agreement.
        self._all_whats_by_family = {
            family: [*dated, *undated] for family, (dated, undated) in self._whats_by_family.items()
        }
        #: Real sets of parties by their signature (sizes and kinds), in content order (filled on demand).
        self._party_sets_by_signature: dict[tuple[str, ...], list[frozenset[str]]] = {}
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
        """What agreements of ``kind``'s family covered, as written: dated ones, then (unless ``dated_only``) undated.

        The list is the index's own, built once: read it, never change it.
        """
        family = agreement_family(kind)
        if dated_only:
            return self._whats_by_family[family][0] if family in self._whats_by_family else []
        return self._all_whats_by_family.get(family, [])

    def party_sets_like(self, parties: frozenset[str]) -> list[frozenset[str]]:
        """Real sets of parties of the same size and kinds as ``parties`` (two countries for two countries).

        The list is the index's own, grouped once: read it, never change it.
        """
        signature = self.party_signature(parties)
        if not self._party_sets_by_signature:
            for sets in self._party_sets.values():
                for other in sets:
                    self._party_sets_by_signature.setdefault(self.party_signature(other), []).append(other)
        return self._party_sets_by_signature.get(signature, [])

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
