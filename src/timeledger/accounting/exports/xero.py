"""Xero sales invoice import CSV (Business › Invoices › Import), with the columns of Xero's own
template in its order; the required ones carry the template's ``*``. One row per invoice line;
lines of one invoice share its number. Dates DD/MM/YYYY; amounts tax exclusive (choose "Tax
exclusive" on import); TaxType is the tax rate's name as set up in Xero (here the category's
name). Credit notes go through Xero's separate credit-note import and are not in this file."""

from __future__ import annotations

from timeledger.accounting.exports import csv_bytes, safe
from timeledger.accounting.rules import line_facts

HEADER = [
    "*ContactName",
    "EmailAddress",
    "POAddressLine1",
    "POAddressLine2",
    "POAddressLine3",
    "POAddressLine4",
    "POCity",
    "PORegion",
    "POPostalCode",
    "POCountry",
    "*InvoiceNumber",
    "Reference",
    "*InvoiceDate",
    "*DueDate",
    "InventoryItemCode",
    "*Description",
    "*Quantity",
    "*UnitAmount",
    "Discount",
    "*AccountCode",
    "*TaxType",
    "TrackingName1",
    "TrackingOption1",
    "TrackingName2",
    "TrackingOption2",
    "Currency",
    "BrandingTheme",
]


def render(documents, *, invoices, accounts, line_accounts, **kwargs) -> bytes:
    rows = [HEADER]
    for invoice in invoices:
        if invoice.kind == "credit_note":
            continue
        client = invoice.client
        address = [a.strip() for a in (client.address or "").splitlines() if a.strip()][:4]
        address += [""] * (4 - len(address))
        for line in invoice.lines.all().order_by("position", "id"):
            facts = line_facts(line, invoice, line_accounts)
            rows.append(
                [
                    safe(client.legal_name or client.name),
                    safe(client.invoice_email),
                    *[safe(a) for a in address],
                    "",
                    "",
                    "",
                    client.country,
                    safe(invoice.number),
                    safe(invoice.project.code if invoice.project_id else ""),
                    invoice.issue_date.strftime("%d/%m/%Y"),
                    (invoice.due_date or invoice.issue_date).strftime("%d/%m/%Y"),
                    "",
                    safe(line.description),
                    format(line.quantity.normalize(), "f"),
                    format(line.unit_price.normalize(), "f"),
                    "",
                    accounts.revenue_for(facts),
                    safe(line.tax_category.name if line.tax_category_id else "Tax Exempt"),
                    "",
                    "",
                    "",
                    "",
                    invoice.currency,
                    "",
                ]
            )
    return csv_bytes(rows)
