"""A long pure computation split across forked processes gives exactly what one process gives."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Sequence

import pytest
from helpers.processes import no_child_left
from hypothesis import given, settings
from hypothesis import strategies as st

from azrs_quiz import parts
from azrs_quiz.parts import parts_started

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parts are forked on Linux only")


@pytest.fixture(autouse=True)
def three_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Three parts wherever the lists are long enough, on a machine of any size."""
    monkeypatch.setattr(parts, "_usable_cores", lambda: 3)


def squares_with_pids(items: Sequence[int]) -> list[tuple[int, int]]:
    return [(item * item, os.getpid()) for item in items]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(), max_size=40), st.integers(min_value=1, max_value=10))
def test_the_parts_joined_are_the_whole(items: list[int], min_part: int) -> None:
    with parts_started(squares_with_pids, items, min_part=min_part) as started:
        results = started.results()

    assert [square for square, _ in results] == [item * item for item in items]
    assert no_child_left()


def slowly_with_pids(items: Sequence[float]) -> list[tuple[float, int]]:
    """Each item is how long it takes, in seconds."""
    for seconds in items:
        time.sleep(seconds)
    return [(seconds, os.getpid()) for seconds in items]


def test_the_children_and_this_process_share_the_work() -> None:
    with parts_started(slowly_with_pids, [0.02] * 30, min_part=10) as started:
        assert len(started.children) == 2  # three cores: two children, and this process
        results = started.results()

    pids = {pid for _, pid in results}
    assert len(pids) == 3 and os.getpid() in pids
    assert no_child_left()


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(), max_size=40), st.integers(min_value=1, max_value=10))
def test_left_to_children_the_parts_joined_are_still_the_whole(items: list[int], min_part: int) -> None:
    with parts_started(squares_with_pids, items, min_part=min_part, here=False) as started:
        results = started.results()

    assert [square for square, _ in results] == [item * item for item in items]
    assert no_child_left()


def test_a_busy_process_starts_one_child_per_core_and_takes_only_what_is_left() -> None:
    with parts_started(slowly_with_pids, [0.001] * 30, min_part=10, here=False) as started:
        assert len(started.children) == 3
        time.sleep(1)  # busy: the children take every share meanwhile
        results = started.results()

    pids = [pid for _, pid in results]
    assert os.getpid() not in pids and len(set(pids)) >= 2


def test_a_slow_item_does_not_hold_up_the_rest() -> None:
    # Shares are taken as workers free up: whoever takes the slow item takes little else.
    items = [1.0] + [0.01] * 59
    with parts_started(slowly_with_pids, items, min_part=1) as started:
        results = started.results()

    assert [seconds for seconds, _ in results] == items
    slow_worker = results[0][1]
    assert sum(pid == slow_worker for _, pid in results) < 10


def test_a_busy_process_on_one_core_computes_everything_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parts, "_usable_cores", lambda: 1)
    with parts_started(squares_with_pids, list(range(30)), min_part=1, here=False) as started:
        assert not started.children  # a child would only take turns with this process
        results = started.results()

    assert results == [(item * item, os.getpid()) for item in range(30)]


def test_the_block_runs_while_the_children_compute() -> None:
    done_here = []
    with parts_started(squares_with_pids, list(range(30)), min_part=10) as started:
        done_here.append("checked meanwhile")
        results = started.results()

    assert done_here == ["checked meanwhile"]
    assert len(results) == 30


def test_a_part_whose_child_fails_is_computed_here() -> None:
    parent = os.getpid()

    def fails_in_a_child(items: Sequence[int]) -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("lost")
        return [item + 1 for item in items]

    with parts_started(fails_in_a_child, list(range(30)), min_part=10) as started:
        assert started.results() == list(range(1, 31))
    assert no_child_left()


def test_a_child_that_dies_without_a_word_costs_nothing_but_time() -> None:
    parent = os.getpid()

    def dies_in_a_child(items: Sequence[int]) -> list[int]:
        if os.getpid() != parent:
            os._exit(0)  # as if killed: no results sent, a clean exit
        return list(items)

    with parts_started(dies_in_a_child, list(range(30)), min_part=10) as started:
        assert started.results() == list(range(30))
    assert no_child_left()


def test_children_are_stopped_when_the_block_fails() -> None:
    def slow(items: Sequence[int]) -> list[int]:
        if os.getpid() != parent:
            threading.Event().wait(60)
        return list(items)

    parent = os.getpid()
    with pytest.raises(KeyboardInterrupt), parts_started(slow, list(range(30)), min_part=10):
        raise KeyboardInterrupt
    assert no_child_left()


def test_a_process_running_other_threads_computes_everything_itself() -> None:
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        with parts_started(squares_with_pids, list(range(30)), min_part=10) as started:
            results = started.results()
    finally:
        stop.set()
        worker.join()

    assert {pid for _, pid in results} == {os.getpid()}


def test_output_buffered_before_the_fork_is_written_once() -> None:
    # Written to a pipe, print() is buffered: a child's copy of the buffer must never reach the output.
    script = (
        "from azrs_quiz import parts\n"
        "parts._usable_cores = lambda: 3\n"
        "print('before', end='')\n"
        "with parts.parts_started(lambda items: list(items), list(range(30)), min_part=10) as started:\n"
        "    started.results()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)

    assert result.stdout == "before"


def test_no_pipe_is_left_open() -> None:
    before = sorted(os.listdir("/proc/self/fd"))
    with parts_started(squares_with_pids, list(range(30)), min_part=10) as started:
        started.results()
    with pytest.raises(KeyboardInterrupt), parts_started(squares_with_pids, list(range(30)), min_part=10):
        raise KeyboardInterrupt

    assert sorted(os.listdir("/proc/self/fd")) == before
