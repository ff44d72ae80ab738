"""QuickBooks Online invoice import CSV (Settings › Import data › Invoices), with the column
names QuickBooks maps on its own: InvoiceNo, Customer, InvoiceDate, DueDate (required), Terms,
Memo, Item(Product/Service), ItemDescription, ItemQuantity, ItemRate, ItemAmount (required),
ItemTaxCode, ItemTaxAmount, Currency. One row per line; dates MM/DD/YYYY (choose that format on
import); amounts exclusive of tax with a decimal point. Customers that do not exist yet are
created by the import with the name in Customer. Credit notes (credit memos) are not in this
file."""

from __future__ import annotations

from decimal import Decimal

from timeledger.accounting.exports import csv_bytes, safe
from timeledger.core.money import quantize

HEADER = [
    "InvoiceNo",
    "Customer",
    "InvoiceDate",
    "DueDate",
    "Terms",
    "Memo",
    "Item(Product/Service)",
    "ItemDescription",
    "ItemQuantity",
    "ItemRate",
    "ItemAmount",
    "ItemTaxCode",
    "ItemTaxAmount",
    "Currency",
]


def render(documents, *, invoices, **kwargs) -> bytes:
    rows = [HEADER]
    for invoice in invoices:
        if invoice.kind == "credit_note":
            continue
        terms = f"Net {invoice.payment_terms_days}" if invoice.payment_terms_days else ""
        for line in invoice.lines.all().order_by("position", "id"):
            net = quantize(line.net_amount, invoice.currency)
            tax = quantize(net * line.tax_rate / Decimal(100), invoice.currency)
            rows.append(
                [
                    safe(invoice.number),
                    safe(invoice.client.legal_name or invoice.client.name),
                    invoice.issue_date.strftime("%m/%d/%Y"),
                    (invoice.due_date or invoice.issue_date).strftime("%m/%d/%Y"),
                    terms,
                    safe(invoice.notes[:1000] if invoice.notes else ""),
                    "Services",
                    safe(line.description),
                    format(line.quantity.normalize(), "f"),
                    format(line.unit_price.normalize(), "f"),
                    str(net),
                    safe(line.tax_category.name if line.tax_category_id else ""),
                    str(tax),
                    invoice.currency,
                ]
            )
    return csv_bytes(rows)
