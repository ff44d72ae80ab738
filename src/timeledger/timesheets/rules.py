"""Rules about time entries that need no database: validation of instants and durations."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from timeledger.core.hours import hhmm
from timeledger.timesheets.models import MAX_ENTRY_SECONDS

FUTURE_TOLERANCE = dt.timedelta(days=1)
# Time before this is a typo (0026 for 2026), not history; it also keeps date arithmetic away from
# the ends of the calendar. The last date exists only so that browsing a far week cannot overflow.
EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2999, 12, 31)
TOO_EARLY = gettext_lazy("Dates before 1 Jan 2000 are not accepted; check the year.")


def date_in_range(day: dt.date) -> bool:
    return EARLIEST_DATE <= day <= LATEST_DATE


def interval_errors(start: dt.datetime, end: dt.datetime, now: dt.datetime) -> dict[str, str]:
    """Field errors for a start–end interval (empty when it is acceptable)."""
    # As instants: two aware times in one zone compare (and subtract) as wall-clock times in
    # Python, which is wrong in the repeated hour of autumn.
    start, end, now = (t.astimezone(dt.UTC) for t in (start, end, now))
    errors: dict[str, str] = {}
    if end <= start:
        errors["end"] = _("End must be after start.")
    elif (end - start).total_seconds() > MAX_ENTRY_SECONDS:
        errors["end"] = _("An entry cannot be longer than 24 hours; split it.")
    if end > now + FUTURE_TOLERANCE:
        errors.setdefault("end", _("An entry cannot end more than a day in the future."))
    if start > now + FUTURE_TOLERANCE:
        errors["start"] = _("An entry cannot start more than a day in the future.")
    if start < dt.datetime.combine(EARLIEST_DATE, dt.time.min, tzinfo=dt.UTC):
        errors["start"] = str(TOO_EARLY)
    return errors


def duration_errors(seconds: int, day: dt.date, today: dt.date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if seconds <= 0:
        errors["duration"] = _("Duration must be more than zero.")
    elif seconds > MAX_ENTRY_SECONDS:
        errors["duration"] = _("An entry cannot be longer than 24 hours; split it.")
    if day > today + dt.timedelta(days=1):
        errors["date"] = _("An entry cannot be more than a day in the future.")
    if day < EARLIEST_DATE:
        errors["date"] = str(TOO_EARLY)
    return errors


def day_total_error(day: dt.date, total_seconds: int, day_seconds: int) -> str:
    """The refusal when a member's entries on one local date add up to more than that day has
    (24 hours; 25 on the day clocks go back), with the total; "" when they fit."""
    limit = max(MAX_ENTRY_SECONDS, day_seconds)
    if total_seconds <= limit:
        return ""
    # "D d M Y" is "%a %d %b %Y" with the weekday and month in the active language.
    return _("That makes %(total)s on %(day)s; a day has at most %(limit)s.") % {
        "total": hhmm(total_seconds),
        "day": date_format(day, "D d M Y"),
        "limit": hhmm(limit),
    }


def lock_day(day: dt.date, start: dt.datetime | None, org_zone: str) -> dt.date:
    """The date a lock date is compared with: the organisation's, the same for every member.

    A timed entry (or timer) falls on the date its start has in the organisation's time zone, so a
    member in Kiritimati cannot write into a period locked as seen from the office, and one in
    Honolulu is not refused just after it. A duration entry has only its date.
    """
    if start is None:
        return day
    return start.astimezone(ZoneInfo(org_zone)).date()


def overlaps(
    a_start: dt.datetime, a_end: dt.datetime, b_start: dt.datetime, b_end: dt.datetime
) -> bool:
    """Half-open intervals [start, end) overlap; touching ends do not."""
    return a_start < b_end and b_start < a_end


# --- Weekly grid (added for the web UI's grid; see services.set_cell_seconds) -------------------


def redistribute_cell(target: int, fixed: int, adjustable: list[int]) -> tuple[list[int], int]:
    """How a grid cell reaches ``target`` seconds by changing only its adjustable entries.

    ``fixed`` is time the grid may not change (start–end entries, submitted or approved entries);
    ``adjustable`` the durations of editable duration entries, oldest first. Returns the new
    seconds of each adjustable entry (0 = delete it) and the seconds of a new entry (0 = none).
    Growth goes to the newest adjustable entry (or a new one); shrinking takes from the newest
    first, so older entries and their descriptions survive. Raises ``ValueError`` when ``target``
    is below ``fixed``.
    """
    if target < 0 or fixed < 0 or any(s < 0 for s in adjustable):
        raise ValueError("seconds must not be negative")
    if target < fixed:
        raise ValueError("target below fixed time")
    new = list(adjustable)
    delta = target - fixed - sum(adjustable)
    if delta > 0:
        if new:
            new[-1] += delta
            return new, 0
        return new, delta
    need = -delta
    for i in range(len(new) - 1, -1, -1):
        if need == 0:
            break
        take = min(need, new[i])
        new[i] -= take
        need -= take
    return new, 0
