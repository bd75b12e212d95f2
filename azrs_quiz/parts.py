"""Computing a pure function of a long list in shares, on several cores where the machine has them.

The bank of a big pack spends most of its time choosing options, one draft at a time,
each draft on its own: that work splits across processes with no change to its
result. Child processes forked from this one see the drafts and the index as they
are, with nothing copied or pickled on the way in; they send back only their results,
through a pipe.

The list is cut into small shares, numbered in a queue (a pipe holding each share's
number) from which every worker takes the next share as soon as it is free: the
children from the moment they start, this process once it asks for the results. So
no worker waits while another has work left, whatever each share costs (a big file
next to small ones, drafts whose options cost twice others') and however fast each
process runs (a forked child is slowed by copying the pages it touches). A process
with other work to do meanwhile (the imports an export needs, while its content files
are parsed) starts one child per core instead of one fewer.

Forking is done only where it is safe and pays: on Linux, from a process running a
single thread (a fork copies only the calling thread, and a lock another thread holds
would stay held in the child), for lists long enough. Anywhere else, and for every
share a child took but did not send back, the work is done here: the result never
depends on who computed what.
"""

from __future__ import annotations

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

#: The fewest items worth a worker of their own. A fork and its pipe cost a few milliseconds;
#: 500 drafts' options take about 25 ms (a 1,000-fact pack's bank, on two cores, builds a
#: quarter faster). The bundled content, about a hundred drafts, is never split.
MIN_PART = 500

#: Shares per worker: enough that the last ones to finish end close together, few enough
#: that taking one (a read from a pipe) costs nothing next to computing it.
SHARES_PER_WORKER = 32

#: A share's number in the queue: four bytes, so that each read takes exactly one.
_TOKEN = 4


@dataclass
class _Child:
    pid: int
    pipe: int


@dataclass
class Parts(Generic[T, R]):
    """A list being mapped in shares; :meth:`results` gives the whole result, in order."""

    function: Callable[[Sequence[T]], list[R]]
    items: Sequence[T]
    #: Where each share starts, and the end of the list last.
    bounds: list[int]
    #: The read end of the queue of share numbers (``None`` when nothing was forked).
    queue: int | None = None
    #: Children not yet collected.
    children: list[_Child] = field(default_factory=list)

    def results(self) -> list[R]:
        """``function(items)``: the shares left in the queue computed here, the others collected from the children."""
        if self.queue is None:
            return self.function(self.items)
        done = _work_through(self.function, self.items, self.bounds, self.queue)
        while self.children:
            done.update(self._collect(self.children[0]))
        results: list[R] = []
        for share, (start, stop) in enumerate(itertools.pairwise(self.bounds)):
            # A share a child took and did not send back (it failed or was killed) is computed here.
            results.extend(done[share] if share in done else self.function(self.items[start:stop]))
        return results

    def _collect(self, child: _Child) -> dict[int, list[R]]:
        with open(child.pipe, "rb", closefd=False) as pipe:
            data = pipe.read()
        status = self._reap(child, kill=False)
        if os.waitstatus_to_exitcode(status) == 0:
            try:
                done: dict[int, list[R]] = pickle.loads(data)  # our own child, through our own pipe
                return done
            except Exception:  # cut short: its shares are computed here instead
                pass
        return {}

    def abandon(self) -> None:
        """Stop and reap every child not yet collected, and close the queue."""
        while self.children:
            self._reap(self.children[0], kill=True)
        if self.queue is not None:
            os.close(self.queue)
            self.queue = None

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
) -> Iterator[Parts[T, R]]:
    """Start mapping ``function`` over ``items`` in shares, in forked children and then here too.

    ``function`` must be pure and give one result per item, so that the results of the
    shares, joined, are ``function(items)``. The block may do other work while the
    children run; it ends by calling :meth:`Parts.results`, which takes the shares
    still queued. Children still running when the block ends (by an exception) are
    stopped. Each worker gets at least ``min_part`` items (default :data:`MIN_PART`).
    With ``here=False`` there is one child per core, for a block with a little work of
    its own before it waits (on a single core, none: :meth:`Parts.results` computes
    everything here); otherwise one fewer, this process being the last worker.
    """
    workers = _worker_count(len(items), MIN_PART if min_part is None else min_part, alone=here)
    children = workers - 1 if here else workers
    if children < 1:
        yield Parts(function, items, [0, len(items)])
        return
    shares = min(len(items), workers * SHARES_PER_WORKER)
    bounds = [len(items) * share // shares for share in range(shares + 1)]
    read_end, write_end = os.pipe()
    try:
        # Every number written before any worker starts, and the writing end closed: a worker
        # that finds the queue empty knows that no more work will come.
        os.write(write_end, b"".join(share.to_bytes(_TOKEN, "little") for share in range(shares)))
    finally:
        os.close(write_end)
    parts = Parts(function, items, bounds, read_end)
    try:
        for _ in range(children):
            parts.children.append(_fork(function, items, bounds, read_end))
        yield parts
    finally:
        parts.abandon()


def _work_through(
    function: Callable[[Sequence[T]], list[R]], items: Sequence[T], bounds: Sequence[int], queue: int
) -> dict[int, list[R]]:
    """Take shares from the queue until it is empty; give each one's results by its number."""
    done: dict[int, list[R]] = {}
    while token := os.read(queue, _TOKEN):
        share = int.from_bytes(token, "little")  # whole: a pipe never splits a four-byte read
        done[share] = function(items[bounds[share] : bounds[share + 1]])
    return done


def _fork(function: Callable[[Sequence[T]], list[R]], items: Sequence[T], bounds: Sequence[int], queue: int) -> _Child:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        # The child: compute, send, and leave by os._exit, so that no exit handler runs and no
        # output this process had buffered is written a second time by the child's copy.
        code = 1
        try:
            os.close(read_end)
            data = pickle.dumps(_work_through(function, items, bounds, queue), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    return _Child(pid, read_end)


def _worker_count(length: int, min_part: int, *, alone: bool) -> int:
    """How many processes to share the work among, one per core: 0 where forking is unsafe or pays nothing.

    ``alone`` is false when this process has work of its own meanwhile: on one core, a
    child would only take turns with it.
    """
    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return 0
    cores = _usable_cores()
    if not alone and cores < 2:
        return 0
    return min(cores, length // max(min_part, 1))


def _usable_cores() -> int:
    """The cores this process may run on (its affinity, not the machine's count)."""
    return len(os.sched_getaffinity(0))
