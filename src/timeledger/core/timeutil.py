"""Time zones, local dates and durations.

Instants are stored in UTC. A member's local date and the length of an interval are computed from
the UTC instants, so a day with a DST change has 23 or 25 hours, as it should.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo, available_timezones

from django.utils import timezone

from timeledger.core.hours import hhmm

# Every date a person or a client types is bounded to these years — API, forms, CLI and services
# alike: week and period arithmetic adds days to them, and 9999-12-31 plus a week leaves Python's
# calendar (OverflowError, a 500). No timesheet, rate or invoice date is that far.
DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2999, 12, 31)
DATE_RANGE_MESSAGE = "Date must fall between 1900 and 2999."


def in_date_range(day: dt.date) -> bool:
    return DATE_MIN <= day <= DATE_MAX


UTC = dt.UTC

TIMEZONE_CHOICES = [(name, name) for name in sorted(available_timezones())]


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def now() -> dt.datetime:
    return timezone.now()


def local_date(instant: dt.datetime, tz_name: str) -> dt.date:
    """The calendar date of ``instant`` as seen in ``tz_name``."""
    return instant.astimezone(zone(tz_name)).date()


def make_aware(local: dt.datetime, tz_name: str) -> dt.datetime:
    """Attach ``tz_name`` to a naive wall-clock time, refusing times that do not exist (DST gap).

    Ambiguous times (the repeated hour in autumn) take the first occurrence (``fold=0``).
    """
    tz = zone(tz_name)
    aware = local.replace(tzinfo=tz)
    round_trip = aware.astimezone(UTC).astimezone(tz)
    if round_trip.replace(tzinfo=None) != local:
        raise ValueError(
            f"{local:%Y-%m-%d %H:%M} does not exist in {tz_name} (clocks move forward)"
        )
    return aware


def duration_seconds(start: dt.datetime, end: dt.datetime) -> int:
    """Whole seconds between two aware instants (DST-correct because it is done in UTC)."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("instants must be time-zone aware")
    return int((end.astimezone(UTC) - start.astimezone(UTC)).total_seconds())


def week_start(day: dt.date) -> dt.date:
    """Monday of the ISO week containing ``day``."""
    return day - dt.timedelta(days=day.weekday())


def week_days(monday: dt.date) -> list[dt.date]:
    return [monday + dt.timedelta(days=i) for i in range(7)]


def day_bounds(day: dt.date, tz_name: str) -> tuple[dt.datetime, dt.datetime]:
    """UTC instants of local midnight at the start and end of ``day`` in ``tz_name``."""
    tz = zone(tz_name)
    start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def format_hours(seconds: int) -> str:
    """``5400`` → ``"1:30"`` (hours:minutes, what a timesheet shows): ``core.hours.hhmm``."""
    return hhmm(seconds)


def parse_duration(text: str) -> int:
    """Read ``"1:30"``, ``"1.5"``, ``"1,5"``, ``"90m"`` or ``"2h"`` into seconds."""
    raw = text.strip().lower().replace(",", ".")
    if not raw:
        raise ValueError("duration is empty")
    try:
        if ":" in raw:
            hours, minutes = raw.split(":", 1)
            h, m = int(hours or 0), int(minutes or 0)
            if m >= 60 or h < 0 or m < 0:
                raise ValueError
            return h * 3600 + m * 60
        if raw.endswith("m"):
            minutes = int(raw[:-1])
            if minutes < 0:
                raise ValueError
            return minutes * 60
        if raw.endswith("h"):
            raw = raw[:-1]
        seconds = Decimal(raw) * 3600
        if seconds < 0 or seconds != seconds.to_integral_value():
            raise ValueError
        return int(seconds)
    except (ValueError, ArithmeticError):
        raise ValueError(f"{text!r} is not a duration (use 1:30, 1.5 or 90m)") from None
