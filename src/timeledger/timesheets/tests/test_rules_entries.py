"""timesheets.rules: validation of intervals and durations (pure, hypothesis)."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from timeledger.timesheets import rules

UTC = dt.UTC
NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
offsets = st.integers(min_value=-3 * 86400, max_value=3 * 86400)


@given(a=offsets, b=offsets)
def test_interval_is_accepted_exactly_when_positive_at_most_24h_and_not_beyond_tomorrow(a, b):
    start, end = NOW + dt.timedelta(seconds=a), NOW + dt.timedelta(seconds=b)
    errors = rules.interval_errors(start, end, NOW)
    acceptable = 0 < b - a <= 86400 and end <= NOW + rules.FUTURE_TOLERANCE
    assert (errors == {}) is acceptable
    assert set(errors) <= {"start", "end"}


@given(seconds=st.integers(min_value=-10, max_value=90000), days=st.integers(-5, 5))
def test_duration_is_accepted_exactly_when_positive_at_most_24h_and_not_beyond_tomorrow(
    seconds, days
):
    today = NOW.date()
    errors = rules.duration_errors(seconds, today + dt.timedelta(days=days), today)
    assert (errors == {}) is (0 < seconds <= 86400 and days <= 1)


@given(a=offsets, la=st.integers(1, 86400), b=offsets, lb=st.integers(1, 86400))
def test_overlap_is_symmetric_and_matches_a_shared_instant(a, la, b, lb):
    sa, ea = NOW + dt.timedelta(seconds=a), NOW + dt.timedelta(seconds=a + la)
    sb, eb = NOW + dt.timedelta(seconds=b), NOW + dt.timedelta(seconds=b + lb)
    assert rules.overlaps(sa, ea, sb, eb) == rules.overlaps(sb, eb, sa, ea)
    shared = max(sa, sb) < min(ea, eb)  # some instant lies in both half-open intervals
    assert rules.overlaps(sa, ea, sb, eb) is shared
