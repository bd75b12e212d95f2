"""The one clock: the current moment, timezone-aware, in UTC.

Code that needs "now" takes a :data:`Clock` (default :func:`utc_now`) or calls
``clock.utc_now()`` through this module, so a test can fix the time in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

#: A function giving the current moment.
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current moment in UTC."""
    return datetime.now(timezone.utc)
