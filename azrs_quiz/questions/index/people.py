"""People by name and kin, and the offices they hold."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from azrs_quiz.facts.content import Content
from azrs_quiz.facts.models import Person
from azrs_quiz.questions.index.keys import role_class

#: A person's kin: (country, category).
_Kin = tuple[str | None, str | None]


class PeopleIndex:
    """People by name and by kin (country, category), and the roles they hold.

    Answers "which records share this name?", "does someone of this name hold this
    role?", "who may stand in for this person?" and "which real offices may stand in
    for this one?" ("Foreign Minister of Azerbaijan" for "President of Azerbaijan").
    Every role's head word is worked out once, so no question compares every person
    or every role with every other.
    """

    def __init__(self, content: Content, fold: Callable[[str], str]) -> None:
        self._fold = fold
        self._by_name: dict[str, list[Person]] = defaultdict(list)
        #: People by (country, category): the only people one may stand in for another.
        self._by_kin: dict[_Kin, list[str]] = defaultdict(list)
        #: Each person's office: the head word of their role ("" without one).
        self._office: dict[str, str] = {}
        #: People by kin and office, and by kin without that office, in content order (filled on demand).
        self._same_office: dict[tuple[_Kin, str], list[str]] = {}
        self._other_office: dict[tuple[_Kin, str], list[str]] = {}
        #: Distinct roles as written, in content order.
        self._roles: list[str] = []
        #: Those roles by head word.
        self._roles_by_class: dict[str, list[str]] = defaultdict(list)
        classes: dict[str, str] = {}
        seen_roles: set[str] = set()
        for person in content.people.values():
            self._by_name[fold(person.name)].append(person)
            self._by_kin[(person.country, person.category)].append(person.id)
            role = person.role or ""
            office = classes.get(role)
            if office is None:
                office = classes[role] = role_class(role)
            self._office[person.id] = office
            if person.role is not None:
                folded = fold(person.role)
                if folded not in seen_roles:
                    seen_roles.add(folded)
                    self._roles.append(person.role)
                    self._roles_by_class[office].append(person.role)
        #: "President of Serbia" -> ("President", "Serbia"), for roles ending in a country's name.
        self._role_parts: dict[str, tuple[str, str]] = {}
        #: Roles ending in a country's name, by that country.
        self._roles_by_country: dict[str, list[str]] = defaultdict(list)
        countries = {place.name for place in content.places.values() if place.kind == "country"}
        for role in self._roles:
            office, of, country = role.rpartition(" of ")
            if of and office and country in countries:
                self._role_parts[role] = (office, country)
                self._roles_by_country[country].append(role)

    def namesakes(self, name: str) -> Sequence[Person]:
        """Every record of a person of this name (compared folded), in content order."""
        return self._by_name.get(self._fold(name), ())

    def holds_role(self, name: str, role: str) -> bool:
        """True when someone named ``name`` holds ``role`` (given folded)."""
        return any(person.role is not None and self._fold(person.role) == role for person in self.namesakes(name))

    def peers_of(self, person: Person) -> list[str]:
        """Ids of the other people of ``person``'s country and category, in content order."""
        return [other for other in self._by_kin.get((person.country, person.category), ()) if other != person.id]

    def pools_of(self, person: Person) -> list[list[str]]:
        """Who may stand in for ``person``, best first, each pool in content order.

        Without a role: the other people of the same country and category. With one:
        those whose role has the same head word (a minister for a minister), then the
        others of that country and category.
        """
        if person.role is None:
            return [self.peers_of(person)]
        key = ((person.country, person.category), self._office[person.id])
        same = self._same_office.get(key)
        if same is None:
            kin, office = key
            same = self._same_office[key] = [other for other in self._by_kin[kin] if self._office[other] == office]
            self._other_office[key] = [other for other in self._by_kin[kin] if self._office[other] != office]
        return [[other for other in same if other != person.id], self._other_office[key]]

    def offices_like(self, role: str) -> list[str]:
        """Real roles other than ``role`` that may stand in for it.

        Those of the same country when ``role`` is an office of a country; otherwise
        those with the same head word ("minister" for "minister").
        """
        parts = self._role_parts.get(role)
        pool = self._roles_by_class.get(role_class(role), []) if parts is None else self._roles_by_country[parts[1]]
        return [other for other in pool if other != role]
