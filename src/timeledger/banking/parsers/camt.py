"""ISO 20022 CAMT.053 (statement) and CAMT.054 (notification), any version (.001.02 to .001.13):
elements are found by local name, so the namespace's version does not matter.

Per entry (``Ntry``): amount and currency (``Amt/@Ccy``), ``CdtDbtInd`` (CRDT money in),
booking and value date (``Dt`` or ``DtTm``), the bank's reference (``AcctSvcrRef``). A batch entry
carries one ``TxDtls`` per transfer, each with its own amount (``Amt`` or ``AmtDtls/TxAmt/Amt``),
payer (``RltdPties/Dbtr`` name — under ``Pty`` since version 08 — and ``DbtrAcct`` IBAN) and
remittance (``RmtInf/Ustrd`` lines and ``Strd/CdtrRefInf/Ref``, the structured reference).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from lxml import etree

from timeledger.banking.parsers import ParsedStatement, ParsedTransaction, StatementError


def _children(el, name):
    return [c for c in el if isinstance(c.tag, str) and etree.QName(c).localname == name]


def _first(el, *path):
    for name in path:
        if el is None:
            return None
        found = _children(el, name)
        el = found[0] if found else None
    return el


def _text(el, *path) -> str:
    node = _first(el, *path)
    return (node.text or "").strip() if node is not None else ""


def _date(el) -> dt.date | None:
    if el is None:
        return None
    value = _text(el, "Dt") or _text(el, "DtTm")[:10]
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError as exc:
        raise StatementError(f"bad date {value!r}") from exc


def _amount(el) -> tuple[Decimal, str] | None:
    if el is None or el.text is None:
        return None
    try:
        return Decimal(el.text.strip()), el.get("Ccy", "")
    except InvalidOperation as exc:
        raise StatementError(f"bad amount {el.text!r}") from exc


def _party_name(el) -> str:
    return _text(el, "Nm") or _text(el, "Pty", "Nm")


def _remittance(tx) -> str:
    rmt = _first(tx, "RmtInf")
    if rmt is None:
        return ""
    parts = [(u.text or "").strip() for u in _children(rmt, "Ustrd")]
    for strd in _children(rmt, "Strd"):
        ref = _text(strd, "CdtrRefInf", "Ref")
        if ref:
            parts.append(ref)
        parts += [(a.text or "").strip() for a in _children(strd, "AddtlRmtInf")]
    return " ".join(p for p in parts if p)


def parse(data: bytes, *, notification: bool | None = None) -> ParsedStatement:
    try:
        root = etree.fromstring(
            data, parser=etree.XMLParser(resolve_entities=False, no_network=True)
        )
    except etree.XMLSyntaxError as exc:
        raise StatementError(f"not well-formed XML: {exc}") from exc
    body = _first(root, "BkToCstmrStmt")
    kind, record = "camt053", "Stmt"
    if body is None:
        body = _first(root, "BkToCstmrDbtCdtNtfctn")
        kind, record = "camt054", "Ntfctn"
    if body is None:
        raise StatementError("no BkToCstmrStmt or BkToCstmrDbtCdtNtfctn element")
    out = ParsedStatement(format=kind)
    for stmt in _children(body, record):
        out.statement_id = out.statement_id or _text(stmt, "Id")
        acct = _first(stmt, "Acct")
        out.account = out.account or _text(acct, "Id", "IBAN") or _text(acct, "Id", "Othr", "Id")
        out.currency = out.currency or _text(acct, "Ccy")
        for entry in _children(stmt, "Ntry"):
            amount = _amount(_first(entry, "Amt"))
            if amount is None:
                raise StatementError("an entry without an amount")
            sign = -1 if _text(entry, "CdtDbtInd") == "DBIT" else 1
            if _text(entry, "RvslInd").lower() == "true":
                sign = -sign  # a reversal of a credit takes money out
            booked = _date(_first(entry, "BookgDt")) or _date(_first(entry, "ValDt"))
            if booked is None:
                raise StatementError("an entry without a booking date")
            valued = _date(_first(entry, "ValDt"))
            entry_ref = _text(entry, "AcctSvcrRef")
            details = [tx for d in _children(entry, "NtryDtls") for tx in _children(d, "TxDtls")]
            if not details:
                out.transactions.append(
                    ParsedTransaction(
                        booking_date=booked,
                        value_date=valued,
                        amount=sign * amount[0],
                        currency=amount[1],
                        remittance=_text(entry, "AddtlNtryInf"),
                        bank_reference=entry_ref,
                    )
                )
                continue
            for tx in details:
                own = _amount(_first(tx, "Amt")) or _amount(_first(tx, "AmtDtls", "TxAmt", "Amt"))
                if own is None and len(details) > 1:
                    raise StatementError("a batch entry whose transfers carry no amounts")
                tx_amount, currency = own or amount
                tx_sign = sign
                if _text(tx, "CdtDbtInd"):
                    tx_sign = -1 if _text(tx, "CdtDbtInd") == "DBIT" else 1
                refs = _first(tx, "Refs")
                parties = _first(tx, "RltdPties")
                out.transactions.append(
                    ParsedTransaction(
                        booking_date=booked,
                        value_date=valued,
                        amount=tx_sign * tx_amount,
                        currency=currency or amount[1],
                        counterparty=_party_name(_first(parties, "Dbtr")),
                        counterparty_iban=_text(parties, "DbtrAcct", "Id", "IBAN"),
                        remittance=_remittance(tx),
                        bank_reference=_text(refs, "AcctSvcrRef")
                        or _text(refs, "EndToEndId")
                        or entry_ref,
                    )
                )
    if not out.statement_id and not out.transactions:
        raise StatementError(f"no {record} with entries")
    return out
