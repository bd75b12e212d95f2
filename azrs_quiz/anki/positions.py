"""New-card positions that keep the cards of one fact apart.

Anki shows new cards by position (``due``), and by default all first cards (card
template 1) before any second card. The cards of one fact (its recall card and
its multiple-choice questions) would give each other's answers away if they came
one after another, and notes of different note types cannot be buried as
siblings. So the first cards are ordered like tasks with a cooldown: at each
position, the fact with the most cards still to place, among those that had no
card in the last :data:`GAP` positions, comes next (ties keep content order). The
gap shrinks only when the fact with the most cards could not be spread that far;
when every fact left had a card too recently, the longest-waiting one is taken.
Reverse cards (template 2, siblings of a recall card) come after every first card.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Sequence

#: How many other cards should come between two cards of one fact (Anki's default
#: new-card limit is 20 a day).
GAP = 20


def spaced_order(groups: Sequence[str], *, after: Sequence[str] = ()) -> list[int]:
    """The indexes of ``groups`` (one entry per card, naming its fact) in study order.

    ``after`` names the facts of the cards that come just before these, so that the
    first of these keep their distance from them too.
    """
    members: dict[str, deque[int]] = {}
    for index, group in enumerate(groups):
        queue = members.get(group)
        if queue is None:
            queue = members[group] = deque()
        queue.append(index)
    # A fact is known by its first appearance (the index of its first card); a ready fact is
    # ranked by (-cards left, first appearance), both in one number: -left * size + first.
    size = len(groups) + 1
    queues = {queue[0]: queue for queue in members.values()}
    most = max((len(queue) for queue in queues.values()), default=1)
    gap = min(GAP, (len(groups) - most) // max(most - 1, 1))
    ready = [first - len(queue) * size for first, queue in queues.items()]
    waiting: deque[tuple[int, int]] = deque()  # (position used, first appearance), in the order used
    # Only the last gap + 1 cards before these can hold a fact back: one placed earlier would
    # be released before the first position anyway (a whole deck's first cards, for the reverses).
    after = after[len(after) - gap - 1 :] if len(after) > gap + 1 else after
    recent = {group: position - len(after) for position, group in enumerate(after)}
    if recent:
        ready = [rank for rank in ready if groups[rank % size] not in recent]
        waiting.extend(
            (position, members[group][0])
            for group, position in sorted(recent.items(), key=lambda item: item[1])
            if group in members
        )
    heapq.heapify(ready)
    order: list[int] = []
    push, pop, wait, done_waiting = heapq.heappush, heapq.heappop, waiting.append, waiting.popleft
    for position in range(len(groups)):
        while waiting and position - waiting[0][0] > gap:
            first = done_waiting()[1]
            push(ready, first - len(queues[first]) * size)
        first = pop(ready) % size if ready else done_waiting()[1]
        queue = queues[first]
        order.append(queue.popleft())
        if queue:
            wait((position, first))
    return order
