"""A long pure computation split across forked processes gives exactly what one process gives."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
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


def test_each_part_beyond_the_first_runs_in_its_own_process() -> None:
    with parts_started(squares_with_pids, list(range(30)), min_part=10) as started:
        results = started.results()

    pids = [pid for _, pid in results]
    assert pids[:10] == [os.getpid()] * 10
    assert len(set(pids[10:20])) == len(set(pids[20:])) == 1
    assert len({pids[0], pids[10], pids[20]}) == 3


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(), max_size=40), st.integers(min_value=1, max_value=10))
def test_left_to_children_the_parts_joined_are_still_the_whole(items: list[int], min_part: int) -> None:
    with parts_started(squares_with_pids, items, min_part=min_part, here=False) as started:
        results = started.results()

    assert [square for square, _ in results] == [item * item for item in items]
    assert no_child_left()


def test_a_busy_process_leaves_every_part_to_children_one_per_core() -> None:
    with parts_started(squares_with_pids, list(range(30)), min_part=10, here=False) as started:
        results = started.results()

    pids = [pid for _, pid in results]
    assert os.getpid() not in pids
    # Three cores: three children, ten items each.
    assert len(set(pids[:10])) == len(set(pids[10:20])) == len(set(pids[20:])) == 1
    assert len({pids[0], pids[10], pids[20]}) == 3


def test_weighed_items_are_cut_into_parts_of_equal_weight() -> None:
    # One heavy item and many light ones: the heavy one gets a part of its own.
    items = list(range(30))
    weights = [40.0] + [1.0] * 29

    with parts_started(squares_with_pids, items, min_part=1, weights=weights) as started:
        results = started.results()

    pids = [pid for _, pid in results]
    assert [square for square, _ in results] == [item * item for item in items]
    # 69 in all: the first part holds the heavy item alone, the other two share the rest.
    assert pids[0] == os.getpid() and len(set(pids[1:])) == 2
    assert pids[1] != os.getpid()
    assert pids.count(pids[1]) in (14, 15)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(), st.floats(min_value=0, max_value=1e6)), max_size=40))
def test_weighed_parts_joined_are_the_whole(weighed: list[tuple[int, float]]) -> None:
    items = [item for item, _ in weighed]
    with parts_started(squares_with_pids, items, min_part=1, weights=[weight for _, weight in weighed]) as started:
        results = started.results()

    assert [square for square, _ in results] == [item * item for item in items]
    assert no_child_left()


def test_weights_must_match_the_items() -> None:
    with (
        pytest.raises(ValueError, match="2 weights for 3 items"),
        parts_started(squares_with_pids, [1, 2, 3], min_part=1, weights=[1.0, 2.0]),
    ):
        pass


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
