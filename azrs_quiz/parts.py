"""Computing a pure function of a long list in parts, on several cores where the machine has them.

The bank of a big pack spends most of its time choosing options, one draft at a time,
each draft on its own: that work splits across processes with no change to its
result. Each part but the first is computed in a child process forked from this one,
so it sees the drafts and the index as they are, with nothing copied or pickled on
the way in; it sends back only its results, through a pipe. This process computes
the first part and joins the rest in order. A process with a little work of its own
to do meanwhile (the imports an export needs, while its content files are parsed)
leaves every part to children, one per core: its own work is soon done, and then it
only waits. Items of unequal cost (files of different sizes) can be weighed, so
that the parts take about as long as each other.

Forking is done only where it is safe and pays: on Linux, from a process running a
single thread (a fork copies only the calling thread, and a lock another thread holds
would stay held in the child), for lists long enough. Anywhere else, and for any part
whose child fails, the part is computed here: the result never depends on the split.
"""

from __future__ import annotations

import bisect
import itertools
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: The fewest items worth a part of their own. A fork and its pipe cost a few milliseconds;
#: 500 drafts' options take about 25 ms (a 1,000-fact pack's bank, in two parts, builds a
#: quarter faster). The bundled content, about a hundred drafts, is never split.
MIN_PART = 500


@dataclass
class _Child:
    pid: int
    pipe: int
    start: int
    stop: int


@dataclass
class Parts(Generic[T, R]):
    """A list being mapped in parts; :meth:`results` gives the whole result, in order."""

    function: Callable[[Sequence[T]], list[R]]
    items: Sequence[T]
    #: The items before this one are computed here (none when every part went to a child).
    first_stop: int
    #: Children not yet collected, in the order of their parts.
    children: list[_Child] = field(default_factory=list)

    def results(self) -> list[R]:
        """``function(items)``: the first part computed here, the others collected from their children."""
        results = self.function(self.items[: self.first_stop])
        while self.children:
            results.extend(self._collect(self.children[0]))
        return results

    def _collect(self, child: _Child) -> list[R]:
        with open(child.pipe, "rb", closefd=False) as pipe:
            data = pipe.read()
        status = self._reap(child, kill=False)
        if os.waitstatus_to_exitcode(status) == 0:
            try:
                part: list[R] = pickle.loads(data)  # our own child, through our own pipe
                return part
            except Exception:  # a part cut short: computed below instead
                pass
        return self.function(self.items[child.start : child.stop])

    def abandon(self) -> None:
        """Stop and reap every child not yet collected."""
        while self.children:
            self._reap(self.children[0], kill=True)

    def _reap(self, child: _Child, *, kill: bool) -> int:
        """Wait for the child to end (killing it first if asked), forget it, and give its wait status."""
        if kill:
            os.kill(child.pid, signal.SIGKILL)  # not reaped yet, so the pid is still the child's
        _, status = os.waitpid(child.pid, 0)
        os.close(child.pipe)
        self.children.remove(child)
        return status


@contextmanager
def parts_started(
    function: Callable[[Sequence[T]], list[R]],
    items: Sequence[T],
    *,
    min_part: int | None = None,
    here: bool = True,
    weights: Sequence[float] | None = None,
) -> Iterator[Parts[T, R]]:
    """Start mapping ``function`` over ``items`` in parts, each part beyond the first in a forked child.

    ``function`` must be pure and give one result per item, so that the results of the
    parts, joined, are ``function(items)``. The block may do other work while the
    children run; it ends by calling :meth:`Parts.results`. Children still running
    when the block ends (by an exception) are stopped. With ``here=False`` every part
    goes to a child, one per core, for a block with a little work of its own before it
    waits (on a single core, :meth:`Parts.results` computes them all here). ``weights``
    (one per item, the cost of each) places the cuts so that the parts weigh the same;
    without them, the parts hold the same number of items.
    """
    count = _part_count(len(items), MIN_PART if min_part is None else min_part, alone=here)
    # 1: this process computes the first part (the only one where none is forked); 0: children do all.
    kept = 1 if here or not count else 0
    bounds = _bounds(len(items), max(count, 1), weights)
    parts = Parts(function, items, bounds[kept])
    try:
        for start, stop in itertools.pairwise(bounds[kept:]):
            if start < stop:  # an empty part (items of no weight) needs no child
                parts.children.append(_fork(function, items, start, stop))
        yield parts
    finally:
        parts.abandon()


def _fork(function: Callable[[Sequence[T]], list[R]], items: Sequence[T], start: int, stop: int) -> _Child:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        # The child: compute, send, and leave by os._exit, so that no exit handler runs and no
        # output this process had buffered is written a second time by the child's copy.
        code = 1
        try:
            os.close(read_end)
            data = pickle.dumps(function(items[start:stop]), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    return _Child(pid, read_end, start, stop)


def _part_count(length: int, min_part: int, *, alone: bool) -> int:
    """How many parts to make, one per core: 0 where forking is unsafe or pays nothing.

    ``alone`` is false when this process has work of its own meanwhile: on one core, a
    child would only take turns with it.
    """
    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return 0
    cores = _usable_cores()
    if not alone and cores < 2:
        return 0
    return min(cores, length // max(min_part, 1))


def _bounds(length: int, count: int, weights: Sequence[float] | None) -> list[int]:
    """Where ``count`` parts of ``length`` items start and stop: as many items each, or as much weight."""
    if weights is None:
        return [length * part // count for part in range(count + 1)]
    if len(weights) != length:
        raise ValueError(f"{len(weights)} weights for {length} items")
    running = list(itertools.accumulate(weights, initial=0.0))  # the weight before each item
    cuts = [0]
    for part in range(count - 1):
        # What is left shared among the parts left (an item heavier than a share takes a part alone).
        target = running[cuts[-1]] + (running[-1] - running[cuts[-1]]) / (count - part)
        after = bisect.bisect_left(running, target, lo=cuts[-1])  # the first cut with this much before it
        # The cut whose weight before it comes closest to the target, never before the previous cut.
        closer = after - 1 if after > cuts[-1] and target - running[after - 1] < running[after] - target else after
        cuts.append(min(closer, length))
    return [*cuts, length]


def _usable_cores() -> int:
    """The cores this process may run on (its affinity, not the machine's count)."""
    return len(os.sched_getaffinity(0))
