"""RF creditor references (ISO 11649) and the matching rule, without a database."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from timeledger.banking import rules

D = Decimal


def test_rf_of_the_iso_example_and_of_invoice_numbers():
    assert rules.is_valid_rf("RF18 5390 0754 7034")  # ISO 11649's own example
    assert not rules.is_valid_rf("RF19 5390 0754 7034")
    assert rules.rf_reference("INV-2026-00001") == "RF76INV202600001"
    assert rules.rf_grouped("RF76INV202600001") == "RF76 INV2 0260 0001"


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-/ ", min_size=1, max_size=30))
def test_every_generated_rf_is_valid(number):
    if not any(ch.isalnum() for ch in number):
        return
    assert rules.is_valid_rf(rules.rf_reference(number))


def _items():
    return [
        rules.OpenItem(1, "INV-1", 10, "Acme Retail", "EUR", D("100.00")),
        rules.OpenItem(2, "INV-2", 10, "Acme Retail", "EUR", D("200.00")),
        rules.OpenItem(3, "INV-3", 20, "Beta GmbH", "EUR", D("500.00")),
        rules.OpenItem(4, "INV-10", 20, "Beta GmbH", "EUR", D("40.00")),
    ]


def test_reference_splits_in_the_order_named_and_keeps_the_rest_as_credit():
    m = rules.match(rules.Credit(D("350.00"), "EUR", "INV-2, INV-1"), _items())
    assert m.kind == "reference" and m.confident and m.client_id == 10
    assert m.allocations == {2: D("200.00"), 1: D("100.00")}
    assert "stays as credit" in m.note


def test_a_number_is_matched_as_a_whole_word():
    m = rules.match(rules.Credit(D("40.00"), "EUR", "INV-10"), _items())
    assert m.allocations == {4: D("40.00")}  # not INV-1


def test_invoices_of_two_clients_or_another_currency_are_not_confident():
    assert rules.match(rules.Credit(D("600"), "EUR", "INV-1 INV-3"), _items()).kind == "none"
    assert rules.match(rules.Credit(D("100"), "USD", "INV-1"), _items()).kind == "none"


def test_amount_and_client_is_only_a_suggestion():
    m = rules.match(rules.Credit(D("500.00"), "EUR", "services", "BETA GMBH"), _items())
    assert m.kind == "amount" and not m.confident and m.allocations == {3: D("500.00")}
    assert rules.match(rules.Credit(D("123.00"), "EUR", "x"), _items()).kind == "none"


@given(st.decimals(min_value=D("0.01"), max_value=D("10000"), places=2))
def test_reference_allocations_never_exceed_the_credit_or_a_balance(amount):
    m = rules.match(rules.Credit(amount, "EUR", "INV-1 INV-2"), _items())
    assert sum(m.allocations.values()) == min(amount, D("300.00"))
    assert m.allocations.get(1, 0) <= D("100.00") and m.allocations.get(2, 0) <= D("200.00")
