"""Rules about time entries that need no database: validation of instants and durations."""

from __future__ import annotations

import datetime as dt

from timeledger.timesheets.models import MAX_ENTRY_SECONDS

FUTURE_TOLERANCE = dt.timedelta(days=1)


def interval_errors(start: dt.datetime, end: dt.datetime, now: dt.datetime) -> dict[str, str]:
    """Field errors for a start–end interval (empty when it is acceptable)."""
    errors: dict[str, str] = {}
    if end <= start:
        errors["end"] = "End must be after start."
    elif (end - start).total_seconds() > MAX_ENTRY_SECONDS:
        errors["end"] = "An entry cannot be longer than 24 hours; split it."
    if end > now + FUTURE_TOLERANCE:
        errors.setdefault("end", "An entry cannot end more than a day in the future.")
    if start > now + FUTURE_TOLERANCE:
        errors["start"] = "An entry cannot start more than a day in the future."
    return errors


def duration_errors(seconds: int, day: dt.date, today: dt.date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if seconds <= 0:
        errors["duration"] = "Duration must be more than zero."
    elif seconds > MAX_ENTRY_SECONDS:
        errors["duration"] = "An entry cannot be longer than 24 hours; split it."
    if day > today + dt.timedelta(days=1):
        errors["date"] = "An entry cannot be more than a day in the future."
    return errors


def overlaps(
    a_start: dt.datetime, a_end: dt.datetime, b_start: dt.datetime, b_end: dt.datetime
) -> bool:
    """Half-open intervals [start, end) overlap; touching ends do not."""
    return a_start < b_end and b_start < a_end
