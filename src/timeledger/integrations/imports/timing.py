"""Turning the wall-clock times of an export into instants, exactly, across midnight and DST.

Toggl, Clockify and Kimai write start and end as local times of the exporting user's zone with no
offset. Such a pair is authoritative for the instants; the duration column, when there is one,
only decides which of two instants an ambiguous local time means (the hour that repeats when
summer time ends). Watson writes instants with offsets (or Unix timestamps): those are taken as
they are. Harvest writes a date and hours: the duration is authoritative and there are no
instants. Pure functions.
"""

from __future__ import annotations

import datetime as dt
from itertools import product
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

UTC = dt.UTC

LOCAL_PAIR = "local"  # start and end in a zone's local time, no offset
INSTANTS = "instants"  # instants with offsets or Unix timestamps
DURATION = "duration"  # a date and a duration

# Marked for the catalogues; the import summary translates them (``{tz}`` filled in after).
TIMING_LABELS = {
    LOCAL_PAIR: gettext_noop("start and end as local times in {tz} (no offset in the file)"),
    INSTANTS: gettext_noop(
        "start and end as instants with their offsets (zone {tz} only for dates)"
    ),
    DURATION: gettext_noop("a date and a duration per row (no start or end in the file)"),
}


def _skipped(moment: dt.datetime, tz: ZoneInfo) -> str:
    return _("%(moment)s does not exist in %(zone)s (clocks moved forward)") % {
        "moment": f"{moment:%Y-%m-%d %H:%M}",
        "zone": tz.key,
    }


def _candidates(local: dt.datetime, tz: ZoneInfo) -> list[dt.datetime]:
    """The instants a wall-clock time can mean: one, two (repeated hour) or none (skipped)."""
    found = []
    for fold in (0, 1):
        aware = local.replace(tzinfo=tz, fold=fold)
        instant = aware.astimezone(UTC)
        if instant.astimezone(tz).replace(tzinfo=None) == local and instant not in found:
            found.append(instant)
    return found


_DAY_OFFSETS: dict[tuple[str, dt.date], dt.timedelta | None] = {}


def _day_offset(day: dt.date, tz: ZoneInfo) -> dt.timedelta | None:
    """The zone's offset all day long, or None on a day whose offset changes (cached: an export
    has a few thousand distinct days, and most of its rows are on ordinary ones)."""
    key = (tz.key, day)
    if key not in _DAY_OFFSETS:
        start = dt.datetime.combine(day, dt.time.min)
        end = start + dt.timedelta(days=1)
        offsets = {
            moment.replace(tzinfo=tz, fold=fold).utcoffset()
            for moment in (start, start + dt.timedelta(hours=12), end)
            for fold in (0, 1)
        }
        _DAY_OFFSETS[key] = offsets.pop() if len(offsets) == 1 else None
    return _DAY_OFFSETS[key]


def _plain(local: dt.datetime, tz: ZoneInfo) -> dt.datetime | None:
    """The one instant of a wall-clock time, or None when it is repeated or skipped (its two
    readings, ``fold`` 0 and 1, have different offsets only then: PEP 495)."""
    offset = _day_offset(local.date(), tz)
    if offset is None:
        offset = local.replace(tzinfo=tz).utcoffset()
        if offset != local.replace(tzinfo=tz, fold=1).utcoffset():
            return None
    return (local - offset).replace(tzinfo=UTC)


_UTC_MIDNIGHTS: dict[tuple[str, str], dt.datetime | None] = {}
_CLOCKS: dict[str, dt.timedelta | None] = {}


def _utc_midnight(day: str, tz: ZoneInfo) -> dt.datetime | None:
    """The instant local midnight of an ISO date cell (``2026-03-02``) is, when the zone keeps
    one offset all that day; None for any other cell or a day whose offset changes (cached per
    cell: an export has a few thousand distinct days)."""
    key = (tz.key, day)
    found = _UTC_MIDNIGHTS.get(key, False)
    if found is False:
        found = None
        if len(day) == 10 and day[4] == "-" and day[7] == "-":
            try:
                date = dt.date.fromisoformat(day)
            except ValueError:
                date = None
            offset = _day_offset(date, tz) if date is not None else None
            if offset is not None:
                found = dt.datetime.combine(date, dt.time.min, tzinfo=UTC) - offset
        if len(_UTC_MIDNIGHTS) < 100_000:
            _UTC_MIDNIGHTS[key] = found
    return found


def _clock(text: str) -> dt.timedelta | None:
    """``HH:MM:SS`` (24 h, two digits each) as the time since midnight; None for any other
    spelling (the general readers take those)."""
    found = _CLOCKS.get(text, False)
    if found is False:
        found = None
        if len(text) == 8 and text[2] == ":" and text[5] == ":":
            h, m, s = text[:2], text[3:5], text[6:]
            digits = h + m + s
            if digits.isascii() and digits.isdigit() and h < "24" and m < "60" and s < "60":
                found = dt.timedelta(hours=int(h), minutes=int(m), seconds=int(s))
        if len(_CLOCKS) < 100_000:
            _CLOCKS[text] = found
    return found


def iso_local_interval(
    start_day: str, start_clock: str, end_day: str, end_clock: str, tz: ZoneInfo
) -> tuple[dt.datetime, dt.datetime] | None:
    """The instants ``local_interval`` gives for ISO date and ``HH:MM:SS`` cells on days the
    zone keeps one offset (most rows of an export), without making local date-times first; None
    when the general way must read the cells (other spellings, a day clocks change). The caller
    checks that the end is after the start (the general way words that error)."""
    s_day, e_day = _utc_midnight(start_day, tz), _utc_midnight(end_day, tz)
    if s_day is None or e_day is None:
        return None
    s_clock, e_clock = _clock(start_clock), _clock(end_clock)
    if s_clock is None or e_clock is None:
        return None
    return s_day + s_clock, e_day + e_clock


def local_interval(
    start: dt.datetime, end: dt.datetime, tz: ZoneInfo, *, hint_seconds: int | None = None
) -> tuple[dt.datetime, dt.datetime]:
    """UTC instants of a local start–end pair.

    When a time falls in the repeated hour, the reading whose length is closest to
    ``hint_seconds`` wins; without a hint the first occurrence of the start and the reading
    that keeps the end after it. Raises ``ValueError`` for a time the clocks skipped or
    an end not after the start.
    """
    s, e = _plain(start, tz), _plain(end, tz)
    if s is not None and e is not None:  # the usual case: neither time is near a DST change
        if e <= s:
            raise ValueError(_("The end is not after the start."))
        return s, e
    starts, ends = _candidates(start, tz), _candidates(end, tz)
    if not starts:
        raise ValueError(_skipped(start, tz))
    if not ends:
        raise ValueError(_skipped(end, tz))
    pairs = [(s, e) for s, e in product(starts, ends) if e > s]
    if not pairs:
        raise ValueError(_("The end is not after the start."))
    if hint_seconds is not None and len(pairs) > 1:
        # The closest, not only an exact match: Kimai writes decimal hours (1.67 for 1:40).
        return min(pairs, key=lambda p: abs((p[1] - p[0]).total_seconds() - hint_seconds))
    return pairs[0]


def day_and_clocks(
    day: dt.date,
    begin: dt.time,
    finish: dt.time,
    tz: ZoneInfo,
    *,
    hint_seconds: int | None = None,
) -> tuple[dt.datetime, dt.datetime]:
    """A date with a begin and end clock time (Kimai): an end at or before the begin is on the
    next day (an entry across midnight)."""
    start = dt.datetime.combine(day, begin)
    end = dt.datetime.combine(day, finish)
    if finish <= begin:
        end += dt.timedelta(days=1)
    return local_interval(start, end, tz, hint_seconds=hint_seconds)


def aware_instant(text: str) -> dt.datetime:
    """An ISO 8601 instant with an offset (``2026-10-25T02:30:00+02:00``) in UTC."""
    raw = text.strip()
    if raw.endswith("Z"):
        raw = raw[:-1] + "+00:00"
    value = dt.datetime.fromisoformat(raw)
    if value.tzinfo is None:
        raise ValueError(_("%(value)s has no offset") % {"value": repr(text.strip())})
    return value.astimezone(UTC)
