"""The identities Anki keys our deck by: note type ids, deck ids and note GUIDs.

Anki recognises a note type, a deck and a note on import by these values alone.
They were drawn at random once (in genanki's recommended range, 2**30 to 2**31)
and are part of the published deck: changing any of them makes every user's
collection treat the next version as something new, with duplicates and lost
history. Never change them; add new ones instead.
"""

from __future__ import annotations

import hashlib

from azrs_quiz.facts.models import Topic

#: The multiple-choice note type ("azrs_quiz multiple choice").
MULTIPLE_CHOICE_MODEL_ID = 2127439772
#: The two-way recall note type ("azrs_quiz fact").
FACT_MODEL_ID = 1993031931

#: The parent deck; each topic has its own subdeck below it.
PARENT_DECK_ID = 1742590699
PARENT_DECK_NAME = "Azerbaijan\u2013Serbia relations"

#: One subdeck per topic: (id, the name shown after "Azerbaijan–Serbia relations::").
TOPIC_DECKS: dict[Topic, tuple[int, str]] = {
    "dates": (1195433077, "Dates"),
    "people": (1406496232, "People"),
    "agreements": (1657747391, "Agreements"),
    "related": (1222458092, "Related"),
}

#: Mixed into every GUID so our notes never collide with another deck's.
_GUID_NAMESPACE = "azrs-quiz"
#: The digits of Anki's GUIDs (genanki's BASE91_TABLE).
_BASE91 = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"


def topic_deck_name(topic: Topic) -> str:
    """The full name of a topic's subdeck, e.g. ``"Azerbaijan–Serbia relations::Dates"``."""
    return f"{PARENT_DECK_NAME}::{TOPIC_DECKS[topic][1]}"


def note_guid(key: str) -> str:
    """The GUID of the note with this stable key (``"mc:<question id>"`` or ``"fact:<fact id>"``).

    Derived from the key alone, never from field text, so an edited fact keeps its
    GUID and Anki updates the note in place instead of adding a new one.
    The value is exactly ``genanki.guid_for("azrs-quiz", key)`` (a test checks),
    computed without its per-digit overhead.
    """
    number = int.from_bytes(hashlib.sha256(f"{_GUID_NAMESPACE}__{key}".encode()).digest()[:8], "big")
    digits = []
    while number:
        number, digit = divmod(number, 91)
        digits.append(_BASE91[digit])
    return "".join(reversed(digits))
