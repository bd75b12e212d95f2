"""New-card positions: the order is the one the published decks were built with."""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st

from azrs_quiz.anki.positions import GAP, spaced_order


def _spaced_order_as_first_written(groups: Sequence[str], *, after: Sequence[str] = ()) -> list[int]:
    """spaced_order as it was first written (facts ranked by tuples), which the shipped decks follow."""
    members: dict[str, deque[int]] = {}
    for index, group in enumerate(groups):
        members.setdefault(group, deque()).append(index)
    most = max((len(queue) for queue in members.values()), default=1)
    gap = min(GAP, (len(groups) - most) // max(most - 1, 1))
    ready = [(-len(queue), queue[0], group) for group, queue in members.items()]
    heapq.heapify(ready)
    waiting: deque[tuple[int, int, str]] = deque()
    recent = {group: position - len(after) for position, group in enumerate(after)}
    if recent:
        ready = [entry for entry in ready if entry[2] not in recent]
        heapq.heapify(ready)
        waiting.extend(
            (position, members[group][0], group)
            for group, position in sorted(recent.items(), key=lambda item: item[1])
            if group in members
        )
    order: list[int] = []
    for position in range(len(groups)):
        while waiting and position - waiting[0][0] > gap:
            _, first, group = waiting.popleft()
            heapq.heappush(ready, (-len(members[group]), first, group))
        if ready:
            _, first, group = heapq.heappop(ready)
        else:
            _, first, group = waiting.popleft()
        order.append(members[group].popleft())
        if members[group]:
            waiting.append((position, first, group))
    return order


_facts = st.lists(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), max_size=200)


@given(_facts, _facts)
def test_the_order_is_the_order_first_written(groups: list[str], after: list[str]) -> None:
    assert spaced_order(groups, after=after) == _spaced_order_as_first_written(groups, after=after)


@given(st.lists(st.integers(min_value=0, max_value=2000), max_size=3000))
def test_big_decks_keep_the_order_too(facts: list[int]) -> None:
    groups = [f"fact-{fact}" for fact in facts]
    assert spaced_order(groups, after=groups[:50]) == _spaced_order_as_first_written(groups, after=groups[:50])


@given(
    st.lists(st.integers(min_value=0, max_value=300), max_size=60),
    st.lists(st.integers(min_value=0, max_value=300), max_size=2000),
)
def test_reverse_cards_after_a_whole_deck_keep_the_order(reverses: list[int], firsts: list[int]) -> None:
    # The reverse cards come after every first card: only the last of those can hold one back.
    groups = [f"fact-{fact}" for fact in reverses]
    after = [f"fact-{fact}" for fact in firsts]
    assert spaced_order(groups, after=after) == _spaced_order_as_first_written(groups, after=after)


def test_every_card_is_placed_once_and_one_facts_cards_are_apart() -> None:
    groups = [f"fact-{index % 40}" for index in range(120)]
    order = spaced_order(groups)
    assert sorted(order) == list(range(120))
    seen: dict[str, int] = {}
    for position, index in enumerate(order):
        group = groups[index]
        assert position - seen.get(group, -GAP - 1) > GAP
        seen[group] = position
