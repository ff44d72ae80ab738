"""DATEV Buchungsstapel (EXTF, format version 700, category 21 "Buchungsstapel", version 13), per
DATEV's published "Formatbeschreibung DATEV-Format": semicolon separated, Windows-1252, CRLF,
texts in double quotes, amounts with a decimal comma and no thousands separator.

Row 1 is the header record (31 fields: "EXTF";700;21;"Buchungsstapel";13;created
YYYYMMDDHHMMSSFFF;;origin;exported by;;consultant;client;fiscal year start YYYYMMDD;account
length;date from;date to;label;;booking type 1;0;0;"EUR";…;"SKR"…), row 2 the column names, then
one booking per row: Umsatz (positive), Soll/Haben-Kennzeichen (S = the Konto is debited),
WKZ Umsatz, …, Konto, Gegenkonto, BU-Schlüssel, Belegdatum (DDMM), Belegfeld 1 (the document
number, ≤ 36), Belegfeld 2, Skonto, Buchungstext (≤ 60).

Revenue is booked gross onto the revenue account of the tax category (DATEV's automatic accounts,
e.g. SKR03 8400 with 19 %, derive the VAT), so each invoice is one booking per revenue account;
a payment is bank against receivables (and client credit for an over-payment).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from timeledger.core.money import quantize

COLUMNS = [
    "Umsatz (ohne Soll/Haben-Kz)",
    "Soll/Haben-Kennzeichen",
    "WKZ Umsatz",
    "Kurs",
    "Basis-Umsatz",
    "WKZ Basis-Umsatz",
    "Konto",
    "Gegenkonto (ohne BU-Schlüssel)",
    "BU-Schlüssel",
    "Belegdatum",
    "Belegfeld 1",
    "Belegfeld 2",
    "Skonto",
    "Buchungstext",
]


def _amount(value: Decimal, currency: str) -> str:
    return f"{quantize(value, currency):.2f}".replace(".", ",")


def header(mapping, *, created: dt.datetime, date_from: dt.date, date_to: dt.date, label: str):
    start_month = mapping.fiscal_year_start_month or 1
    year = date_from.year if date_from.month >= start_month else date_from.year - 1
    return [
        "EXTF",
        700,
        21,
        "Buchungsstapel",
        13,
        Num(created.strftime("%Y%m%d%H%M%S") + f"{created.microsecond // 1000:03d}"),
        Num(""),
        "TL",
        "Timeledger",
        "",
        mapping.datev_consultant,
        mapping.datev_client,
        Num(f"{year}{start_month:02d}01"),
        max(len(mapping.receivables), 4),
        Num(date_from.strftime("%Y%m%d")),
        Num(date_to.strftime("%Y%m%d")),
        label[:30],
        "",
        1,
        0,
        0,
        "EUR",
        "",
        "",
        "",
        "",
        mapping.chart[-2:] if mapping.chart else "",
        "",
        "",
        "",
        "",
    ]


class Num(str):
    """A field written without quotes (amounts, numbers)."""


def _row(amount, sign, currency, konto, gegen, day, number, text) -> list:
    return [
        Num(amount),
        sign,
        currency,
        Num(""),
        Num(""),
        "",
        konto,
        gegen,
        "",
        Num(day.strftime("%d%m")),
        number[:36],
        "",
        Num(""),
        text[:60],
    ]


def bookings(documents, mapping) -> list[list]:
    rows = []
    for doc in documents:
        if doc.kind in ("invoice", "credit_note"):
            # Gross per revenue account and tax category: its net plus the category's VAT
            # (shared by net when several accounts have one category; the last takes the rest),
            # so the bookings add up to the invoice's gross exactly.
            vat: dict[str, Decimal] = {}
            for x in doc.lines:
                if x.role == "vat":
                    vat[x.tax_key] = vat.get(x.tax_key, Decimal(0)) + x.credit - x.debit
            revenue = [x for x in doc.lines if x.role == "revenue"]
            for key in sorted({x.tax_key for x in revenue}):
                group = [x for x in revenue if x.tax_key == key]
                net = sum((x.credit - x.debit for x in group), Decimal(0))
                left = vat.get(key, Decimal(0))
                for i, x in enumerate(group):
                    own = x.credit - x.debit
                    if i == len(group) - 1:
                        share = left
                    else:
                        share = quantize(vat.get(key, 0) * own / net, doc.currency) if net else 0
                    left -= share
                    amount = own + share
                    rows.append(
                        _row(
                            _amount(abs(amount), doc.currency),
                            "S" if amount > 0 else "H",
                            doc.currency,
                            mapping.receivables,
                            x.account,
                            doc.date,
                            doc.number,
                            f"{doc.number} {doc.client_name}",
                        )
                    )
            continue
        # payments and reversals: bank (Konto) against each other line (Gegenkonto)
        for line in doc.lines:
            if line.role == "bank":
                continue
            rows.append(
                _row(
                    _amount(line.credit or line.debit, doc.currency),
                    "S" if line.credit else "H",  # the other side credited: the bank debited
                    doc.currency,
                    mapping.bank,
                    line.account,
                    doc.date,
                    doc.number,
                    line.text,
                )
            )
    return rows


def _field(value) -> str:
    if isinstance(value, (int, Num)):
        return str(value)
    return '"' + str(value).replace('"', '""') + '"'


def render(documents, *, mapping, date_from, date_to, created, **kwargs) -> bytes:
    rows = [
        header(mapping, created=created, date_from=date_from, date_to=date_to, label="Timeledger"),
        COLUMNS,
        *bookings(documents, mapping),
    ]
    text = "".join(";".join(_field(v) for v in row) + "\r\n" for row in rows)
    return text.encode("cp1252", errors="replace")
