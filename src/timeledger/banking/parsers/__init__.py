"""Bank statement parsers: one module per format, each ``parse(data: bytes, **options)`` →
``ParsedStatement``. ``detect`` tells the format from the content."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


class StatementError(ValueError):
    """The file is not a statement of the given format; the message says where and why."""


@dataclass(frozen=True)
class ParsedTransaction:
    booking_date: dt.date
    amount: Decimal  # positive: a credit (money in); negative: a debit
    currency: str
    value_date: dt.date | None = None
    counterparty: str = ""
    counterparty_iban: str = ""
    remittance: str = ""
    bank_reference: str = ""


@dataclass
class ParsedStatement:
    format: str
    statement_id: str = ""
    account: str = ""
    currency: str = ""
    transactions: list[ParsedTransaction] = field(default_factory=list)


def detect(data: bytes) -> str:
    head = data[:4000].lstrip(b"\xef\xbb\xbf \r\n\t")
    if head.startswith(b"<"):
        if b"camt.054" in head or b"BkToCstmrDbtCdtNtfctn" in data[:20000]:
            return "camt054"
        if b"camt.053" in head or b"BkToCstmrStmt" in data[:20000]:
            return "camt053"
        raise StatementError("an XML file that is not a CAMT.053 or CAMT.054 statement")
    if b":20:" in head and (b":61:" in data or b":60F:" in data or b":60M:" in data):
        return "mt940"
    if head.startswith(b"{1:"):
        return "mt940"
    return "csv"
