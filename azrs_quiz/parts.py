"""Computing a pure function of a long list in parts, on several cores where the machine has them.

The bank of a big pack spends most of its time choosing options, one draft at a time,
each draft on its own: that work splits across processes with no change to its
result. Each part but the first is computed in a child process forked from this one,
so it sees the drafts and the index as they are, with nothing copied or pickled on
the way in; it sends back only its results, through a pipe. This process computes
the first part and joins the rest in order. A process with work of its own to do
meanwhile (the imports an export needs, while its content files are parsed) leaves
every part to children, keeping a core for itself.

Forking is done only where it is safe and pays: on Linux, from a process running a
single thread (a fork copies only the calling thread, and a lock another thread holds
would stay held in the child), for lists long enough. Anywhere else, and for any part
whose child fails, the part is computed here: the result never depends on the split.
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
) -> Iterator[Parts[T, R]]:
    """Start mapping ``function`` over ``items`` in parts, each part beyond the first in a forked child.

    ``function`` must be pure and give one result per item, so that the results of the
    parts, joined, are ``function(items)``. The block may do other work while the
    children run; it ends by calling :meth:`Parts.results`. Children still running
    when the block ends (by an exception) are stopped. With ``here=False`` every part
    goes to a child, on one core fewer, for a block busy with work of its own; where
    nothing can be forked, :meth:`Parts.results` computes them all.
    """
    count = _part_count(len(items), MIN_PART if min_part is None else min_part, spare=0 if here else 1)
    # 1: this process computes the first part (the only one where none is forked); 0: children do all.
    kept = 1 if here or not count else 0
    count = max(count, 1)
    bounds = [len(items) * part // count for part in range(count + 1)]
    parts = Parts(function, items, bounds[kept])
    try:
        for start, stop in itertools.pairwise(bounds[kept:]):
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


def _part_count(length: int, min_part: int, *, spare: int = 0) -> int:
    """How many parts to fork, keeping ``spare`` cores for this process: 0 where forking is unsafe or pays nothing."""
    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return 0
    return max(0, min(_usable_cores() - spare, length // max(min_part, 1)))


def _usable_cores() -> int:
    """The cores this process may run on (its affinity, not the machine's count)."""
    return len(os.sched_getaffinity(0))
