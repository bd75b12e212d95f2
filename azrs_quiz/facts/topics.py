"""The topics a quiz can be drawn from, and the one check behind every ``--topic``.

Importable without pydantic or the engine, so a quiz drawn from a cached bank needs neither.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from azrs_quiz.errors import UnknownTopic

#: The topics a quiz can be drawn from. A question's topic follows what it asks for: a date,
#: a person or office, a place, an event, an agreement (or its value or parties), a figure
#: the source gives (trade, exports, counts); facts of the related-articles pack are all in "related".
Topic = Literal["dates", "people", "places", "events", "agreements", "figures", "related"]
TOPICS: tuple[Topic, ...] = ("dates", "people", "places", "events", "agreements", "figures", "related")

#: The subject area of a fact, a second filter beside the topic.
Theme = Literal["politics", "economy", "culture", "visits", "defence", "history"]
THEMES: tuple[Theme, ...] = ("politics", "economy", "culture", "visits", "defence", "history")


def choose_topics(asked: str | Iterable[str] | None, available: Sequence[Topic]) -> tuple[Topic, ...]:
    """The topics asked for (one name or several, any case) among ``available``, in its order.

    ``None`` or no names means every available topic. Raises
    :class:`~azrs_quiz.errors.UnknownTopic`, naming the available topics, for any other.
    """
    if asked is None:
        return tuple(available)
    if isinstance(asked, str):
        asked = [asked]
    wanted = list(dict.fromkeys(topic.lower() for topic in asked))
    unknown = [topic for topic in wanted if topic not in available]
    if unknown:
        offered = ", ".join(available) or "none"
        raise UnknownTopic(f"no questions on topic '{unknown[0]}'; topics available: {offered}")
    if not wanted:
        return tuple(available)
    return tuple(topic for topic in available if topic in wanted)
