"""Choosing the wrong options: same kind as the key, plausible, and never also true.

Candidates come from the content first (another real year of the story, another
real person), then are made near the key when the content has too few (a year a
few years off, an amount a step away). Dates and amounts are listed in order, and
which of them lie below or above the key is chosen so that the key lands on a
given position; other options are shuffled around the key's position.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TypeVar

from azrs_quiz.facts.dates import PartialDate
from azrs_quiz.questions.index import BankIndex, compatible, role_class
from azrs_quiz.questions.stems import Draft, display

T = TypeVar("T")

#: How far from the key a date from the content may be and still be a plausible distractor.
_DATE_WINDOW_MONTHS = {"year": 12 * 6, "month": 12 * 3, "day": 12 * 4}
#: How far apart (as a ratio) two amounts of the same unit may be.
_AMOUNT_RATIO = Decimal(4)


@dataclass(frozen=True)
class Options:
    """The options of one question and the index of the correct one."""

    texts: tuple[str, ...]
    answer: int


def choose_options(draft: Draft, index: BankIndex, rng: random.Random, *, size: int, placement: int) -> Options | None:
    """Options for ``draft``: ``size`` of them when the content allows, at least three.

    The key lands at position ``placement % len(options)`` (0-based); ordered options
    honour it as far as values exist on each side of the key. ``None`` when fewer than
    two fair distractors exist.
    """
    wanted = size - 1
    name = draft.domain.name
    if name == "date":
        return _ordered(draft, index, rng, wanted, placement, _date_candidates)
    if name == "amount":
        return _ordered(draft, index, rng, wanted, placement, _amount_candidates)
    key_text = display(draft.domain, draft.key, index)
    distractors = _pick(draft, index, _peers(draft, index, rng, wanted), key_text, wanted)
    if len(distractors) < 2:
        # Fewer good distractors beat more weak ones: only widen the pool when the
        # key's peers cannot fill even a three-option question.
        distractors = _pick(draft, index, _unordered_candidates(draft, index, rng, wanted), key_text, wanted)
    if len(distractors) < 2:
        return None
    rng.shuffle(distractors)
    answer = placement % (len(distractors) + 1)
    texts = [*distractors[:answer], key_text, *distractors[answer:]]
    return Options(tuple(texts), answer)


def _pick(draft: Draft, index: BankIndex, candidates: Iterable[Hashable], key_text: str, wanted: int) -> list[str]:
    """Up to ``wanted`` distinct distractor texts from ``candidates``, skipping true answers."""
    seen = {index.fold(key_text), *draft.excluded}
    distractors: list[str] = []
    for value in candidates:
        text = display(draft.domain, value, index)
        if index.fold(text) in seen or _true_by_rule(draft, text, index):
            continue
        seen.add(index.fold(text))
        distractors.append(text)
        if len(distractors) == wanted:
            break
    return distractors


def _peers(draft: Draft, index: BankIndex, rng: random.Random, wanted: int) -> list[Hashable]:
    """The key's closest peers: for a person, people of the same country and kind of office.

    A president among presidents: offering a foreign minister for "which president"
    would let the learner rule him out by his office alone.
    """
    if draft.domain.name != "person":
        return []
    assert isinstance(draft.key, str)
    person = index.content.people[draft.key]
    if person.role is None:
        return []
    return _sample(
        rng, index.people_by_country_class.get((person.country, role_class(person.role)), []), wanted * 2 + 3
    )


def _true_by_rule(draft: Draft, text: str, index: BankIndex) -> bool:
    """True when ``text`` is a true answer under the draft's :class:`~azrs_quiz.questions.stems.Truth`."""
    truth = draft.truth
    if truth is None:
        return False
    folded = index.fold(text)
    if truth.at is not None:
        at = truth.at
        return any(
            event.date is not None and compatible(event.date, at) for event in index.events_by_what.get(folded, ())
        )
    if truth.deal is not None:
        kind, parties, date = truth.deal
        return any(
            other.kind == kind
            and frozenset(other.parties) == parties
            and (date is None or other.date is None or compatible(other.date, date))
            for other in index.agreements_by_what.get(folded, ())
        )
    role = truth.role
    return any(
        person.role is not None and index.fold(person.role) == role for person in index.people_by_name.get(folded, ())
    )


# Unordered options: texts, people, places, sets of parties.


#: How many more candidates to try, from the widest pool, when the preferred ones run out
#: (most of them true answers, say, in a year full of events).
_LAST_RESORT = 64


def _unordered_candidates(draft: Draft, index: BankIndex, rng: random.Random, wanted: int) -> Iterator[Hashable]:
    """Candidates in order of preference; the caller skips true ones and stops when it has enough."""
    name = draft.domain.name
    per_tier = wanted * 2 + 3
    if name == "person":
        assert isinstance(draft.key, str)
        person = index.content.people[draft.key]
        role = role_class(person.role) if person.role is not None else None
        yield from _tiered(
            rng,
            [
                index.people_by_country_class.get((person.country, role), []) if role else [],
                index.office_holders_by_country.get(person.country, []),
                index.people_by_country.get(person.country, []),
                index.people_by_class.get(role, []) if role else [],
                index.people,
            ],
            per_tier,
        )
        yield from _sample(rng, index.people, _LAST_RESORT)
    elif name == "place":
        assert isinstance(draft.key, str)
        place = index.content.places[draft.key]
        same_kind = index.places_by_kind.get(place.kind, [])
        same_country = index.places_by_kind_country.get((place.kind, place.country), []) if place.country else []
        at_home = place.country in index.home_countries
        same_side = index.places_by_kind_home.get((place.kind, at_home), [])
        yield from _tiered(rng, [same_country, same_side, same_kind], per_tier)
        yield from _sample(rng, same_kind, _LAST_RESORT)
    elif name == "parties":
        assert isinstance(draft.key, frozenset)
        # Sets of the same kinds of party first (two countries for two countries), then the key
        # with one party swapped, then any other set of as many parties.
        sets = index.party_sets.get(len(draft.key), [])
        pooled = _sample(rng, sets, per_tier)
        signature = index.party_signature(draft.key)
        yield from (parties for parties in pooled if index.party_signature(parties) == signature)
        yield from _swapped_parties(draft.key, index, rng)
        yield from pooled
        yield from _sample(rng, sets, _LAST_RESORT)
    elif draft.domain.bucket == "role":
        assert isinstance(draft.key, str)
        yield from _closest_in_length(
            draft.key, _sample(rng, index.roles_by_class.get(role_class(draft.key), []), per_tier)
        )
        yield from _closest_in_length(draft.key, _roles_like(draft.key, index, rng))
        yield from _closest_in_length(draft.key, _sample(rng, index.roles, per_tier))
        yield from _sample(rng, index.roles, _LAST_RESORT)
    elif draft.domain.bucket == "event-what":
        assert isinstance(draft.key, str)
        # Events of nearby years first: "which happened in February 2011?" is harder with June 2011 on offer.
        date = getattr(draft.fact, "date", None)
        if isinstance(date, PartialDate):
            years = [index.event_whats_by_year.get(year, []) for year in range(date.year - 3, date.year + 4)]
            yield from _closest_in_length(draft.key, _sample_across(rng, years, per_tier))
        yield from _closest_in_length(draft.key, _sample(rng, index.dated_event_whats, per_tier))
        yield from _sample(rng, index.dated_event_whats, _LAST_RESORT)
    else:
        assert isinstance(draft.key, str)
        yield from _closest_in_length(draft.key, _sample(rng, index.agreement_whats, per_tier))
        yield from _sample(rng, index.agreement_whats, _LAST_RESORT)


def _closest_in_length(key: str, texts: Iterable[Hashable]) -> list[Hashable]:
    """Prefer texts about as long as the key, so the key's length gives nothing away."""
    # True answers are left for the caller to skip: it stops checking once it has enough.
    ordered = [text for text in texts if isinstance(text, str)]
    ordered.sort(key=lambda text: abs(len(text) - len(key)))  # stable: random order among equals
    return [*ordered]


def _roles_like(role: str, index: BankIndex, rng: random.Random) -> list[Hashable]:
    """Roles made from the key: the same office elsewhere, another office in the same country."""
    parts = index.role_parts.get(role)
    if parts is None:
        return []
    office, country = parts
    made: list[Hashable] = [
        f"{office} of {other}" for other in _sample(rng, index.office_countries, 6) if other != country
    ]
    made += [f"{other} of {country}" for other in _sample(rng, index.offices, 6) if other != office]
    rng.shuffle(made)
    return made


def _tiered(rng: random.Random, tiers: list[Sequence[Hashable]], per_tier: int) -> Iterator[Hashable]:
    """Candidates from the preferred buckets first, each bucket sampled only when reached."""
    for tier in tiers:
        yield from _sample(rng, tier, per_tier)


def _sample(rng: random.Random, items: Sequence[T], limit: int) -> list[T]:
    """Up to ``limit`` items in random order, without copying a large sequence."""
    if len(items) <= limit:
        shuffled = list(items)
        rng.shuffle(shuffled)
        return shuffled
    return rng.sample(items, limit)


def _sample_across(rng: random.Random, lists: Sequence[Sequence[T]], limit: int) -> list[T]:
    """Up to ``limit`` items drawn from several lists as if they were one, without joining them."""
    total = sum(len(items) for items in lists)
    picked: list[T] = []
    for position in range(total) if total <= limit else rng.sample(range(total), limit):
        for items in lists:
            if position < len(items):
                picked.append(items[position])
                break
            position -= len(items)
    if total <= limit:
        rng.shuffle(picked)
    return picked


def _swapped_parties(key: frozenset[str], index: BankIndex, rng: random.Random) -> list[Hashable]:
    """Sets like the key with one party replaced by another of the same kind.

    Parties of other agreements come first: a real partner is a more plausible distractor.
    """
    made: list[Hashable] = []
    later: list[Hashable] = []
    for party in sorted(key):
        kind = index.party_kind(party)
        for pool, out in ((index.agreement_parties_by_kind[kind], made), (index.parties_by_kind[kind], later)):
            others = [other for other in _sample(rng, pool, 8) if other not in key]
            out.extend((key - {party}) | {other} for other in others[:3])
    rng.shuffle(made)
    rng.shuffle(later)
    return [*made, *later]


# Ordered options: dates and amounts.

Candidates = Callable[[Draft, BankIndex, random.Random], tuple[list[Hashable], list[Hashable]]]


def _ordered(
    draft: Draft, index: BankIndex, rng: random.Random, wanted: int, placement: int, candidates: Candidates
) -> Options | None:
    below, above = candidates(draft, index, rng)
    key_text = display(draft.domain, draft.key, index)
    seen = {key_text}
    usable: list[list[tuple[Hashable, str]]] = []
    for side in (below, above):
        kept: list[tuple[Hashable, str]] = []
        for value in side:
            text = display(draft.domain, value, index)
            if text not in seen and not _excluded(draft, value, text, index):
                seen.add(text)
                kept.append((value, text))
            if len(kept) == wanted:
                break
        usable.append(kept)
    low, high = usable
    distractors = min(wanted, len(low) + len(high))
    if distractors < 2:
        return None
    below_count = min(placement % (distractors + 1), len(low))
    above_count = min(distractors - below_count, len(high))
    below_count = distractors - above_count
    chosen = sorted([*low[:below_count], (draft.key, key_text), *high[:above_count]], key=lambda pair: _order(pair[0]))
    return Options(tuple(text for _, text in chosen), below_count)


def _order(value: Hashable) -> tuple[int, int, int] | Decimal:
    if isinstance(value, PartialDate):
        return value.sort_key
    assert isinstance(value, Decimal)
    return value


def _excluded(draft: Draft, value: Hashable, text: str, index: BankIndex) -> bool:
    if draft.domain.name == "date":
        assert isinstance(value, PartialDate)
        return any(isinstance(other, PartialDate) and compatible(value, other) for other in draft.excluded)
    return index.fold(text) in draft.excluded


def _date_candidates(draft: Draft, index: BankIndex, rng: random.Random) -> tuple[list[Hashable], list[Hashable]]:
    key = draft.key
    assert isinstance(key, PartialDate)
    window = _DATE_WINDOW_MONTHS[key.precision]
    below: list[Hashable] = []
    above: list[Hashable] = []
    pool = index.dates.get(key.precision)
    if pool is not None:
        near_below, near_above = pool.nearest(key.sort_key, 6)
        below = [date for date in near_below if _months_apart(date, key) <= window]
        above = [date for date in near_above if _months_apart(date, key) <= window]
    made_below, made_above = _dates_near(key, rng)
    # A made-up date after the newest in the content would stand out as "in the future".
    latest = index.latest_year + 1
    made_above = [date for date in made_above if isinstance(date, PartialDate) and date.year <= max(latest, key.year)]
    if draft.domain.qualifier == "over":
        # "over $300 million" makes every "over" a smaller amount true as well.
        return [], above + made_above
    return below + made_below, above + made_above


def _months_apart(first: Hashable, second: PartialDate) -> int:
    assert isinstance(first, PartialDate)
    return abs((first.year - second.year) * 12 + (first.month or 1) - (second.month or 1))


def _dates_near(key: PartialDate, rng: random.Random) -> tuple[list[Hashable], list[Hashable]]:
    """Dates a little before and after the key, at its precision, in random order."""
    if key.precision == "year":
        steps = rng.sample(range(1, 6), 5)
        return (
            [_date(key.year - step) for step in steps if key.year - step >= 1],
            [_date(key.year + step) for step in steps if key.year + step <= 9999],
        )
    below: list[Hashable] = []
    above: list[Hashable] = []
    if key.precision == "month":
        assert key.month is not None
        months = key.year * 12 + key.month - 1
        for step in rng.sample(range(1, 13), 4):
            for count, side in ((months - step, below), (months + step, above)):
                if 12 <= count < 120000:
                    side.append(_date(count // 12, count % 12 + 1))
        return below, above
    assert key.month is not None and key.day is not None
    day = datetime.date(key.year, key.month, key.day).toordinal()
    for step in rng.sample(range(3, 200), 4):
        for ordinal, side in ((day - step, below), (day + step, above)):
            if 1 <= ordinal <= datetime.date.max.toordinal():
                moved = datetime.date.fromordinal(ordinal)
                side.append(_date(moved.year, moved.month, moved.day))
    return below, above


@lru_cache(maxsize=1 << 14)
def _date(year: int, month: int | None = None, day: int | None = None) -> PartialDate:
    # Made from a valid date by arithmetic, so validation would only cost time.
    return PartialDate.model_construct(year=year, month=month, day=day)


def _amount_candidates(draft: Draft, index: BankIndex, rng: random.Random) -> tuple[list[Hashable], list[Hashable]]:
    key = draft.key
    assert isinstance(key, Decimal)
    below: list[Hashable] = []
    above: list[Hashable] = []
    pool = index.amounts.get(draft.domain.bucket)  # type: ignore[call-overload]
    if pool is not None:
        near_below, near_above = pool.nearest(key, 6)
        below = [value for value in near_below if isinstance(value, Decimal) and value * _AMOUNT_RATIO >= key]
        above = [value for value in near_above if isinstance(value, Decimal) and value <= key * _AMOUNT_RATIO]
    step = _amount_step(key)
    made_below: list[Hashable] = [
        key - step * count for count in range(1, 5) if (key - step * count) * _AMOUNT_RATIO >= key
    ]
    made_above: list[Hashable] = [key + step * count for count in range(1, 5)]
    if draft.domain.qualifier == "over":
        # "over $300 million" makes every "over" a smaller amount true as well.
        return [], above + made_above
    return below + made_below, above + made_above


def _amount_step(value: Decimal) -> Decimal:
    """A step that keeps made-up amounts round and near.

    300 million -> 50 million (250, 350), 400 million -> 100 million, 69 -> 10 (59, 79),
    1.5 billion -> 500 million, 155 -> 10.
    """
    exponent = value.adjusted()
    unit = Decimal(10) ** exponent
    small = value < 4 * unit  # a leading digit of 1 to 3: a whole unit would be too far
    if value % unit == 0 or value % (unit / 10) == 0:
        return unit / 2 if small else unit
    if exponent < 1:
        return unit
    return unit / 10
