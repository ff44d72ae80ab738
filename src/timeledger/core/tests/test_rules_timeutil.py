"""Durations, time zones and DST: properties checked by hypothesis (no database)."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from timeledger.core import timeutil
from timeledger.timesheets.rounding import INCREMENTS, round_seconds

UTC = dt.UTC
# Zones with DST in both hemispheres, a half-hour DST shift, a 45-minute offset and none at all.
ZONES = [
    "Europe/Amsterdam",
    "America/New_York",
    "America/Los_Angeles",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "America/Sao_Paulo",
    "UTC",
]
zones = st.sampled_from(ZONES)
naive = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2037, 12, 31)).map(
    lambda d: d.replace(microsecond=0)
)
instants = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2037, 12, 31), timezones=st.just(UTC)
)
seconds_in_a_day = st.integers(min_value=0, max_value=24 * 3600)


# --- parse_duration / format_hours ---------------------------------------------------------------


@given(minutes=st.integers(min_value=0, max_value=24 * 60))
def test_formatted_hours_parse_back(minutes):
    seconds = minutes * 60
    assert timeutil.parse_duration(timeutil.format_hours(seconds)) == seconds


@given(minutes=st.integers(min_value=0, max_value=10_000))
def test_minutes_and_hours_spellings_agree(minutes):
    assert timeutil.parse_duration(f"{minutes}m") == minutes * 60
    assert timeutil.parse_duration(f"{minutes // 60}:{minutes % 60:02d}") == minutes * 60
    hours = Decimal(minutes) / 60
    if hours == hours.quantize(Decimal("0.0001")):  # an exact decimal spelling exists
        text = format(hours.normalize(), "f")
        assert timeutil.parse_duration(text) == minutes * 60
        assert timeutil.parse_duration(text.replace(".", ",") + "h") == minutes * 60


@given(st.text(max_size=12))
@example("1:60")
@example("-1")
@example("1.0000001")
@example("nan")
@example("inf")
@example(":")
def test_parse_duration_returns_whole_non_negative_seconds_or_a_value_error(text):
    try:
        seconds = timeutil.parse_duration(text)
    except ValueError as exc:
        assert "duration" in str(exc)
    else:
        assert isinstance(seconds, int) and seconds >= 0


def test_parse_duration_examples():
    assert timeutil.parse_duration(" 1:30 ") == 5400
    assert timeutil.parse_duration("1.5") == 5400
    assert timeutil.parse_duration("1,25") == 4500
    assert timeutil.parse_duration("2h") == 7200
    assert timeutil.parse_duration("90m") == 5400
    assert timeutil.parse_duration(":45") == 2700
    for bad in ("", "1:75", "-2", "abc", "1.0001", "h", "m"):
        with pytest.raises(ValueError):
            timeutil.parse_duration(bad)


@given(st.integers(min_value=1, max_value=10**7))
def test_format_hours_drops_seconds_and_mirrors_negatives(seconds):
    text = timeutil.format_hours(seconds)
    assert timeutil.parse_duration(text) == seconds - seconds % 60
    assert timeutil.format_hours(-seconds) == "-" + text


# --- local dates and day bounds ------------------------------------------------------------------


@given(instant=instants, tz=zones)
def test_local_date_lies_within_that_days_bounds(instant, tz):
    day = timeutil.local_date(instant, tz)
    start, end = timeutil.day_bounds(day, tz)
    assert start <= instant < end


@given(day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2037, 12, 30)), tz=zones)
def test_a_local_day_lasts_23_to_25_hours_and_days_tile(day, tz):
    start, end = timeutil.day_bounds(day, tz)
    hours = Decimal(timeutil.duration_seconds(start, end)) / 3600
    assert hours in {Decimal(23), Decimal("23.5"), Decimal(24), Decimal("24.5"), Decimal(25)}
    assert timeutil.day_bounds(day + dt.timedelta(days=1), tz)[0] == end


def test_known_dst_days():
    def hours(day, tz):
        start, end = timeutil.day_bounds(day, tz)
        return timeutil.duration_seconds(start, end) / 3600

    assert hours(dt.date(2026, 3, 29), "Europe/Amsterdam") == 23
    assert hours(dt.date(2026, 10, 25), "Europe/Amsterdam") == 25
    assert hours(dt.date(2026, 3, 8), "America/New_York") == 23
    assert hours(dt.date(2026, 4, 5), "Australia/Lord_Howe") == 24.5
    assert hours(dt.date(2026, 3, 10), "Europe/Amsterdam") == 24


@given(day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_week_start_is_the_monday_on_or_before(day):
    monday = timeutil.week_start(day)
    assert monday.weekday() == 0 and monday <= day < monday + dt.timedelta(days=7)
    assert timeutil.week_days(monday)[day.weekday()] == day


# --- durations across DST ------------------------------------------------------------------------


@given(a=naive, b=naive, tz=zones)
def test_duration_between_wall_clock_times_is_the_utc_difference(a, b, tz):
    try:
        start, end = timeutil.make_aware(a, tz), timeutil.make_aware(b, tz)
    except ValueError:
        assume(False)
    seconds = timeutil.duration_seconds(start, end)
    assert seconds == (end.astimezone(UTC) - start.astimezone(UTC)) // dt.timedelta(seconds=1)
    # ... which differs from the naive wall-clock difference exactly by the change of UTC offset.
    wall = (b - a) // dt.timedelta(seconds=1)
    shift = (end.utcoffset() - start.utcoffset()) // dt.timedelta(seconds=1)
    assert seconds == wall - shift


@given(instant=instants, hours=st.integers(min_value=0, max_value=48), tz=zones)
def test_adding_real_hours_to_an_instant_shows_as_that_duration(instant, hours, tz):
    local = instant.astimezone(ZoneInfo(tz))
    later = (local.astimezone(UTC) + dt.timedelta(hours=hours)).astimezone(ZoneInfo(tz))
    assert timeutil.duration_seconds(local, later) == hours * 3600


def test_duration_refuses_naive_instants():
    with pytest.raises(ValueError):
        timeutil.duration_seconds(dt.datetime(2026, 1, 1), dt.datetime(2026, 1, 2, tzinfo=UTC))


# --- make_aware ----------------------------------------------------------------------------------


@given(local=naive, tz=zones)
def test_make_aware_keeps_the_wall_clock_or_refuses_a_gap(local, tz):
    zone = ZoneInfo(tz)
    in_gap = (
        local.replace(tzinfo=zone).astimezone(UTC).astimezone(zone).replace(tzinfo=None) != local
    )
    if in_gap:
        with pytest.raises(ValueError, match="does not exist"):
            timeutil.make_aware(local, tz)
    else:
        aware = timeutil.make_aware(local, tz)
        assert aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == local


@pytest.mark.parametrize(
    ("local", "tz"),
    [
        (dt.datetime(2026, 3, 29, 2, 30), "Europe/Amsterdam"),
        (dt.datetime(2026, 3, 8, 2, 0), "America/New_York"),
        (dt.datetime(2026, 9, 27, 2, 15), "Pacific/Auckland"),
        (dt.datetime(2026, 10, 4, 2, 10), "Australia/Lord_Howe"),
    ],
)
def test_make_aware_refuses_nonexistent_times(local, tz):
    with pytest.raises(ValueError, match="does not exist"):
        timeutil.make_aware(local, tz)


def test_make_aware_asks_which_of_a_repeated_hour():
    local = dt.datetime(2026, 10, 25, 2, 30)
    with pytest.raises(timeutil.AmbiguousTime):
        timeutil.make_aware(local, "Europe/Amsterdam")
    first = timeutil.make_aware(local, "Europe/Amsterdam", fold=0)
    second = timeutil.make_aware(local, "Europe/Amsterdam", fold=1)
    assert first.astimezone(UTC) == dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # still CEST
    assert second.astimezone(UTC) == dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # CET


# --- rounding of logged into billable time -------------------------------------------------------

increments = st.sampled_from(INCREMENTS)


@given(seconds=seconds_in_a_day, increment=increments)
def test_rounding_lands_on_an_increment_within_one_step(seconds, increment):
    step = increment * 60
    for mode in ("up", "down", "nearest"):
        rounded = round_seconds(seconds, increment, mode)
        assert rounded % step == 0
        assert abs(rounded - seconds) < step
    assert round_seconds(seconds, increment, "none") == seconds


@given(seconds=seconds_in_a_day, increment=increments)
def test_up_never_loses_time_and_down_never_adds_it(seconds, increment):
    down = round_seconds(seconds, increment, "down")
    nearest = round_seconds(seconds, increment, "nearest")
    up = round_seconds(seconds, increment, "up")
    assert down <= seconds <= up
    assert down <= nearest <= up
    assert abs(nearest - seconds) * 2 <= increment * 60


@given(
    a=seconds_in_a_day,
    b=seconds_in_a_day,
    increment=increments,
    mode=st.sampled_from(["up", "down", "nearest", "none"]),
)
def test_rounding_is_monotonic_and_idempotent(a, b, increment, mode):
    lo, hi = sorted((a, b))
    assert round_seconds(lo, increment, mode) <= round_seconds(hi, increment, mode)
    once = round_seconds(a, increment, mode)
    assert round_seconds(once, increment, mode) == once


def test_nearest_rounds_half_up():
    assert round_seconds(7 * 60 + 30, 15, "nearest") == 15 * 60
    assert round_seconds(7 * 60 + 29, 15, "nearest") == 0
    assert round_seconds(3 * 60, 6, "nearest") == 6 * 60


def test_rounding_refuses_bad_rules():
    for args in ((-1, 15, "up"), (60, 7, "up"), (60, 15, "sideways")):
        with pytest.raises(ValueError):
            round_seconds(*args)
