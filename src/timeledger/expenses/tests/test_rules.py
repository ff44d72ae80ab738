"""The billed amount of an expense, worked out by hand, and receipt checks (pure)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeledger.expenses import rules


def test_markup_on_net_of_vat_worked_by_hand():
    # 121.00 EUR paid, 21.00 of it VAT the company reclaims: net 100.00; + 15 % = 115.00.
    assert rules.billable_amount(
        Decimal("121.00"), Decimal("21.00"), Decimal(1), Decimal("15"), "EUR"
    ) == Decimal("115.00")
    # 59.99 with 10.41 VAT: net 49.58; × 1.15 = 57.017 → 57.02 (half-up).
    assert rules.billable_amount(
        Decimal("59.99"), Decimal("10.41"), Decimal(1), Decimal("15"), "EUR"
    ) == Decimal("57.02")


def test_foreign_currency_converted_at_the_recorded_rate_then_marked_up():
    # 250.00 USD, no VAT, at 0.92345 EUR per USD: 230.8625 → 230.86; + 10 % = 253.946 → 253.95.
    assert rules.converted_net(Decimal("250.00"), Decimal(0), Decimal("0.92345"), "EUR") == Decimal(
        "230.86"
    )
    assert rules.billable_amount(
        Decimal("250.00"), Decimal(0), Decimal("0.92345"), Decimal("10"), "EUR"
    ) == Decimal("253.95")
    # Into JPY (no minor unit): 12.34 EUR at 161.5 = 1992.91 → 1993.
    assert rules.billable_amount(
        Decimal("12.34"), Decimal(0), Decimal("161.5"), Decimal(0), "JPY"
    ) == Decimal("1993")


def test_half_cent_rounds_up_never_half_even():
    # 0.125 EUR → 0.13 (bare round() would give 0.12).
    assert rules.billable_amount(
        Decimal("0.25"), Decimal(0), Decimal("0.5"), Decimal(0), "EUR"
    ) == Decimal("0.13")


@given(
    cents=st.integers(1, 10**8),
    vat_share=st.integers(0, 100),
    markup=st.integers(0, 500),
)
def test_billed_is_never_below_net_and_has_the_currency_unit(cents, vat_share, markup):
    amount = Decimal(cents) / 100
    vat = (amount * vat_share / 100).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    billed = rules.billable_amount(amount, vat, Decimal(1), Decimal(markup), "EUR")
    assert billed >= amount - vat
    assert billed == billed.quantize(Decimal("0.01"))


@pytest.mark.parametrize(
    "head,kind",
    [
        (b"%PDF-1.7\n", "application/pdf"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"\x00\x00\x00\x18ftypheic", "image/heic"),
    ],
)
def test_receipt_types_are_read_from_the_bytes(head, kind):
    assert rules.check_receipt(head, 1000) == kind


def test_receipt_refused_when_too_large_empty_or_not_a_receipt():
    with pytest.raises(rules.ReceiptRefused, match="at most 10 MB"):
        rules.check_receipt(b"%PDF-1.7", rules.MAX_RECEIPT_BYTES + 1)
    with pytest.raises(rules.ReceiptRefused, match="empty"):
        rules.check_receipt(b"", 0)
    with pytest.raises(rules.ReceiptRefused, match="PDF or an image"):
        rules.check_receipt(b"MZ\x90\x00", 1000)  # an .exe named receipt.pdf
    with pytest.raises(rules.ReceiptRefused, match="PDF or an image"):
        rules.check_receipt(b"<svg xmlns=", 1000)  # SVG can carry script
