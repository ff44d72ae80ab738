"""Billing-model rules, pure: cap, schedule allocation, milestone % cap, retainers, budgets."""

import datetime as dt
import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeledger.contracts import rules as r

D = dt.date
cents = st.integers(min_value=0, max_value=10_000_000).map(lambda n: Decimal(n) / 100)


# --- cap ---


def test_cap_flags_entries_beyond_the_amount_in_work_order():
    entries = [
        r.CapEntry(3, D(2026, 1, 3), 3600, Decimal("100")),
        r.CapEntry(1, D(2026, 1, 1), 3600, Decimal("400")),
        r.CapEntry(2, D(2026, 1, 2), 3600, Decimal("500")),  # reaches exactly 900: fine
        r.CapEntry(4, D(2026, 1, 3), 3600, Decimal("0.01")),
    ]
    assert r.over_cap(entries, cap_amount=Decimal("1000.01")) == set()
    assert r.over_cap(entries, cap_amount=Decimal("900")) == {3, 4}
    assert r.over_cap(entries, cap_amount=Decimal("899.99")) == {2, 3, 4}
    assert r.over_cap(entries, cap_hours=Decimal("2.5")) == {3, 4}


@given(
    amounts=st.lists(cents, min_size=0, max_size=20),
    cap=cents,
)
def test_unflagged_entries_never_exceed_the_cap(amounts, cap):
    entries = [r.CapEntry(i, D(2026, 1, 1 + i % 28), 60, a) for i, a in enumerate(amounts)]
    flagged = r.over_cap(entries, cap_amount=cap)
    # everything up to the first flagged entry (in work order) fits under the cap
    ordered = sorted(entries, key=lambda e: (e.date, e.id))
    running = Decimal(0)
    for e in ordered:
        running += e.amount
        assert (e.id in flagged) == (running > cap)


# --- schedules ---


@given(
    fee=cents,
    weights=st.lists(st.integers(1, 100), min_size=1, max_size=8),
    currency=st.sampled_from(["EUR", "JPY", "USD"]),
)
def test_instalments_add_up_to_the_fee_exactly(fee, weights, currency):
    # turn arbitrary weights into percents that add up to exactly 100 (last one takes the rest)
    total = sum(weights)
    percents = [Decimal(w * 100 // total) for w in weights[:-1]]
    percents.append(Decimal(100) - sum(percents, Decimal(0)))
    if any(p <= 0 for p in percents):
        return
    parts = r.instalment_amounts(fee, percents, currency)
    minor = 0 if currency == "JPY" else 2
    assert sum(parts) == fee.quantize(Decimal(1).scaleb(-minor), rounding="ROUND_HALF_UP")
    for p, pct in zip(parts, percents, strict=True):
        exact = Fraction(fee) * Fraction(pct) / 100
        assert abs(Fraction(p) - exact) <= Fraction(1, 10**minor) * 2  # within the minor unit


def test_schedule_errors():
    assert (
        r.schedule_errors([Decimal(50), Decimal(40)])
        == "The instalments add up to 90 %, not 100 %."
    )
    assert r.schedule_errors([]) == "Add at least one instalment."
    assert r.schedule_errors([Decimal(-10), Decimal(110)]).startswith("Each instalment")
    with pytest.raises(ValueError):
        r.instalment_amounts(Decimal(100), [Decimal(30)], "EUR")


def test_fee_of_1000_in_three_thirds():
    p = Decimal("33.33")
    parts = r.instalment_amounts(Decimal("1000.00"), [p, p, Decimal("33.34")], "EUR")
    assert parts == [Decimal("333.30"), Decimal("333.30"), Decimal("333.40")]


# --- milestones ---


def test_milestone_examples():
    assert r.milestone_releasable(Decimal("10000"), Decimal(40), Decimal(0), "EUR") == Decimal(
        "4000.00"
    )
    assert r.milestone_releasable(Decimal("10000"), Decimal(40), Decimal("4000"), "EUR") == 0
    assert r.milestone_releasable(Decimal("10000"), Decimal(30), Decimal("4000"), "EUR") == 0
    assert r.milestone_releasable(
        Decimal("333.33"), Decimal("33.333"), Decimal(0), "EUR"
    ) == Decimal("111.11")
    with pytest.raises(ValueError, match="between 0 and 100"):
        r.milestone_releasable(Decimal(100), Decimal(101), Decimal(0), "EUR")


@given(
    value=cents,
    steps=st.lists(st.integers(0, 100_00).map(lambda n: Decimal(n) / 100), min_size=1, max_size=10),
)
def test_milestone_never_bills_beyond_its_value(value, steps):
    billed = Decimal(0)
    for pct in steps:  # % complete may go up and down between invoices
        now = r.milestone_releasable(value, pct, billed, "EUR")
        assert now >= 0
        billed += now
        assert billed <= value
    # at 100 % the whole value is billed, exactly
    billed += r.milestone_releasable(value, Decimal(100), billed, "EUR")
    assert billed == value


# --- retainers ---


@pytest.mark.parametrize(
    "starts,period,on,expected",
    [
        (D(2026, 1, 1), "monthly", D(2026, 1, 31), (D(2026, 1, 1), D(2026, 1, 31))),
        (D(2026, 1, 15), "monthly", D(2026, 2, 14), (D(2026, 1, 15), D(2026, 2, 14))),
        (D(2026, 1, 15), "monthly", D(2026, 2, 15), (D(2026, 2, 15), D(2026, 3, 14))),
        (D(2026, 1, 31), "monthly", D(2026, 2, 28), (D(2026, 2, 28), D(2026, 3, 30))),
        (D(2026, 1, 1), "quarterly", D(2026, 5, 20), (D(2026, 4, 1), D(2026, 6, 30))),
    ],
)
def test_period_bounds(starts, period, on, expected):
    assert r.period_bounds(starts, period, on) == expected


@given(
    starts=st.dates(D(2024, 1, 1), D(2026, 12, 31)),
    offset=st.integers(0, 900),
    period=st.sampled_from(["monthly", "quarterly"]),
)
def test_period_contains_the_day_and_next_follows(starts, offset, period):
    on = starts + dt.timedelta(days=offset)
    start, end = r.period_bounds(starts, period, on)
    assert start <= on <= end
    nxt_start, _ = r.period_bounds(starts, period, end + dt.timedelta(days=1))
    assert nxt_start == end + dt.timedelta(days=1)


def test_retainer_overage_and_flag():
    u = r.retainer_usage(
        included_hours=Decimal(20),
        carried_in_hours=Decimal(5),
        used_hours=Decimal("27.5"),
        overage_rate=Decimal(120),
        rollover=True,
        warn_percent=90,
        currency="EUR",
    )
    assert (u.allowance_hours, u.overage_hours, u.overage_amount) == (
        Decimal(25),
        Decimal("2.5"),
        Decimal("300.00"),
    )
    assert u.should_flag and u.carry_out_hours == 0
    u = r.retainer_usage(
        included_hours=Decimal(20),
        carried_in_hours=Decimal(5),
        used_hours=Decimal(17),
        overage_rate=Decimal(120),
        rollover=False,
        warn_percent=90,
        currency="EUR",
    )
    assert (u.allowance_hours, u.overage_hours, u.should_flag, u.carry_out_hours) == (
        Decimal(20),
        0,
        False,
        0,
    )
    u = r.retainer_usage(
        included_hours=Decimal(20),
        carried_in_hours=Decimal(0),
        used_hours=Decimal(18),
        overage_rate=Decimal(120),
        rollover=True,
        warn_percent=90,
        currency="EUR",
        period_closed=True,
    )
    assert not u.should_flag and u.carry_out_hours == Decimal(2)


@given(
    included=st.integers(0, 200).map(Decimal),
    carried=st.integers(0, 50).map(Decimal),
    used=st.integers(0, 400).map(lambda n: Decimal(n) / 2),
    rollover=st.booleans(),
)
def test_retainer_hours_are_conserved(included, carried, used, rollover):
    u = r.retainer_usage(
        included_hours=included,
        carried_in_hours=carried,
        used_hours=used,
        overage_rate=Decimal("100"),
        rollover=rollover,
        warn_percent=90,
        currency="EUR",
    )
    covered = used - u.overage_hours
    assert covered <= u.allowance_hours
    assert u.overage_hours >= 0 and u.carry_out_hours >= 0
    if rollover:
        assert covered + u.carry_out_hours == u.allowance_hours
    assert u.overage_amount == (u.overage_hours * 100).quantize(Decimal("0.01"))


# --- budgets ---


def test_thresholds_and_burn():
    assert r.parse_thresholds("100, 80,80") == [80, 100]
    with pytest.raises(ValueError):
        r.parse_thresholds("eighty")
    assert r.crossed(Decimal(80), Decimal(100), [80, 100]) == [80]
    assert r.crossed(Decimal("79.99"), Decimal(100), [80, 100]) == []
    assert r.crossed(Decimal(100), Decimal(100), [80, 100]) == [80, 100]
    assert r.crossed(Decimal(5), None, [80]) == []
    assert r.burn_percent(Decimal(45), Decimal(60)) == Decimal("75.0")


# --- edges the mutation run found untested ---


def test_work_exactly_at_the_hours_cap_is_within_it():
    entries = [
        r.CapEntry(id=1, date=D(2026, 3, 2), seconds=3600, amount=None),
        r.CapEntry(id=2, date=D(2026, 3, 3), seconds=3600, amount=None),
        r.CapEntry(id=3, date=D(2026, 3, 4), seconds=1, amount=None),
    ]
    assert r.over_cap(entries[:2], cap_hours=Decimal(2)) == set()
    assert r.over_cap(entries, cap_hours=Decimal(2)) == {3}


def test_instalments_of_one_percent_are_fine_and_of_zero_are_not():
    assert r.schedule_errors([Decimal(1), Decimal(99)]) is None
    assert r.schedule_errors([Decimal(0), Decimal(100)]) == (
        "Each instalment is more than 0 % and at most 100 % of the fee."
    )
    with pytest.raises(ValueError, match=r"^The instalments add up to 90 %, not 100 %\.$"):
        r.instalment_amounts(Decimal(1000), [Decimal(40), Decimal(50)], "EUR")


def test_a_percent_out_of_range_is_refused_in_words():
    assert r.percent_errors(Decimal(101)) == "% complete must be between 0 and 100."
    with pytest.raises(ValueError, match="^% complete must be between 0 and 100.$"):
        r.milestone_releasable(Decimal(100), Decimal(-1), Decimal(0), "EUR")


def test_a_retainer_before_its_start_is_refused_in_words():
    with pytest.raises(ValueError, match="^the retainer has not started on that date$"):
        r.period_bounds(D(2026, 2, 1), "monthly", D(2026, 1, 31))


def _retainer(used, included="40", warn=90):
    return r.retainer_usage(
        included_hours=Decimal(included),
        carried_in_hours=Decimal(0),
        used_hours=Decimal(used),
        overage_rate=Decimal(100),
        rollover=False,
        warn_percent=warn,
        currency="EUR",
    )


def test_the_overage_flag_goes_up_at_the_warn_percent_and_not_for_an_unused_retainer():
    assert _retainer("36").should_flag  # exactly 90 %
    assert not _retainer("35.9").should_flag
    assert not _retainer("0", included="0").should_flag
    assert _retainer("0.5", included="0").should_flag  # any use of a zero allowance


def test_retainer_usage_reports_the_hours_used_and_the_share_to_a_tenth():
    u = _retainer("45.5")
    assert (u.used_hours, u.percent_used, u.overage_hours) == (
        Decimal("45.5"),
        Decimal("113.8"),
        Decimal("5.5"),
    )
    assert _retainer("1", included="0").percent_used is None


@pytest.mark.parametrize(
    "text, expected",
    [("80,,100", [80, 100]), ("1", [1]), ("1000", [1000]), (" 100 , 80,80 ", [80, 100])],
)
def test_thresholds_keep_every_value_between_1_and_1000(text, expected):
    assert r.parse_thresholds(text) == expected


@pytest.mark.parametrize("text", ["0", "1001", "80,abc", "-5", "12.5"])
def test_thresholds_out_of_range_or_not_whole_are_refused_by_value(text):
    bad = [p for p in text.replace(" ", "").split(",") if p not in ("80",)][0]
    with pytest.raises(
        ValueError, match=rf"^'{re.escape(bad)}' is not a whole percent between 1 and 1000\.$"
    ):
        r.parse_thresholds(text)


@pytest.mark.parametrize("text", ["", None, " , "])
def test_no_threshold_at_all_is_refused(text):
    with pytest.raises(ValueError, match=r"^Give at least one threshold, e\.g\. 80,100\.$"):
        r.parse_thresholds(text)
