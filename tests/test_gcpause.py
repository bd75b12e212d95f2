"""Garbage collection paused for bulk work, and bulk data left to a process that ends without freeing it."""

from __future__ import annotations

import gc
import subprocess
import sys

from azrs_quiz.gcpause import garbage_collection_paused, keep_to_exit


def test_collection_is_paused_in_the_block_and_resumes_after() -> None:
    assert gc.isenabled()
    with garbage_collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def _survives(script: str) -> str:
    prelude = (
        "import weakref\nfrom azrs_quiz import gcpause\nclass Bulk: pass\nbulk = Bulk()\nalive = weakref.ref(bulk)\n"
    )
    ending = "del bulk\nprint(alive() is not None)\n"
    result = subprocess.run([sys.executable, "-c", prelude + script + ending], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_library_caller_gets_its_memory_back() -> None:
    # Nothing declared the process short-lived: what a function hands over is freed as usual.
    assert _survives("gcpause.keep_to_exit(bulk)\n") == "False"


def test_the_azrs_quiz_program_leaves_bulk_data_to_its_exit() -> None:
    assert _survives("gcpause.abandon_at_exit()\ngcpause.keep_to_exit(bulk)\n") == "True"


def test_keeping_nothing_in_this_process_keeps_nothing() -> None:
    keep_to_exit(object())  # a test process is no azrs-quiz program: nothing is held
    from azrs_quiz import gcpause

    assert gcpause._kept_to_exit is None
