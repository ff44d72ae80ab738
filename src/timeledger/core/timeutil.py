"""Time zones, local dates and durations.

Instants are stored in UTC. A member's local date and the length of an interval are computed from
the UTC instants, so a day with a DST change has 23 or 25 hours, as it should.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo, available_timezones

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from timeledger.core.hours import hhmm

# Every date a person or a client types is bounded to these years — API, forms, CLI and services
# alike: week and period arithmetic adds days to them, and 9999-12-31 plus a week leaves Python's
# calendar (OverflowError, a 500). No timesheet, rate or invoice date is that far.
DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2999, 12, 31)
DATE_RANGE_MESSAGE = gettext_lazy("Date must fall between 1900 and 2999.")


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


class AmbiguousTime(ValueError):
    """A wall-clock time that happens twice (the repeated hour when clocks move back)."""

    def __init__(self, local: dt.datetime, tz_name: str):
        tz = zone(tz_name)
        first, second = (local.replace(tzinfo=tz, fold=f) for f in (0, 1))
        self.offsets = (offset_text(first), offset_text(second))
        # What a message needs (a form words it its own way: ``timesheets.forms``).
        self.names = {
            "moment": f"{local:%d} {formats.date_format(local, 'M')} {local:%Y %H:%M}",
            "zone": tz_name,
            "first": f"{local:%H:%M}{self.offsets[0]}",
            "second": f"{local:%H:%M}{self.offsets[1]}",
        }
        super().__init__(
            _(
                "%(moment)s happens twice in %(zone)s (clocks move back): say which, "
                "%(first)s (first) or %(second)s (second)"
            )
            % self.names
        )


def offset_text(aware: dt.datetime) -> str:
    """``+02:00`` for an aware time two hours ahead of UTC."""
    minutes = int(aware.utcoffset().total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def is_ambiguous(local: dt.datetime, tz_name: str) -> bool:
    """``local`` happens twice in ``tz_name``: its first occurrence (fold 0) is further ahead of
    UTC than its second. (In a gap of spring it is the other way round.)"""
    tz = zone(tz_name)
    return (
        local.replace(tzinfo=tz, fold=0).utcoffset() > local.replace(tzinfo=tz, fold=1).utcoffset()
    )


def make_aware(local: dt.datetime, tz_name: str, *, fold: int | None = None) -> dt.datetime:
    """Attach ``tz_name`` to a naive wall-clock time, refusing times that do not exist (DST gap).

    A time in the repeated hour (autumn) needs ``fold`` (0: first occurrence, 1: second); without it
    ``AmbiguousTime`` asks which, rather than silently taking one.
    """
    tz = zone(tz_name)
    if is_ambiguous(local, tz_name):
        if fold is None:
            raise AmbiguousTime(local, tz_name)
        return local.replace(tzinfo=tz, fold=fold)
    aware = local.replace(tzinfo=tz, fold=0)
    round_trip = aware.astimezone(UTC).astimezone(tz)
    if round_trip.replace(tzinfo=None) != local:
        raise ValueError(
            _("%(moment)s does not exist in %(zone)s (clocks move forward)")
            % {"moment": f"{local:%Y-%m-%d %H:%M}", "zone": tz_name}
        )
    return aware


def fold_for_offset(local: dt.datetime, tz_name: str, offset: dt.timedelta) -> int:
    """Which occurrence of ``local`` in ``tz_name`` has UTC offset ``offset`` (``ValueError`` when
    neither has)."""
    tz = zone(tz_name)
    for fold in (0, 1):
        if local.replace(tzinfo=tz, fold=fold).utcoffset() == offset:
            return fold
    shown = offset_text(dt.datetime(2000, 1, 1, tzinfo=dt.timezone(offset)))
    raise ValueError(
        _("%(moment)s is not a time in %(zone)s")
        % {
            "moment": f"{local:%d} {formats.date_format(local, 'M')} {local:%Y %H:%M}{shown}",
            "zone": tz_name,
        }
    )


class IntervalTimeError(ValueError):
    """A start or end time that cannot be read: ``field`` says which, ``cause`` why."""

    def __init__(self, field: str, cause: ValueError):
        self.field, self.cause = field, cause
        super().__init__(str(cause))


def local_interval(
    day: dt.date,
    start: dt.time,
    end: dt.time,
    tz_name: str,
    *,
    start_fold: int | None = None,
    end_fold: int | None = None,
) -> tuple[dt.datetime, dt.datetime]:
    """The instants of a start–end range typed as wall-clock times on ``day``.

    An end earlier than the start (23:00–01:00) ends on the next day, unless both lie in the
    repeated hour and the chosen occurrences make the end the later instant (02:30 first – 02:15
    second). Each time goes through ``make_aware``: a time that does not exist is refused, one that
    happens twice needs its fold. Raises ``IntervalTimeError`` naming the field.
    """
    try:
        start_at = make_aware(dt.datetime.combine(day, start), tz_name, fold=start_fold)
    except ValueError as exc:
        raise IntervalTimeError("start", exc) from None
    same_day = dt.datetime.combine(day, end)
    end_day = day
    if end < start and not (
        end_fold is not None
        and is_ambiguous(same_day, tz_name)
        # As instants: in one zone Python compares wall clocks, folds ignored.
        and make_aware(same_day, tz_name, fold=end_fold).astimezone(UTC) > start_at.astimezone(UTC)
    ):
        end_day = day + dt.timedelta(days=1)
    try:
        end_at = make_aware(dt.datetime.combine(end_day, end), tz_name, fold=end_fold)
    except ValueError as exc:
        raise IntervalTimeError("end", exc) from None
    return start_at, end_at


def duration_seconds(start: dt.datetime, end: dt.datetime) -> int:
    """Whole seconds between two aware instants (DST-correct because it is done in UTC)."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("instants must be time-zone aware")
    return int((end.astimezone(UTC) - start.astimezone(UTC)).total_seconds())


def week_start(day: dt.date, first: int = 1) -> dt.date:
    """The first day of the week containing ``day``, weeks starting on ISO weekday ``first``
    (1 Monday … 7 Sunday: ``Organisation.week_start``)."""
    return day - dt.timedelta(days=(day.isoweekday() - first) % 7)


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
        raise ValueError(_("duration is empty"))
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
        raise ValueError(
            _("%(text)s is not a duration (use 1:30, 1.5 or 90m)") % {"text": repr(text)}
        ) from None


def format_date(value: dt.date | None, *, language: str | None = None) -> str:
    """A date on a document: ``02 Dec 2026`` (English, and without a language), or the long date
    of ``language``'s locale (``2. Dezember 2026``, ``2 december 2026``, ``2 décembre 2026``)."""
    if value is None:
        return ""
    if language is None or language.split("-")[0] == "en":
        return f"{value:%d %b %Y}"
    with translation.override(language):
        return formats.date_format(value, "DATE_FORMAT")
