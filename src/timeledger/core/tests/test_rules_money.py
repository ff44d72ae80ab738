from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeledger.core.money import UnknownCurrency, allocate, amount_for, quantize


def test_quantize_rounds_half_up_not_half_even():
    assert quantize(Decimal("0.125"), "EUR") == Decimal("0.13")
    assert quantize(Decimal("2.5"), "JPY") == Decimal("3")
    assert quantize(Decimal("1.0005"), "KWD") == Decimal("1.001")


def test_unknown_currency_is_refused():
    with pytest.raises(UnknownCurrency):
        quantize(Decimal("1"), "XXX")


def test_amount_for_seconds_rounds_once():
    # 1 h 20 min at 100.00 = 133.333… → 133.33
    assert amount_for(4800, Decimal("100.00"), "EUR") == Decimal("133.33")


amounts = st.decimals(min_value=Decimal("0"), max_value=Decimal("1000000"), places=2)
weights = st.lists(
    st.decimals(min_value=Decimal("0"), max_value=Decimal("1000"), places=2),
    min_size=1,
    max_size=12,
).filter(lambda ws: sum(ws) > 0)


@given(total=amounts, ws=weights)
def test_allocate_parts_always_add_up_to_the_total(total, ws):
    parts = allocate(total, ws, "EUR")
    assert sum(parts) == total
    assert all(p >= 0 for p in parts)
    assert all(p == quantize(p, "EUR") for p in parts)


@given(total=amounts, ws=weights)
def test_allocate_parts_are_within_one_cent_of_exact_share(total, ws):
    parts = allocate(total, ws, "EUR")
    wsum = sum(ws)
    for part, w in zip(parts, ws, strict=True):
        assert abs(part - total * w / wsum) < Decimal("0.01")


def test_hours_2dp_rounds_half_up():
    from timeledger.core.money import hours_2dp

    assert hours_2dp(18) == Decimal("0.01")  # 0.005 h: half-even would give 0.00
    assert hours_2dp(5418) == Decimal("1.51")
    assert hours_2dp(0) == Decimal("0.00")
