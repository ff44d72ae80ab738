"""Hours: one helper computes them, one allocates them over entries, one pair shows them."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from timeledger.core import hours
from timeledger.core.templatetags import tl


def test_hours_2dp_rounds_half_up_from_the_seconds():
    assert hours.hours_2dp(18) == Decimal("0.01")  # 0.005 h: half-even would give 0.00
    assert hours.hours_2dp(5418) == Decimal("1.51")  # 1.505 h
    assert hours.hours_2dp(0) == Decimal("0.00")


def test_one_entry_of_5418_seconds_reads_1_51_everywhere():
    assert hours.allocate_hours([5418]) == [Decimal("1.51")]
    assert hours.format_decimal_hours(5418) == "1.51"
    assert tl.decimal_hours(5418) == "1.51"
    assert tl.hours(5418) == "1:30"  # screens: h:mm


def test_allocation_hands_out_the_rounded_hundredths_by_largest_remainder():
    # Three entries of 20 minutes: 1.00 h in all, 0.3333 h each → 0.34, 0.33, 0.33.
    assert hours.allocate_hours([1200, 1200, 1200]) == [
        Decimal("0.34"),
        Decimal("0.33"),
        Decimal("0.33"),
    ]
    # Whole 0.01 h steps stay exact.
    assert hours.allocate_hours([5400, 36, 7200]) == [
        Decimal("1.50"),
        Decimal("0.01"),
        Decimal("2.00"),
    ]
    assert hours.allocate_hours([0, 0]) == [Decimal("0.00"), Decimal("0.00")]
    assert hours.allocate_hours([]) == []


@given(st.lists(st.integers(min_value=0, max_value=24 * 3600), min_size=1, max_size=40))
def test_allocated_hours_add_up_to_the_line_quantity(seconds):
    parts = hours.allocate_hours(seconds)
    assert sum(parts) == hours.hours_2dp(sum(seconds))
    assert all(p == p.quantize(Decimal("0.01")) and p >= 0 for p in parts)
    for part, s in zip(parts, seconds, strict=True):
        exact = hours.exact_hours(s)
        assert abs(part - exact) < Decimal("0.02")


def test_invoice_units_say_hours_are_decimal():
    assert hours.unit_label("h") == "hrs (decimal)"
    assert hours.unit_label("ea") == "ea"
    assert tl.unit_label("h") == "hrs (decimal)"
    assert tl.quantity(Decimal("1.3000")) == "1.30"
    assert tl.quantity(Decimal("0.1250")) == "0.125"
    assert tl.hours_of_decimal(Decimal("1.30")) == "1:18"


def test_money_filter_uses_the_currency_decimals():
    assert tl.money(Decimal("18.518"), "KWD") == "18.518 KWD"
    assert tl.money(Decimal("18.500"), "EUR") == "18.50 EUR"
    assert tl.money(Decimal("1235.000"), "JPY") == "1,235 JPY"
    assert tl.price(Decimal("12.3450"), "KWD") == "12.345"


def test_hhmm_shows_hours_and_minutes_with_a_sign_only_below_zero():
    assert hours.hhmm(0) == "0:00"
    assert hours.hhmm(59) == "0:00"
    assert hours.hhmm(60) == "0:01"
    assert hours.hhmm(7200) == "2:00"
    assert hours.hhmm(7319) == "2:01"
    assert hours.hhmm(-5400) == "-1:30"
    assert hours.hhmm(36 * 3600 + 61) == "36:01"


def test_hours_to_seconds_rounds_half_up_to_whole_seconds():
    assert hours.hours_to_seconds(Decimal("1.5")) == 5400
    assert hours.hours_to_seconds(Decimal("0.00125")) == 5  # 4.5 s: half-up, not half-even 4
    assert hours.hours_to_seconds(Decimal("0.00075")) == 3  # 2.7 s
    assert hours.hours_to_seconds(Decimal("0.0001")) == 0  # 0.36 s


@given(st.integers(min_value=0, max_value=10**7))
def test_hours_to_seconds_undoes_exact_hours(seconds):
    assert hours.hours_to_seconds(hours.exact_hours(seconds).quantize(Decimal("1e-12"))) == seconds
