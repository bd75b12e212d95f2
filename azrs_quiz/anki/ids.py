"""The identities Anki keys our deck by: note type ids, deck ids and note GUIDs.

Anki recognises a note type by its id and a note by its GUID; a deck it matches by
*name* (an imported deck whose name exists already is merged into that deck,
whatever its id). The note type ids and the first pack's deck id were drawn at
random once (in genanki's recommended range, 2**30 to 2**31); every other pack's
deck id is derived from the pack's id. They are part of the published deck:
changing a note type id or a GUID makes every user's collection treat the next
version as something new, with duplicates and lost history. Never change them.
"""

from __future__ import annotations

import hashlib

from azrs_quiz.facts.models import PackMeta, Topic

#: The multiple-choice note type ("azrs_quiz multiple choice").
MULTIPLE_CHOICE_MODEL_ID = 2127439772
#: The two-way recall note type ("azrs_quiz fact").
FACT_MODEL_ID = 1993031931

#: Deck ids published before deck ids were derived from pack ids.
_PUBLISHED_DECK_IDS = {"azerbaijan-serbia": 1742590699}
#: Packs whose GUIDs were published before other packs' GUIDs were kept apart by pack id.
_PUBLISHED_GUID_PACKS = frozenset({"azerbaijan-serbia", "related-relations"})

#: How the Topic field of a card names each topic.
TOPIC_LABELS: dict[Topic, str] = {
    "dates": "Dates",
    "people": "People",
    "places": "Places",
    "events": "Events",
    "agreements": "Agreements",
    "figures": "Figures",
    "related": "Related",
}

#: The tag of a note that left the content (its fields say why); one search finds them all.
RETIRED_TAG = "azrs::retired"
#: The tag of a note whose reverse card was retired while its recall card stays.
RETIRED_REVERSE_TAG = "azrs::reverse-retired"

#: Mixed into every GUID so our notes never collide with another deck's.
_GUID_NAMESPACE = "azrs-quiz"
#: What genanki.guid_for("azrs-quiz", key) hashes before the key.
_NOTE_GUID_PREFIX = f"{_GUID_NAMESPACE}__".encode()
#: The digits of Anki's GUIDs (genanki's BASE91_TABLE).
_BASE91 = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"
#: Every two-digit number in base 91, as its two digits.
_BASE91_PAIRS = tuple(high + low for high in _BASE91 for low in _BASE91)
_PAIR_BASE = len(_BASE91_PAIRS)


def deck_id(pack_id: str) -> int:
    """The deck id of a pack: the published one, else derived from the pack id (2**30 to 2**31)."""
    published = _PUBLISHED_DECK_IDS.get(pack_id)
    if published is not None:
        return published
    digest = hashlib.sha256(f"{_GUID_NAMESPACE} deck {pack_id}".encode()).digest()
    return 2**30 + int.from_bytes(digest[:8], "big") % 2**30


def deck_name(pack: PackMeta) -> str:
    """The deck name of a pack: its title, with ``::`` (Anki's subdeck separator) made harmless."""
    return " ".join(pack.title.replace("::", ":").split())


def pack_tag(pack_id: str) -> str:
    """The tag naming the pack a note comes from."""
    return f"azrs::pack::{pack_id}"


def pack_note_guid(key: str, pack_id: str) -> str:
    """The GUID of a note of this pack: two packs that use the same fact ids never share a note.

    The bundled packs keep the GUIDs they were published with (:func:`note_guid` of the key).
    """
    return note_guid(key if pack_id in _PUBLISHED_GUID_PACKS else f"{pack_id}/{key}")


def note_guid(key: str) -> str:
    """The GUID of the note with this stable key (``"mc:<question id>"`` or ``"fact:<fact id>"``).

    Derived from the key alone, never from field text, so an edited fact keeps its
    GUID and Anki updates the note in place instead of adding a new one.
    The value is exactly ``genanki.guid_for("azrs-quiz", key)`` (a test checks),
    computed without its per-digit loop.
    """
    return base91(int.from_bytes(hashlib.sha256(_NOTE_GUID_PREFIX + key.encode()).digest()[:8], "big"))


def base91(number: int) -> str:
    """A number below 2**64 in Anki's base 91, as genanki writes it: no leading zero digit, "" for 0."""
    # Five digit pairs hold it (91**10 > 2**64); "a" is the zero digit.
    number, fifth = divmod(number, _PAIR_BASE)
    number, fourth = divmod(number, _PAIR_BASE)
    number, third = divmod(number, _PAIR_BASE)
    first, second = divmod(number, _PAIR_BASE)
    pairs = _BASE91_PAIRS
    return f"{pairs[first]}{pairs[second]}{pairs[third]}{pairs[fourth]}{pairs[fifth]}".lstrip(_BASE91[0])
