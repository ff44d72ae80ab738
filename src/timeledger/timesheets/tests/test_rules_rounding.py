"""Rounding of logged into billable seconds: pure, property-based, plus SQL == Python."""

from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeledger.timesheets.rounding import (
    INCREMENTS,
    MODES,
    round_seconds,
    rounded_seconds_for_entry,
)

seconds = st.integers(min_value=0, max_value=86_400)


def test_examples():
    assert round_seconds(1, 15, "up") == 900
    assert round_seconds(899, 15, "down") == 0
    assert round_seconds(450, 15, "nearest") == 900  # exactly half rounds up
    assert round_seconds(449, 15, "nearest") == 0
    assert round_seconds(1234, 1, "none") == 1234
    assert round_seconds(1234, 6, "none") == 1234
    assert round_seconds(0, 30, "up") == 0


@pytest.mark.parametrize(
    "bad, message",
    [
        ((10, 7, "up"), r"^increment must be one of \(1, 5, 6, 10, 15, 30\) minutes$"),
        ((10, 15, "sideways"), r"^mode must be one of \('none', 'up', 'down', 'nearest'\)$"),
        ((-1, 15, "up"), "^seconds must not be negative$"),
    ],
)
def test_rejects_bad_rules_saying_what_is_allowed(bad, message):
    with pytest.raises(ValueError, match=message):
        round_seconds(*bad)


def _entry(seconds, project_rule, organisation_rule):
    organisation = SimpleNamespace(
        rounding_increment=organisation_rule[0], rounding_mode=organisation_rule[1]
    )
    project = SimpleNamespace(
        rounding_increment=project_rule[0], rounding_mode=project_rule[1], organisation=organisation
    )
    return SimpleNamespace(seconds=seconds, project=project)


def test_an_entry_is_rounded_by_its_project_rule_else_its_organisation_rule():
    # 7 min 30 s: up to 15 → 900, down → 0, nearest to 15 → 900, up to 10 → 600, to 6 → 480
    assert rounded_seconds_for_entry(_entry(450, (None, None), (15, "up"))) == 900
    assert rounded_seconds_for_entry(_entry(450, (15, "down"), (6, "up"))) == 0
    assert rounded_seconds_for_entry(_entry(450, (10, None), (15, "up"))) == 600
    assert rounded_seconds_for_entry(_entry(450, (None, "none"), (15, "up"))) == 450
    assert rounded_seconds_for_entry(_entry(450, (None, "down"), (6, "up"))) == 360


@given(s=seconds, inc=st.sampled_from(INCREMENTS), mode=st.sampled_from(MODES))
def test_result_is_a_multiple_within_one_increment(s, inc, mode):
    step = inc * 60
    r = round_seconds(s, inc, mode)
    if mode == "none":
        assert r == s
        return
    assert r % step == 0
    assert abs(r - s) < step
    if mode == "up":
        assert r >= s
    if mode == "down":
        assert r <= s
    if mode == "nearest":
        # independent statement: the multiple closest to s, ties upward
        lower = (s // step) * step
        upper = lower + step
        assert r == (upper if (s - lower) * 2 >= step and s != lower else lower)


@given(a=seconds, b=seconds, inc=st.sampled_from(INCREMENTS), mode=st.sampled_from(MODES))
def test_monotonic(a, b, inc, mode):
    lo, hi = sorted((a, b))
    assert round_seconds(lo, inc, mode) <= round_seconds(hi, inc, mode)


@given(k=st.integers(0, 48), inc=st.sampled_from(INCREMENTS), mode=st.sampled_from(MODES))
def test_exact_multiples_are_unchanged(k, inc, mode):
    assert round_seconds(k * inc * 60, inc, mode) == k * inc * 60


@pytest.mark.django_db
def test_sql_rounding_equals_python(org, project, alice):
    """services.reapply_rounding (SQL) gives what round_seconds (Python) gives, for each rule."""
    import datetime as dt

    from timeledger.testing import factories as f
    from timeledger.timesheets import rounding_services as services
    from timeledger.timesheets.models import TimeEntry

    samples = [1, 59, 60, 179, 180, 359, 360, 449, 450, 451, 899, 900, 901, 1799, 1800, 86_399]
    entries = [
        f.entry(alice, project, day=dt.date(2026, 2, 2), billable_seconds=0) for s in samples
    ]
    for e, s in zip(entries, samples, strict=True):
        TimeEntry.objects.filter(pk=e.pk).update(seconds=s)
    for inc in INCREMENTS:
        for mode in MODES:
            org.rounding_increment, org.rounding_mode = inc, mode
            org.save()
            services.reapply_rounding(org)
            got = dict(
                TimeEntry.objects.filter(pk__in=[e.pk for e in entries]).values_list(
                    "seconds", "billable_seconds"
                )
            )
            assert got == {s: round_seconds(s, inc, mode) for s in samples}, (inc, mode)
