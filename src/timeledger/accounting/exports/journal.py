"""The general journal: one row per journal line, documents in date order, balanced per document.
Columns: Date (ISO), Document, Type, Client, Account, Description, Debit, Credit, Currency."""

from __future__ import annotations

import io

from openpyxl import Workbook

from timeledger.accounting.exports import csv_bytes, safe
from timeledger.core.money import quantize

HEADER = [
    "Date",
    "Document",
    "Type",
    "Client",
    "Account",
    "Description",
    "Debit",
    "Credit",
    "Currency",
]


def rows(documents) -> list[list]:
    out = []
    for doc in documents:
        for line in doc.lines:
            out.append(
                [
                    doc.date.isoformat(),
                    doc.number,
                    doc.kind,
                    doc.client_code,
                    line.account,
                    line.text,
                    quantize(line.debit, doc.currency) if line.debit else "",
                    quantize(line.credit, doc.currency) if line.credit else "",
                    doc.currency,
                ]
            )
    return out


def render_csv(documents, **kwargs) -> bytes:
    body = [[safe(c) if isinstance(c, str) else str(c) for c in r] for r in rows(documents)]
    return csv_bytes([HEADER, *body])


def render_xlsx(documents, *, created, **kwargs) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Journal"
    ws.append(HEADER)
    for r in rows(documents):
        ws.append([c if not isinstance(c, str) else safe(c) for c in r])
    for row in ws.iter_rows(min_row=2, min_col=7, max_col=8):
        for cell in row:
            if cell.value != "":
                cell.number_format = "#,##0.00"
    # A fixed creation date: the same export gives the same bytes.
    wb.properties.created = wb.properties.modified = created
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
