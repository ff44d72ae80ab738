"""The rules of expenses a finance person can check on paper (plain values, no ORM).

Billed amount of one expense, rounded where written:
    net       = amount − VAT                      (expense currency, exact: both are in its unit)
    converted = round(net × exchange_rate)        (client currency, half-up to its minor unit)
    billed    = round(converted × (1 + mark-up %/100))   (half-up, once more)
An expense line (one per category on a draft) bills the sum of its expenses' billed amounts, so
each expense's share of the line is exact; the invoice's VAT is then taxed on the line like any
other (``invoicing.totals``: per category and rate on the sum of the nets).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation
from django.utils.translation import ngettext

from timeledger.core.money import quantize

HUNDRED = Decimal(100)

MAX_RECEIPT_BYTES = 10 * 1024 * 1024  # a phone photo is 2–5 MB; a scanned PDF rarely more
RECEIPT_TYPES = {  # what the file starts with → (content type, label)
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WebP",
    "image/heic": "HEIC",
}


class ReceiptRefused(ValueError):
    """The upload is not a receipt we keep: too large, empty, or not a PDF or an image."""


def converted_net(amount: Decimal, vat: Decimal, exchange_rate: Decimal, to: str) -> Decimal:
    """The expense's net in the client's currency ``to``, rounded half-up once."""
    return quantize((amount - vat) * exchange_rate, to)


def billable_amount(
    amount: Decimal, vat: Decimal, exchange_rate: Decimal, markup_percent: Decimal, to: str
) -> Decimal:
    """What the client is billed for one expense (see the module docstring)."""
    converted = converted_net(amount, vat, exchange_rate, to)
    return quantize(converted * (HUNDRED + markup_percent) / HUNDRED, to)


def cost_amount(amount: Decimal, vat: Decimal, exchange_rate: Decimal, to: str) -> Decimal:
    """What the expense costs the company in ``to`` (the reclaimable VAT is not a cost)."""
    return converted_net(amount, vat, exchange_rate, to)


def sniff_receipt(head: bytes) -> str | None:
    """The content type of a receipt from its first bytes (never from its name or the browser's
    word for it), or None when it is not a PDF, JPEG, PNG, WebP or HEIC image."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"):
        return "image/heic"
    return None


def check_receipt(head: bytes, size: int) -> str:
    """The receipt's content type, or ``ReceiptRefused`` with the reason a person reads."""
    if size <= 0:
        raise ReceiptRefused("The receipt file is empty.")
    if size > MAX_RECEIPT_BYTES:
        raise ReceiptRefused(
            f"The receipt is {size / 1024 / 1024:.1f} MB; at most "
            f"{MAX_RECEIPT_BYTES // 1024 // 1024} MB."
        )
    kind = sniff_receipt(head)
    if kind is None:
        raise ReceiptRefused("A receipt is a PDF or an image (JPEG, PNG, WebP, HEIC).")
    return kind


def line_description(category: str, count: int, *, language: str | None = None) -> str:
    """ "Expenses: Travel (3 items)", in the invoice's language (English when none)."""
    with translation.override(language or "en"):
        return ngettext(
            "Expenses: %(category)s (%(count)s item)",
            "Expenses: %(category)s (%(count)s items)",
            count,
        ) % {"category": category, "count": count}
