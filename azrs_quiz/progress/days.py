"""Local days: streaks, "new today" and forecasts count days in the learner's own time zone."""

from __future__ import annotations

from datetime import date, datetime, tzinfo


def local_day(moment: datetime, tz: tzinfo | None = None) -> date:
    """The calendar day ``moment`` falls on in ``tz`` (the system's local zone when None)."""
    return moment.astimezone(tz).date()
