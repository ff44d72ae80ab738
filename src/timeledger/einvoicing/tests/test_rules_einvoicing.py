"""Pure rules: addresses, unit codes, VAT codes, tax subtotals."""

from decimal import Decimal

import pytest

from timeledger.einvoicing import rules, ubl


@pytest.mark.parametrize(
    "text, street, postcode, city",
    [
        ("Herengracht 1\n1015 BA Amsterdam", "Herengracht 1", "1015 BA", "Amsterdam"),
        ("Friedrichstraße 10\n10117 Berlin", "Friedrichstraße 10", "10117", "Berlin"),
        ("1 Main Street\nSpringfield, IL 62701", "1 Main Street", "62701", "Springfield, IL"),
        ("10 Downing St\nLondon SW1A 2AA", "10 Downing St", "SW1A 2AA", "London"),
        ("Rue de la Loi 16\nB-1000 Brussels", "Rue de la Loi 16", "B-1000", "Brussels"),
        ("Somewhere 3\nVaduz", "Somewhere 3", "", "Vaduz"),
    ],
)
def test_split_address(text, street, postcode, city):
    a = rules.split_address(text)
    assert (a.street, a.postcode, a.city) == (street, postcode, city)


def test_units_and_vat_codes():
    assert rules.unit_code("h") == "HUR" and rules.unit_code("mo") == "MON"
    assert rules.unit_code("licence") == "C62"
    assert rules.vat_code("AA") == "S" and rules.vat_code("Z", "K") == "K"


def test_tax_subtotals_round_once_per_code_and_rate():
    rows = [(Decimal("0.05"), "S", Decimal("21")), (Decimal("0.05"), "S", Decimal("21"))]
    # 0.10 × 21 % = 0.021 → 0.02 (rounded on the sum, not 0.01 + 0.01 per line)
    assert rules.tax_subtotals(rows, "EUR") == [
        ("S", Decimal("21"), Decimal("0.10"), Decimal("0.02"))
    ]


def test_a_negative_zero_is_written_as_zero():
    """-0.00 (a zero-rated tax on a negative basis) is not zero to the CII schematron."""
    assert ubl.amount(Decimal("-0.00"), "EUR") == "0.00"
    assert ubl.amount(Decimal("-1.50"), "EUR") == "-1.50"
    assert ubl.number(Decimal("-0.0")) == "0"
