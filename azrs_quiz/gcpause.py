"""Pausing Python's cyclic garbage collector around bulk work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def garbage_collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the duration of the block.

    Loading content and building a bank create hundreds of thousands of small objects
    that all stay alive, so each collection pass rescans everything made so far and
    the work grows quadratically (a 10,000-fact pack loads in 2.6 s with collection,
    0.8 s without). Nothing they make is cyclic garbage, so nothing is lost by waiting.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
