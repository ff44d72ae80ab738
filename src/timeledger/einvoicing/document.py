"""The EN 16931 semantic model of one invoice: plain frozen values, no ORM, no XML.

``selectors.document_for`` fills it from an invoice; ``ubl`` and ``cii`` write it; ``rules``
checks it. Amounts are in the document's own sense: a credit note's are positive (its type code
says it credits), so a stored credit note's negative amounts are negated once, here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal("0")


@dataclass(frozen=True)
class Party:
    name: str
    country: str
    street: str = ""
    additional_street: str = ""
    city: str = ""
    postcode: str = ""
    vat_id: str = ""
    tax_number: str = ""
    legal_id: str = ""
    legal_id_scheme: str = ""
    endpoint_scheme: str = ""
    endpoint_id: str = ""
    email: str = ""
    contact_name: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Line:
    id: str
    description: str
    quantity: Decimal
    unit_code: str
    unit_price: Decimal
    net: Decimal
    vat_code: str
    vat_rate: Decimal
    note: str = ""
    # The line's own discount (BG-27): amount (BT-136), percent (BT-138) of the base (BT-137,
    # quantity × price); net = base − amount.
    allowance: Decimal = ZERO
    allowance_percent: Decimal = ZERO
    allowance_base: Decimal = ZERO


@dataclass(frozen=True)
class Allowance:
    """A document-level allowance (a discount line of the invoice)."""

    amount: Decimal
    reason: str
    vat_code: str
    vat_rate: Decimal


@dataclass(frozen=True)
class TaxSubtotal:
    vat_code: str
    rate: Decimal
    taxable: Decimal
    tax: Decimal
    exemption_reason: str = ""
    exemption_reason_code: str = ""


@dataclass(frozen=True)
class Document:
    format: str
    is_credit_note: bool
    number: str
    issue_date: dt.date
    currency: str
    seller: Party
    buyer: Party
    lines: tuple[Line, ...]
    taxes: tuple[TaxSubtotal, ...]
    line_total: Decimal  # BT-106
    allowance_total: Decimal  # BT-107
    tax_exclusive: Decimal  # BT-109
    tax_total: Decimal  # BT-110
    tax_inclusive: Decimal  # BT-112
    payable: Decimal  # BT-115
    allowances: tuple[Allowance, ...] = ()
    due_date: dt.date | None = None
    buyer_reference: str = ""
    order_reference: str = ""
    contract_reference: str = ""  # BT-12
    project_reference: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    preceding_number: str = ""
    preceding_date: dt.date | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    iban: str = ""
    bic: str = ""
    payment_reference: str = ""
    payment_terms: str = ""
    delivery_country: str = ""
    requires_order_reference: bool = False
    # What the stored invoice says (BT-106..115 must equal these to the cent; own sense).
    stored_net: Decimal = ZERO
    stored_tax: Decimal = ZERO
    stored_gross: Decimal = ZERO
