"""SWIFT MT940 customer statements, parsed by the ``mt-940`` library. The ``:86:`` information
is kept whole as the remittance; the payer's name and IBAN are read from its common sub-fields
(``/NAME/``, ``/IBAN/`` as in the Dutch/German structured :86:, ``?32``/``?33`` and ``?31`` in
the German DATEV/ZKA layout)."""

from __future__ import annotations

import datetime as dt
import re

import mt940

from timeledger.banking.parsers import ParsedStatement, ParsedTransaction, StatementError


def _sub(details: str, *patterns: str) -> str:
    for pattern in patterns:
        m = re.search(pattern, details)
        if m:
            return m.group(1).strip()
    return ""


def parse(data: bytes) -> ParsedStatement:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    try:
        statement = mt940.models.Transactions()
        statement.parse(text)
    except Exception as exc:  # the library raises bare errors of many kinds on bad input
        raise StatementError(f"not an MT940 statement: {exc}") from exc
    if not statement.data.get("transaction_reference") and not list(statement):
        raise StatementError("not an MT940 statement: no :20: or :61: fields")
    balance = statement.data.get("final_opening_balance") or statement.data.get(
        "final_closing_balance"
    )
    out = ParsedStatement(
        format="mt940",
        statement_id="/".join(
            str(statement.data.get(k) or "")
            for k in ("transaction_reference", "statement_number", "sequence_number")
        ).strip("/"),
        account=statement.data.get("account_identification") or "",
        currency=getattr(getattr(balance, "amount", None), "currency", "") or "",
    )
    for tx in statement:
        d = tx.data
        details = (d.get("transaction_details") or "").replace("\n", "")
        amount = d["amount"]
        booked, valued = d.get("entry_date") or d["date"], d.get("date")
        out.transactions.append(
            ParsedTransaction(
                booking_date=dt.date(booked.year, booked.month, booked.day),
                value_date=dt.date(valued.year, valued.month, valued.day) if valued else None,
                amount=amount.amount,
                currency=amount.currency or d.get("currency") or out.currency,
                counterparty=_sub(details, r"/NAME/([^/]*)", r"\?32([^?]*)"),
                counterparty_iban=_sub(details, r"/IBAN/([A-Z0-9]+)", r"\?31([A-Z0-9]+)"),
                remittance=details,
                bank_reference=d.get("bank_reference") or "",
            )
        )
    return out
