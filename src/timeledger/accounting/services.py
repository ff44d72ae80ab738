"""Account mapping and exports for a period.

An export collects the period's documents in a fixed order — invoices and credit notes by issue
date, payments by date, reversals by the day they were reversed — leaves out those already
exported in that format (unless ``everything``), renders them, stores the file and marks the new
documents, in one transaction. The file's content depends only on the documents and the mapping:
the DATEV header's "created" stamp is the latest document's time, not the clock, so the same
period exported again with ``everything`` gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext

from timeledger.accounting import rules
from timeledger.accounting.exports import datev, journal, qbo, xero
from timeledger.accounting.models import (
    AccountingExport,
    AccountMapping,
    ExportedDocument,
    ExportFormat,
)
from timeledger.accounts.roles import Cap
from timeledger.core.audit import record, snapshot
from timeledger.core.errors import fail
from timeledger.core.money import quantize
from timeledger.expenses.models import Expense
from timeledger.invoicing.models import Invoice, InvoiceKind, InvoiceLine, InvoiceStatus, LineKind
from timeledger.invoicing.totals import invoice_totals
from timeledger.payments.models import Payment

MAPPING_FIELDS = [
    "chart",
    "receivables",
    "bank",
    "client_credit",
    "rounding",
    "revenue",
    "revenue_by_category",
    "revenue_by_model",
    "revenue_by_project",
    "revenue_by_task",
    "vat",
    "vat_by_category",
    "datev_consultant",
    "datev_client",
    "fiscal_year_start_month",
]
RENDER = {
    ExportFormat.JOURNAL_CSV: (journal.render_csv, "csv"),
    ExportFormat.JOURNAL_XLSX: (journal.render_xlsx, "xlsx"),
    ExportFormat.DATEV: (datev.render, "csv"),
    ExportFormat.XERO: (xero.render, "csv"),
    ExportFormat.QBO: (qbo.render, "csv"),
}
INVOICE_ONLY = {ExportFormat.XERO, ExportFormat.QBO}
CONTENT_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _require(by) -> None:
    if not by.can(Cap.MANAGE_BILLING):
        raise PermissionDenied(gettext("Your role cannot export to accounting."))


def mapping_for(organisation) -> AccountMapping:
    """The organisation's mapping; the first read seeds its country's chart (SKR03 for DE)."""
    found = AccountMapping.objects.filter(organisation=organisation).first()
    if found is not None:
        return found
    chart = rules.COUNTRY_CHART.get(organisation.country, "")
    defaults = {"chart": chart, **rules.CHARTS.get(chart, {})}
    found, _ = AccountMapping.objects.get_or_create(organisation=organisation, defaults=defaults)
    return found


def update_mapping(data: dict, *, by) -> AccountMapping:
    """Change accounts; ``chart`` set to SKR03/SKR04 alone loads that chart's defaults."""
    _require(by)
    unknown = set(data) - set(MAPPING_FIELDS)
    if unknown:
        fail(gettext("Unknown setting %(name)s.") % {"name": repr(sorted(unknown)[0])})
    with transaction.atomic():
        mapping = mapping_for(by.organisation)
        before = snapshot(mapping)
        chart = data.get("chart")
        if chart is not None and chart not in ("", *rules.CHARTS):
            fail(
                gettext("Unknown chart %(chart)s; use %(charts)s or leave it empty.")
                % {"chart": repr(chart), "charts": ", ".join(rules.CHARTS)},
                "chart",
            )
        if chart and set(data) == {"chart"}:
            data = {"chart": chart, **rules.CHARTS[chart]}
        for key, value in data.items():
            if key.endswith(("_by_category", "_by_model", "_by_project", "_by_task")):
                if not isinstance(value, dict) or not all(
                    isinstance(v, str) and v.strip() for v in value.values()
                ):
                    fail(gettext("Give an object of key → account number."), key)
                value = {str(k): v.strip() for k, v in value.items()}
            elif key not in (
                "chart",
                "datev_consultant",
                "datev_client",
                "fiscal_year_start_month",
            ):
                if not isinstance(value, str) or not value.strip():
                    fail(gettext("Give an account number."), key)
                value = value.strip()
            setattr(mapping, key, value)
        if not 1 <= int(mapping.fiscal_year_start_month) <= 12:
            fail(gettext("A month from 1 to 12."), "fiscal_year_start_month")
        mapping.save()
        record(
            organisation=by.organisation,
            actor=by.user,
            action="settings",
            obj=mapping,
            before=before,
            after=snapshot(mapping),
        )
    return mapping


def accounts_of(mapping: AccountMapping) -> rules.Accounts:
    return rules.Accounts(
        receivables=mapping.receivables,
        bank=mapping.bank,
        client_credit=mapping.client_credit,
        rounding=mapping.rounding,
        revenue=mapping.revenue,
        vat=mapping.vat,
        revenue_by_category=mapping.revenue_by_category,
        revenue_by_model=mapping.revenue_by_model,
        revenue_by_project=mapping.revenue_by_project,
        revenue_by_task=mapping.revenue_by_task,
        vat_by_category=mapping.vat_by_category,
    )


def line_accounts(invoices) -> dict[int, str]:
    """{invoice line id: account} for expense lines whose expense category names a revenue
    account (a credit note's line: that of the line it credits). One query for the period."""
    origin = {
        pk: credited or pk
        for pk, credited in InvoiceLine.objects.filter(invoice__in=invoices)
        .filter(Q(kind=LineKind.EXPENSE) | Q(credited_line__kind=LineKind.EXPENSE))
        .values_list("pk", "credited_line_id")
    }
    if not origin:
        return {}
    by_line = dict(
        Expense.objects.filter(invoice_line_id__in=set(origin.values()))
        .exclude(category__revenue_account="")
        .values_list("invoice_line_id", "category__revenue_account")
    )
    return {pk: by_line[o] for pk, o in origin.items() if o in by_line}


def _invoice_document(
    invoice: Invoice, accounts: rules.Accounts, own: dict[int, str]
) -> rules.Document:
    lines = list(invoice.lines.select_related("tax_category"))
    totals = invoice_totals(invoice)
    return rules.Document(
        key=f"invoice:{invoice.pk}",
        kind="credit_note" if invoice.kind == InvoiceKind.CREDIT_NOTE else "invoice",
        date=invoice.issue_date,
        number=invoice.number,
        currency=invoice.currency,
        client_code=invoice.client.code,
        client_name=invoice.client.legal_name or invoice.client.name,
        lines=rules.invoice_lines(
            accounts,
            number=invoice.number,
            gross=quantize(invoice.gross_total, invoice.currency),
            lines=[rules.line_facts(line, invoice, own) for line in lines],
            taxes=[rules.TaxFacts(b.code, b.rate, b.taxable, b.tax) for b in totals.breakdown],
        ),
    )


def _payment_lines(payment: Payment, accounts: rules.Accounts) -> list[rules.JournalLine]:
    return rules.payment_lines(
        accounts,
        reference=payment.reference or f"payment {payment.pk}",
        amount=quantize(payment.amount, payment.currency),
        allocated=quantize(payment.allocated, payment.currency),
    )


def documents(organisation, date_from: dt.date, date_to: dt.date, *, invoices_only=False):
    """The period's documents as journal documents, in a fixed order, with their invoices."""
    accounts = accounts_of(mapping_for(organisation))
    invoices = list(
        Invoice.objects.filter(
            organisation=organisation,
            issue_date__range=(date_from, date_to),
            number__gt="",
        )
        .exclude(status__in=(InvoiceStatus.DRAFT, InvoiceStatus.ON_HOLD))
        .exclude(kind=InvoiceKind.PROFORMA)
        .select_related("client", "project")
        .order_by("issue_date", "number", "id")
    )
    own = line_accounts(invoices)
    docs = [_invoice_document(i, accounts, own) for i in invoices]
    if not invoices_only:
        for payment in (
            Payment.objects.filter(organisation=organisation, date__range=(date_from, date_to))
            .select_related("client")
            .order_by("date", "id")
        ):
            docs.append(
                rules.Document(
                    key=f"payment:{payment.pk}",
                    kind="payment",
                    date=payment.date,
                    number=payment.reference[:36] or f"P{payment.pk}",
                    currency=payment.currency,
                    client_code=payment.client.code,
                    client_name=payment.client.legal_name or payment.client.name,
                    lines=_payment_lines(payment, accounts),
                )
            )
        for payment in (
            Payment.objects.filter(organisation=organisation, reversed_at__isnull=False)
            .select_related("client")
            .order_by("reversed_at", "id")
        ):
            day = payment.reversed_at.date()
            if not date_from <= day <= date_to:
                continue
            docs.append(
                rules.Document(
                    key=f"reversal:{payment.pk}",
                    kind="reversal",
                    date=day,
                    number=payment.reference[:36] or f"P{payment.pk}",
                    currency=payment.currency,
                    client_code=payment.client.code,
                    client_name=payment.client.legal_name or payment.client.name,
                    lines=rules.reversed_lines(
                        _payment_lines(payment, accounts), f"reversed: {payment.reversal_reason}"
                    ),
                )
            )
        docs.sort(key=lambda d: (d.date, d.kind not in ("invoice", "credit_note"), d.key))
    return docs, invoices


def export(
    *, by, format: str, date_from: dt.date, date_to: dt.date, everything: bool = False
) -> AccountingExport:
    """Export the period in ``format``: what is new since the last export in it, or everything."""
    _require(by)
    if format not in RENDER:
        fail(
            gettext("Unknown format %(format)s; use %(formats)s.")
            % {"format": repr(format), "formats": ", ".join(RENDER)},
            "format",
        )
    if date_from is None or date_to is None or date_from > date_to:
        fail(gettext("Give a period: date_from on or before date_to."), "date_to")
    org = by.organisation
    render, extension = RENDER[format]
    with transaction.atomic():
        mapping = mapping_for(org)
        docs, invoices = documents(org, date_from, date_to, invoices_only=format in INVOICE_ONLY)
        done = set(
            ExportedDocument.objects.select_for_update()
            .filter(organisation=org, format=format)
            .values_list("document", flat=True)
        )
        if not everything:
            docs = [d for d in docs if d.key not in done]
            keys = {d.key for d in docs}
            invoices = [i for i in invoices if f"invoice:{i.pk}" in keys]
        created = max(
            [dt.datetime.combine(d.date, dt.time()) for d in docs]
            or [dt.datetime.combine(date_to, dt.time())]
        )
        content = render(
            docs,
            invoices=invoices,
            line_accounts=line_accounts(invoices),
            mapping=mapping,
            accounts=accounts_of(mapping),
            date_from=date_from,
            date_to=date_to,
            created=created,
        )
        name = f"{org.slug}-{format}-{date_from:%Y%m%d}-{date_to:%Y%m%d}.{extension}"
        if format == ExportFormat.DATEV:
            name = f"EXTF_Buchungsstapel_{date_from:%Y%m%d}_{date_to:%Y%m%d}.csv"
        result = AccountingExport.objects.create(
            organisation=org,
            format=format,
            date_from=date_from,
            date_to=date_to,
            everything=everything,
            file_name=name,
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
            documents=len(docs),
            created_by=by.user,
        )
        ExportedDocument.objects.bulk_create(
            [
                ExportedDocument(organisation=org, export=result, format=format, document=d.key)
                for d in docs
                if d.key not in done
            ]
        )
        record(
            organisation=org,
            actor=by.user,
            action="export",
            obj=result,
            after={"format": format, "documents": len(docs), "sha256": result.sha256},
        )
    return result


def exports(organisation):
    """The organisation's past exports, newest first, without their files."""
    return AccountingExport.objects.filter(organisation=organisation).defer("content")


def file_of(export: AccountingExport) -> tuple[bytes, str]:
    """The stored file exactly as it was exported, and its content type."""
    content = AccountingExport.objects.values_list("content", flat=True).get(pk=export.pk)
    return bytes(content), CONTENT_TYPES[export.file_name.rsplit(".", 1)[-1]]
