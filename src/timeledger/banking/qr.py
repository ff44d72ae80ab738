"""The EPC QR code ("GiroCode", EPC069-12 v2.1): a SEPA credit transfer a banking app scans.

Payload, one element per line (LF): ``BCD``, version ``002``, character set ``1`` (UTF-8),
``SCT``, BIC (optional in version 002), beneficiary name (≤ 70), IBAN, ``EUR`` + amount (0.01 to
999999999.99, point decimal), purpose (≤ 4, empty), the structured creditor reference (RF,
≤ 35) — or else the unstructured remittance (≤ 140), never both — and a note (≤ 70). At most 331
bytes; error correction level M. Only for EUR amounts.
"""

from __future__ import annotations

import base64
import io
from decimal import Decimal

import segno

from timeledger.banking.rules import rf_reference

MAX_BYTES = 331


class NotPayable(ValueError):
    """No EPC code for this invoice (not EUR, no IBAN, nothing owed…); the message says why."""


def _iban(value: str) -> str:
    iban = "".join(value.split()).upper()
    if not (15 <= len(iban) <= 34) or not iban[:2].isalpha():
        raise NotPayable("no valid IBAN in the organisation's settings")
    digits = "".join(str(int(ch, 36)) for ch in iban[4:] + iban[:4])
    if int(digits) % 97 != 1:
        raise NotPayable(f"the IBAN {value} has a wrong check number")
    return iban


def epc_payload(
    *, name: str, iban: str, amount: Decimal, currency: str, number: str, bic: str = ""
) -> str:
    if currency != "EUR":
        raise NotPayable("EPC QR codes are for amounts in EUR")
    if not (Decimal("0.01") <= amount <= Decimal("999999999.99")):
        raise NotPayable("nothing to pay")
    if not name.strip():
        raise NotPayable("no beneficiary name")
    lines = [
        "BCD",
        "002",
        "1",
        "SCT",
        "".join(bic.split()).upper(),
        name.strip()[:70],
        _iban(iban),
        f"EUR{amount:.2f}",
        "",
        rf_reference(number),
        "",
        f"Invoice {number}"[:70],
    ]
    payload = "\n".join(lines)
    if len(payload.encode()) > MAX_BYTES:
        raise NotPayable("the payment details are too long for an EPC QR code")
    return payload


def epc_for_invoice(invoice, amount: Decimal | None = None) -> str:
    """The payload for ``amount`` (default: what ``invoice`` still owes), to the organisation's
    account."""
    seller = invoice.seller or {}
    org = invoice.organisation
    return epc_payload(
        name=seller.get("name") or org.legal_name or org.name,
        iban=seller.get("iban") or org.iban,
        bic=seller.get("bic") or org.bic,
        amount=Decimal(invoice.balance_due if amount is None else amount).quantize(Decimal("0.01")),
        currency=invoice.currency,
        number=invoice.number or "",
    )


def qr_png(payload: str, *, scale: int = 4) -> bytes:
    out = io.BytesIO()
    segno.make(payload, error="m", micro=False).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def qr_data_uri(payload: str) -> str:
    """An ``<img src>`` for templates (the PDF and the client link)."""
    return "data:image/png;base64," + base64.b64encode(qr_png(payload)).decode()
