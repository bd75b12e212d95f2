"""Turning an answer into an FSRS rating: right or wrong, and how long it took.

A learner in a terminal never grades themselves; the answer does it:

* wrong (or no answer)                   -> Again
* right in under :data:`EASY_UNDER` s    -> Easy
* right after more than :data:`HARD_OVER` s -> Hard
* right otherwise                        -> Good
"""

from __future__ import annotations

from enum import IntEnum

#: Right answers quicker than this many seconds are rated Easy.
EASY_UNDER = 8.0
#: Right answers slower than this many seconds are rated Hard.
HARD_OVER = 25.0


class Rating(IntEnum):
    """The four FSRS ratings, with the same values as ``fsrs.Rating``."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


def rate_answer(correct: bool, elapsed: float) -> Rating:
    """The rating an answer earns from whether it was right and ``elapsed`` seconds taken."""
    if not correct:
        return Rating.AGAIN
    if elapsed < EASY_UNDER:
        return Rating.EASY
    if elapsed > HARD_OVER:
        return Rating.HARD
    return Rating.GOOD
