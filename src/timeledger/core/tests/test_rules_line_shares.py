"""The entries of an invoice line add up to the line: ``core.hours.line_shares``."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from timeledger.core.hours import hours_2dp, line_shares
from timeledger.core.money import MINOR_UNITS, minor_unit


def test_six_twenty_minute_entries_at_110_add_up_to_the_line():
    shares = line_shares([1200] * 6, Decimal("220.00"), "EUR")
    assert sorted(h for h, _ in shares) == [Decimal("0.33")] * 4 + [Decimal("0.34")] * 2
    assert sum(h for h, _ in shares) == Decimal("2.00")
    assert sum(a for _, a in shares) == Decimal("220.00")
    assert sorted({a for _, a in shares}) == [Decimal("36.66"), Decimal("36.67")]


def test_leftover_cents_go_to_the_largest_remainders_not_the_first_or_largest_part():
    # 10.00 over 1 : 1 : 1 → 3.34, 3.33, 3.33 (tie: earliest first)
    assert [a for _, a in line_shares([1, 1, 1], Decimal("10.00"), "EUR")] == [
        Decimal("3.34"),
        Decimal("3.33"),
        Decimal("3.33"),
    ]
    # 1.00 over 5 : 3 : 2 s of a 10 s line: exact 0.50, 0.30, 0.20 — no cent moves
    assert [a for _, a in line_shares([5, 3, 2], Decimal("1.00"), "EUR")] == [
        Decimal("0.50"),
        Decimal("0.30"),
        Decimal("0.20"),
    ]
    # 0.10 over 6 : 7 : 1 → exact 0.0429, 0.05, 0.0071: the largest remainder (the 1) gets it
    assert [a for _, a in line_shares([6, 7, 1], Decimal("0.10"), "EUR")] == [
        Decimal("0.04"),
        Decimal("0.05"),
        Decimal("0.01"),
    ]


def test_entries_of_zero_seconds_share_only_when_all_are_zero():
    assert line_shares([], Decimal("5.00"), "EUR") == []
    assert line_shares([0, 3600], Decimal("5.00"), "EUR") == [
        (Decimal("0.00"), Decimal("0.00")),
        (Decimal("1.00"), Decimal("5.00")),
    ]
    assert [a for _, a in line_shares([0, 0], Decimal("5.00"), "EUR")] == [
        Decimal("2.50"),
        Decimal("2.50"),
    ]


@given(
    seconds=st.lists(st.integers(min_value=0, max_value=86_400), min_size=1, max_size=40),
    minor_units=st.integers(min_value=0, max_value=10**9),
    currency=st.sampled_from(sorted({"EUR", "JPY", "KWD", *list(MINOR_UNITS)[:5]})),
)
def test_shares_add_up_to_the_line_and_stay_within_one_unit_of_exact(
    seconds, minor_units, currency
):
    unit = Decimal(1).scaleb(-minor_unit(currency))
    net = minor_units * unit
    shares = line_shares(seconds, net, currency)
    assert len(shares) == len(seconds)
    assert sum((a for _, a in shares), Decimal(0)) == net
    assert sum((h for h, _ in shares), Decimal(0)) == hours_2dp(sum(seconds))
    total = sum(seconds)
    for s, (hours, amount) in zip(seconds, shares, strict=True):
        assert amount == amount.quantize(unit) and hours == hours.quantize(Decimal("0.01"))
        exact = net * s / total if total else net / len(seconds)
        assert abs(amount - exact) < unit
        assert amount >= 0


def test_a_one_second_line_gives_its_amount_to_the_entry_that_has_the_second():
    assert [a for _, a in line_shares([1, 0], Decimal("10.00"), "EUR")] == [
        Decimal("10.00"),
        Decimal("0.00"),
    ]
