"""What a fork costs the process that forks: a page fault for each page it writes afterwards.

    .venv/bin/python benchmarks/fork_tax.py

A process holding a million small objects touches each of them (a reference count is a
write), alone, then after a child came and went, then while a child is alive. Writing a
page it shares with a child since the fork copies it; writing one the child has left
still faults once. This is why a second fork during an export (recall notes made beside
the bank) gained nothing: the parent paid in faults what the child saved it.
"""

from __future__ import annotations

import gc
import os
import time


def _touch(data: list[list[object]]) -> float:
    start = time.perf_counter()
    for item in data:
        _ = item
    return time.perf_counter() - start


def main() -> None:
    """Print the time to touch every object alone, after a fork, and beside a live child."""
    gc.disable()
    data: list[list[object]] = [[index, str(index)] for index in range(1_000_000)]
    _touch(data)
    print(f"alone: {_touch(data) * 1000:.0f} ms")
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    print(f"after a child came and went: {_touch(data) * 1000:.0f} ms, then {_touch(data) * 1000:.0f} ms")
    pid = os.fork()
    if pid == 0:
        time.sleep(2)
        os._exit(0)
    print(f"beside a live child: {_touch(data) * 1000:.0f} ms, then {_touch(data) * 1000:.0f} ms")
    os.waitpid(pid, 0)


if __name__ == "__main__":
    main()
