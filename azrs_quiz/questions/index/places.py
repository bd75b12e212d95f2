"""Places by kin."""

from __future__ import annotations

from collections import defaultdict

from azrs_quiz.facts.content import Content
from azrs_quiz.facts.models import Place


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
