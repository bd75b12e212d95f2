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
from azrs_quiz.facts.models import Agreement, Person
from azrs_quiz.frozen import quick_init
from azrs_quiz.questions.index import AmountBucket, BankIndex, compatible
from azrs_quiz.questions.stems import Draft, display

T = TypeVar("T")

#: How far from the key a date from the content may be and still be a plausible distractor.
_DATE_WINDOW_MONTHS = {"year": 12 * 6, "month": 12 * 3, "day": 12 * 4}
#: How far apart (as a ratio) two amounts of the same unit may be.
_AMOUNT_RATIO = Decimal(4)


@quick_init
@dataclass(frozen=True)
class Options:
    """The options of one question and the index of the correct one."""

    texts: tuple[str, ...]
    answer: int


@dataclass(frozen=True)
class Shortfall:
    """Why a draft got no options: fewer than two fair wrong options of the key's kind exist."""

    found: int
    #: What a wrong option must be, as a noun phrase: "other Azerbaijani officials".
    wanted: str
    #: The whole reason, when it is not a count of missing options.
    because: str | None = None

    @property
    def reason(self) -> str:
        """The sentence an author reads, e.g. "needs two other parks in Serbia to offer as options; the content has none"."""
        if self.because is not None:
            return self.because
        has = {0: "none", 1: "one"}.get(self.found, str(self.found))
        return f"needs two {self.wanted} to offer as options; the content has {has}"


def choose_options(draft: Draft, index: BankIndex, seed: int, *, size: int, placement: int) -> Options | Shortfall:
    """Options for ``draft``: ``size`` of them when the content allows, at least three.

    Wrong options come only from the key's own category (a city of the same country, an
    official of the same country, a date no earlier than the fact's ``earliest``); where
    fewer than two exist the result is a :class:`Shortfall` saying what is missing, never
    options padded from another category. Random draws come from a generator seeded
    with ``seed``, made only when the draft needs one. The key lands at position
    ``placement % len(options)`` (0-based); ordered options honour it as far as values
    exist on each side of the key.
    """
    wanted = size - 1
    name = draft.domain.name
    if name == "date":
        return _ordered(draft, index, seed, wanted, placement, _date_candidates)
    if name == "amount":
        if draft.domain.qualifier == "over":
            # "over $300 million": a larger amount may be true and a smaller "over" is true,
            # so only a question written in full (a Choice) can ask it fairly.
            because = (
                "asks for a threshold ('over ...'): a larger amount may be true and a smaller threshold is;"
                " write it as a choice whose wrong options are amounts the source rules out"
            )
            return Shortfall(0, "amounts", because)
        return _ordered(draft, index, seed, wanted, placement, _amount_candidates)
    key_text = display(draft.domain, draft.key, index)
    if name == "choice":
        return _authored_options(draft, key_text, wanted, placement)
    rng = random.Random(seed)
    if name == "person":
        # A president among presidents while two exist; only then other officials of his country.
        person = index.content.people[str(draft.key)]
        distractors: list[str] = []
        for rank, tier in enumerate(_person_pools(person, index)):
            # Past the key's own office, only as many as make three options: fewer weak ones.
            room = wanted if rank == 0 else 2
            found = _pick(draft, index, _sample(rng, tier, wanted * 2 + _SPARE), key_text, room, distractors)
            distractors.extend(found)
            if len(distractors) >= 2:
                break
    else:
        distractors = _pick(draft, index, _unordered_candidates(draft, index, rng, wanted), key_text, wanted)
    if len(distractors) < 2:
        return Shortfall(len(distractors), _wanted_noun(draft, index))
    rng.shuffle(distractors)
    answer = placement % (len(distractors) + 1)
    texts = [*distractors[:answer], key_text, *distractors[answer:]]
    return Options(tuple(texts), answer)


def _authored_options(draft: Draft, key_text: str, wanted: int, placement: int) -> Options:
    """A choice's options: the author's wrong ones, amounts and spans of time in order, others around the key."""
    distractors = list(draft.wrong[:wanted])
    texts = [key_text, *distractors]
    magnitudes = [_magnitude(text) for text in texts]
    if draft.answer_kind in ("amount", "date") and all(value is not None for value in magnitudes):
        ordered = sorted(zip(magnitudes, texts, strict=True), key=lambda pair: pair[0] or 0)
        options = tuple(text for _, text in ordered)
        return Options(options, options.index(key_text))
    answer = placement % (len(distractors) + 1)
    return Options(tuple([*distractors[:answer], key_text, *distractors[answer:]]), answer)


#: Spans of time in days, for ordering "five days", "four months", "the same day".
_SPANS = {"day": 1, "week": 7, "month": 30, "year": 365}
_WORD_NUMBERS = {
    word: value
    for value, words in enumerate(
        ("", "one a an", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
    )
    for word in words.split()
}
_SCALE_WORDS = {"million": 10**6, "billion": 10**9}


def _magnitude(text: str) -> float | None:
    """How large an amount or a span of time reads: "over $300 million" -> 3e8, "four months" -> 120.

    A range reads as its lower bound ("$100 million to $200 million" -> 1e8); "under" and
    "over" a bound read just below and just above it, so that ranges sort in order.
    """
    words = text.casefold().replace(",", "").replace("$", " ").replace("€", " ").split()
    if "same" in words and "day" in words:
        return 0.0
    for position, word in enumerate(words):
        number = _number(word)
        if number is None:
            continue
        for later in words[position + 1 :]:
            if _number(later) is not None:
                break
            if later in _SCALE_WORDS:
                number *= _SCALE_WORDS[later]
            elif later.rstrip("s") in _SPANS:
                number *= _SPANS[later.rstrip("s")]
                break
        return number * _BOUND_NUDGE.get(words[position - 1] if position else "", 1.0)
    return None


#: "under 100" sorts just below a range starting at 100, "over 300" just above 300.
_BOUND_NUDGE = {"under": 0.999, "below": 0.999, "over": 1.001, "above": 1.001}


def _number(word: str) -> float | None:
    if word in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[word])
    try:
        return float(word)
    except ValueError:
        return None


def _pick(
    draft: Draft,
    index: BankIndex,
    candidates: Iterable[Hashable],
    key_text: str,
    wanted: int,
    taken: Sequence[str] = (),
) -> list[str]:
    """Up to ``wanted`` (less those ``taken``) distinct distractor texts from ``candidates``, skipping true answers."""
    seen = {index.fold(key_text), *draft.excluded, *(index.fold(text) for text in taken)}
    wanted -= len(taken)
    distractors: list[str] = []
    if wanted <= 0:
        return distractors
    for value in candidates:
        text = display(draft.domain, value, index)
        if index.fold(text) in seen or _true_by_rule(draft, text, index):
            continue
        seen.add(index.fold(text))
        distractors.append(text)
        if len(distractors) == wanted:
            break
    return distractors


def _true_by_rule(draft: Draft, text: str, index: BankIndex) -> bool:
    """True when ``text`` is a true answer under the draft's :class:`~azrs_quiz.questions.stems.Truth`."""
    truth = draft.truth
    if truth is None:
        return False
    if truth.at is not None:
        return index.events.happened_at(text, truth.at)
    if truth.deal is not None:
        kind, parties, date = truth.deal
        return index.agreements.made_deal(text, kind, parties, date)
    return truth.role is not None and index.people.holds_role(text, truth.role)


# Unordered options: texts, people, places, sets of parties.


#: How many candidates to try per pool, beyond the wanted count (most may be true answers).
_SPARE = 64
#: Events within this many years of the key's date are "of its time" (about a decade).
_EVENT_YEARS = 5


def _unordered_candidates(draft: Draft, index: BankIndex, rng: random.Random, wanted: int) -> Iterator[Hashable]:
    """Candidates of the key's own category only, in order of preference; the caller skips true ones."""
    name = draft.domain.name
    limit = wanted * 2 + _SPARE
    if name == "place":
        assert isinstance(draft.key, str)
        yield from _sample(rng, index.places.peers_of(index.content.places[draft.key]), limit)
    elif name == "parties":
        assert isinstance(draft.key, frozenset)
        # Sets of the same kinds of party (two countries for two countries), real ones first.
        yield from _sample(rng, index.agreements.party_sets_like(draft.key), limit)
        yield from _swapped_parties(draft.key, index, rng)
    elif draft.domain.bucket == "role":
        assert isinstance(draft.key, str)
        yield from _closest_in_length(draft.key, _sample(rng, index.people.offices_like(draft.key), limit))
    elif draft.domain.bucket == "event-what":
        assert isinstance(draft.key, str)
        date = getattr(draft.fact, "date", None)
        if isinstance(date, PartialDate):
            # Events of the key's own decade: 2011 events are no options for 1839.
            years = index.events.whats_around(date.year, _EVENT_YEARS)
            yield from _closest_in_length(draft.key, _sample_across(rng, years, limit))
    else:
        assert isinstance(draft.key, str)
        yield from _closest_in_length(draft.key, _sample(rng, _agreement_pool(draft, index), limit))


def _person_pools(person: Person, index: BankIndex) -> list[list[str]]:
    """People who may stand in for ``person``: same country and category; the same kind of office first.

    A minister among ministers of his own country, then its other officials; never a
    foreigner for "which Azerbaijani minister", never a composer for "which president".
    """
    return index.people.pools_of(person)


def _agreement_pool(draft: Draft, index: BankIndex) -> list[str]:
    """What other agreements of the same family covered: a deal for a deal, money lent for money lent.

    An agreement known to a date is set only among dated ones: an undated contract might
    have been made in the year the stem names.
    """
    fact = draft.fact
    assert isinstance(fact, Agreement)
    return index.agreements.whats_of_family(fact.kind, dated_only=fact.date is not None)


def _wanted_noun(draft: Draft, index: BankIndex) -> str:
    """What a wrong option of this draft must be, for :class:`Shortfall`: "other Serbian cities"."""
    name = draft.domain.name
    if name == "person":
        assert isinstance(draft.key, str)
        person = index.content.people[draft.key]
        where = index.content.places.get(person.country or "")
        category = _plural(person.category.replace("-", " ")) if person.category else "people"
        return f"other {where.name + ' ' if where else ''}{category}"
    if name == "place":
        assert isinstance(draft.key, str)
        place = index.content.places[draft.key]
        noun = _plural((place.category or place.kind).replace("-", " "))
        where = index.content.places.get(place.country or "")
        return f"other {noun}{' in ' + where.name if where else ''}"
    if name == "parties":
        return "other sets of parties of the same kinds"
    if name == "choice":
        return "wrong options"
    if draft.domain.bucket == "role":
        return "other offices of the same country"
    if draft.domain.bucket == "event-what":
        return f"other events within {_EVENT_YEARS} years of it"
    return "other agreements of the same family"


def _plural(noun: str) -> str:
    """ "city" -> "cities", "place of worship" -> "places of worship", "park" -> "parks"."""
    head, of, rest = noun.partition(" of ")
    head = head[:-1] + "ies" if head.endswith("y") and head[-2:-1] not in "aeiou" else head + "s"
    return f"{head}{of}{rest}"


def _closest_in_length(key: str, texts: Iterable[Hashable]) -> list[str]:
    """Prefer texts about as long as the key, so the key's length gives nothing away."""
    # True answers are left for the caller to skip: it stops checking once it has enough.
    length = len(key)
    ordered = [text for text in texts if isinstance(text, str)]
    ordered.sort(key=lambda text: abs(len(text) - length))  # stable: random order among equals
    return ordered


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
        made_deals, any_party = index.agreements.parties_like(party)
        for pool, out in ((made_deals, made), (any_party, later)):
            others = [other for other in _sample(rng, pool, 8) if other not in key]
            out.extend((key - {party}) | {other} for other in others[:3])
    rng.shuffle(made)
    rng.shuffle(later)
    return [*made, *later]


# Ordered options: dates and amounts.

#: A key's candidates from the content, below and above it, nearest first; and, called only
#: when those run short, the made-up ones (drawn from a generator seeded with the given seed).
Candidates = Callable[
    [Draft, BankIndex, int], tuple[list[Hashable], list[Hashable], Callable[[], tuple[list[Hashable], list[Hashable]]]]
]


def _ordered(
    draft: Draft, index: BankIndex, seed: int, wanted: int, placement: int, candidates: Candidates
) -> Options | Shortfall:
    below, above, made_up = candidates(draft, index, seed)
    key_text = display(draft.domain, draft.key, index)
    seen = {key_text}
    made: tuple[list[Hashable], list[Hashable]] | None = None
    usable: list[list[tuple[Hashable, str]]] = []
    for side, content_side in enumerate((below, above)):
        kept: list[tuple[Hashable, str]] = []
        _keep(draft, index, content_side, kept, seen, wanted)
        if len(kept) < wanted:
            # Made up only when the content runs short: the draws cost more than the rest.
            made = made or made_up()
            _keep(draft, index, made[side], kept, seen, wanted)
        usable.append(kept)
    low, high = usable
    distractors = min(wanted, len(low) + len(high))
    if distractors < 2:
        earliest = draft.fact.earliest
        floor = f" no earlier than {earliest}" if earliest is not None and draft.domain.name == "date" else ""
        noun = "dates of the same precision" if draft.domain.name == "date" else "amounts of the same unit"
        return Shortfall(distractors, f"other {noun}{floor}")
    below_count = min(placement % (distractors + 1), len(low))
    above_count = min(distractors - below_count, len(high))
    below_count = distractors - above_count
    chosen = sorted([*low[:below_count], (draft.key, key_text), *high[:above_count]], key=lambda pair: _order(pair[0]))
    return Options(tuple(text for _, text in chosen), below_count)


def _keep(
    draft: Draft,
    index: BankIndex,
    values: Iterable[Hashable],
    kept: list[tuple[Hashable, str]],
    seen: set[str],
    wanted: int,
) -> None:
    """Add to ``kept`` (up to ``wanted``) the values whose text is new and not a true answer."""
    for value in values:
        if len(kept) == wanted:
            return
        text = display(draft.domain, value, index)
        if text not in seen and not _excluded(draft, value, text, index):
            seen.add(text)
            kept.append((value, text))


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


def _date_candidates(
    draft: Draft, index: BankIndex, seed: int
) -> tuple[list[Hashable], list[Hashable], Callable[[], tuple[list[Hashable], list[Hashable]]]]:
    key = draft.key
    assert isinstance(key, PartialDate)
    below, above = index.dates.nearest_dates_within(key, 6, _DATE_WINDOW_MONTHS[key.precision])
    earliest = draft.fact.earliest
    if earliest is not None:
        # Never a date before one of the parties existed as a state.
        below = [date for date in below if _not_before(date, earliest)]

    def made_up() -> tuple[list[Hashable], list[Hashable]]:
        made_below, made_above = _dates_near(key, random.Random(seed))
        # A made-up date after the newest in the content would stand out as "in the future".
        latest = index.dates.latest_year + 1
        made_above = [
            date for date in made_above if isinstance(date, PartialDate) and date.year <= max(latest, key.year)
        ]
        if earliest is not None:
            made_below = [date for date in made_below if _not_before(date, earliest)]
        return made_below, made_above

    return below, above, made_up


def _not_before(date: Hashable, earliest: PartialDate) -> bool:
    assert isinstance(date, PartialDate)
    return date.sort_key >= earliest.sort_key or compatible(date, earliest)


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


def _amount_candidates(
    draft: Draft, index: BankIndex, seed: int
) -> tuple[list[Hashable], list[Hashable], Callable[[], tuple[list[Hashable], list[Hashable]]]]:
    key = draft.key
    assert isinstance(key, Decimal)
    bucket: AmountBucket = draft.domain.bucket  # type: ignore[assignment]
    near_below, near_above = index.amounts.nearest_amounts(bucket, key, 6)
    below: list[Hashable] = [
        value for value in near_below if isinstance(value, Decimal) and value * _AMOUNT_RATIO >= key
    ]
    above: list[Hashable] = [
        value for value in near_above if isinstance(value, Decimal) and value <= key * _AMOUNT_RATIO
    ]

    def made_up() -> tuple[list[Hashable], list[Hashable]]:
        # Steps away from the key: no draws needed, amounts are made round.
        step = _amount_step(key)
        made_below: list[Hashable] = [
            key - step * count for count in range(1, 5) if (key - step * count) * _AMOUNT_RATIO >= key
        ]
        return made_below, [key + step * count for count in range(1, 5)]

    # No "over" case here: choose_options turns an "over" amount into a Shortfall before it gets this far.
    return below, above, made_up


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
