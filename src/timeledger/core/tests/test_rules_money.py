from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeledger.core.money import (
    Money,
    UnknownCurrency,
    allocate,
    allocate_units,
    amount_for,
    decimals_error,
    format_money,
    has_minor_units_only,
    minor_unit,
    parse_decimal,
    quantize,
    units_text,
)


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


def test_minor_units_follow_iso_4217():
    # Three-decimal dinars and rials, zero-decimal yen and won, two for the rest.
    for code in ("KWD", "BHD", "OMR", "JOD", "TND"):
        assert minor_unit(code) == 3
    assert minor_unit("JPY") == minor_unit("KRW") == 0
    assert minor_unit("EUR") == 2


def test_quantize_uses_the_minor_unit_of_the_currency():
    assert quantize(Decimal("18.5175"), "KWD") == Decimal("18.518")
    assert quantize(Decimal("18.5175"), "EUR") == Decimal("18.52")
    assert quantize(Decimal("1234.5"), "JPY") == Decimal("1235")
    assert str(quantize(Decimal("7"), "OMR")) == "7.000"


def test_format_money_shows_the_minor_unit_of_the_currency():
    assert format_money(Decimal("1234.500"), "EUR") == "1,234.50"
    assert format_money(Decimal("18.5175"), "KWD") == "18.518"
    assert format_money(Decimal("18.500"), "BHD") == "18.500"
    assert format_money(Decimal("1234.500"), "JPY") == "1,235"


def test_format_money_keeps_the_decimals_a_price_has():
    assert format_money(Decimal("150.0000"), "EUR", price=True) == "150.00"
    assert format_money(Decimal("0.1250"), "EUR", price=True) == "0.125"
    assert format_money(Decimal("12.3450"), "KWD", price=True) == "12.345"
    assert format_money(Decimal("1500.0000"), "JPY", price=True) == "1,500"


def test_money_str_uses_the_currency_decimals():
    assert str(Money(Decimal("18.5175"), "KWD")) == "18.518 KWD"
    assert str(Money(Decimal("1000"), "JPY")) == "1,000 JPY"


@given(total=st.integers(min_value=0, max_value=10**9), ws=weights)
def test_allocate_units_in_kwd_adds_up_to_the_fils(total, ws):
    amount = Decimal(total).scaleb(-3)
    parts = allocate(amount, ws, "KWD")
    assert sum(parts) == amount
    assert all(p == quantize(p, "KWD") for p in parts)


def test_unknown_currency_message_names_the_code():
    with pytest.raises(UnknownCurrency, match=r"^unknown currency 'XXX'$"):
        minor_unit("XXX")


def test_an_amount_finer_than_its_currency_is_refused_with_the_allowed_decimals():
    assert decimals_error(Decimal("12.34"), "EUR") is None
    assert decimals_error(Decimal("12.345"), "KWD") is None
    assert decimals_error(Decimal("1200"), "JPY") is None
    assert decimals_error(Decimal("12.345"), "EUR") == "An amount in EUR has at most 2 decimals."
    assert decimals_error(Decimal("12.3456"), "BHD") == "An amount in BHD has at most 3 decimals."
    assert decimals_error(Decimal("12.5"), "JPY") == "An amount in JPY has no decimals."


@given(
    units=st.integers(min_value=-(10**12), max_value=10**12),
    currency=st.sampled_from(["EUR", "KWD", "JPY"]),
)
def test_whole_minor_units_are_accepted_and_half_a_unit_more_is_not(units, currency):
    places = minor_unit(currency)
    amount = Decimal(units).scaleb(-places)
    assert has_minor_units_only(amount, currency)
    finer = amount + Decimal(5).scaleb(-places - 1)
    assert not has_minor_units_only(finer, currency)
    assert decimals_error(finer, currency) is not None


def test_parse_decimal_reads_strings_ints_and_decimals_exactly():
    assert parse_decimal("12.30") == Decimal("12.30")
    assert str(parse_decimal("12.30")) == "12.30"
    assert parse_decimal(7) == Decimal(7)
    assert parse_decimal(Decimal("-0.005")) == Decimal("-0.005")


def test_parse_decimal_refuses_floats_garbage_and_non_finite_numbers():
    with pytest.raises(TypeError, match="^money is never a float$"):
        parse_decimal(0.1)
    with pytest.raises(ValueError, match=r"^'12,5' is not a number$"):
        parse_decimal("12,5")
    with pytest.raises(ValueError, match=r"^None is not a number$"):
        parse_decimal(None)
    for value in ("NaN", "Infinity", "-inf"):
        with pytest.raises(ValueError, match=rf"^'{value}' is not a finite number$"):
            parse_decimal(value)


def test_units_text_writes_minor_units_as_an_exact_decimal_literal():
    assert units_text(None, 2) is None
    assert units_text(3667, 2) == "36.67"
    assert units_text(-5, 3) == "-0.005"
    assert units_text(1235, 0) == "1235"
    assert Decimal(units_text(10**18 + 1, 2)) == Decimal("10000000000000000.01")


def test_allocate_refuses_nothing_to_allocate_to():
    with pytest.raises(ValueError, match="^nothing to allocate to$"):
        allocate(Decimal("10.00"), [], "EUR")


@pytest.mark.parametrize(
    "ws", [[Decimal(0), Decimal(0)], [Decimal(-1), Decimal(2)], [Decimal(3), Decimal(-1)]]
)
def test_allocate_refuses_negative_or_all_zero_weights(ws):
    with pytest.raises(ValueError, match="^weights must be non-negative and not all zero$"):
        allocate(Decimal("10.00"), ws, "EUR")


def test_allocate_units_refuses_a_total_that_is_not_whole_steps():
    with pytest.raises(ValueError, match=r"^10\.005 is not a whole number of 0\.01$"):
        allocate_units(Decimal("10.005"), [Decimal(1)], 2)
