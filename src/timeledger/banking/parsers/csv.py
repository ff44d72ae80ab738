"""Bank CSV exports with a column mapping: which column holds the date, amount, currency, payer,
IBAN and remittance. Without a mapping, columns are found by common header names (English,
German, Dutch, French). Delimiter sniffed; decimal comma or point learned from the amounts unless
given; dates ISO, ``DD.MM.YYYY``, ``DD-MM-YYYY`` or ``DD/MM/YYYY`` unless a format is given."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal, InvalidOperation

from timeledger.banking.parsers import ParsedStatement, ParsedTransaction, StatementError

FIELDS = ("date", "amount", "currency", "name", "iban", "remittance", "reference")
HEADERS = {
    "date": ("date", "booking date", "buchungstag", "datum", "buchungsdatum", "date opération"),
    "amount": ("amount", "betrag", "bedrag", "montant", "umsatz"),
    "currency": ("currency", "währung", "waehrung", "valuta", "munt", "devise"),
    "name": (
        "name",
        "payer",
        "counterparty",
        "auftraggeber",
        "zahlungspflichtiger",
        "beguenstigter/zahlungspflichtiger",
        "naam",
        "naam tegenpartij",
        "tiers",
    ),
    "iban": ("iban", "counterparty iban", "kontonummer/iban", "tegenrekening", "iban tegenpartij"),
    "remittance": (
        "description",
        "remittance",
        "details",
        "verwendungszweck",
        "omschrijving",
        "mededelingen",
        "libellé",
        "libelle",
    ),
    "reference": ("reference", "referenz", "kundenreferenz", "transaction id", "end-to-end-id"),
}
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%y")


def _decimal(raw: str, mark: str) -> Decimal:
    text = raw.strip().replace(" ", "").replace("\u00a0", "")
    if mark == ",":
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", "")
    return Decimal(text)


def _decimal_mark(samples: list[str]) -> str:
    """The mark that comes last in the amounts (``1.234,50`` → comma); a lone comma followed by
    one or two digits is a decimal comma (``12,5``), by three a thousands separator."""
    for raw in samples:
        comma, point = raw.rfind(","), raw.rfind(".")
        if comma >= 0 and point >= 0:
            return "," if comma > point else "."
        if comma >= 0 and len(raw) - comma - 1 in (1, 2):
            return ","
    return "."


def parse(
    data: bytes,
    *,
    mapping: dict[str, str] | None = None,
    decimal: str | None = None,
    date_format: str | None = None,
    currency: str = "",
) -> ParsedStatement:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            # Five bytes have no character in Windows-1252: this is no text file (was a 500).
            raise StatementError("the CSV file is neither UTF-8 nor Windows-1252 text") from None
    try:
        dialect = csv.Sniffer().sniff(text[:4000], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as exc:  # a NUL byte: a binary file sent as CSV (was a 500)
        raise StatementError(f"the file is not CSV text ({exc})") from None
    if not rows:
        raise StatementError("the CSV file is empty")
    header = [h.strip() for h in rows[0]]
    lower = {h.casefold(): i for i, h in enumerate(header)}
    columns: dict[str, int] = {}
    mapping = {k: v for k, v in (mapping or {}).items() if v}
    unknown_fields = set(mapping) - set(FIELDS)
    if unknown_fields:
        raise StatementError(
            f"unknown mapping field {sorted(unknown_fields)[0]!r}; use {', '.join(FIELDS)}"
        )
    for key in FIELDS:
        if key in mapping:
            name = mapping[key].casefold()
            if name not in lower:
                raise StatementError(f"no column {mapping[key]!r} for {key} in the header")
            columns[key] = lower[name]
            continue
        for candidate in HEADERS[key]:
            if candidate in lower:
                columns[key] = lower[candidate]
                break
    for needed in ("date", "amount"):
        if needed not in columns:
            raise StatementError(
                f"no {needed} column; map it, e.g. --map {needed}=COLUMN (header: "
                f"{', '.join(header)})"
            )
    body = [r for r in rows[1:] if any(c.strip() for c in r)]
    if decimal is None:
        decimal = _decimal_mark([r[columns["amount"]] for r in body if len(r) > columns["amount"]])
    out = ParsedStatement(format="csv", currency=currency)

    def cell(row, key) -> str:
        i = columns.get(key)
        return row[i].strip() if i is not None and i < len(row) else ""

    for n, row in enumerate(body, start=2):
        raw_date = cell(row, "date")
        day = None
        for fmt in (date_format,) if date_format else DATE_FORMATS:
            try:
                day = dt.datetime.strptime(raw_date, fmt).date()
                break
            except ValueError:
                continue
        if day is None:
            raise StatementError(f"line {n}: cannot read the date {raw_date!r}")
        try:
            amount = _decimal(cell(row, "amount"), decimal)
        except InvalidOperation:
            raise StatementError(
                f"line {n}: cannot read the amount {cell(row, 'amount')!r}"
            ) from None
        out.transactions.append(
            ParsedTransaction(
                booking_date=day,
                amount=amount,
                currency=(cell(row, "currency") or currency).upper(),
                counterparty=cell(row, "name"),
                counterparty_iban=cell(row, "iban").replace(" ", "").upper(),
                remittance=cell(row, "remittance"),
                bank_reference=cell(row, "reference"),
            )
        )
    return out
