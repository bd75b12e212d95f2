"""People by name and kin, and the offices they hold."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from azrs_quiz.facts.content import Content
from azrs_quiz.facts.models import Person
from azrs_quiz.questions.index.keys import role_class


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
