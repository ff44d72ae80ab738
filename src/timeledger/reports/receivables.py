"""Invoices and receivables: invoiced, paid and outstanding per month and client, the aging of
what is open today, and days sales outstanding.

- Rows: issued invoices (standard, recurring, final; proformas, drafts and void ones left out)
  by the month of their issue date in the range, per client and currency: gross invoiced, paid,
  outstanding (gross − paid − credit notes applied, as ``Invoice.balance_due``) and overdue.
- Aging: every open invoice's balance today by days past due, in ``payments.rules`` buckets
  (current, 1–30, 31–60, 61–90, 90+), computed in SQL.
- **DSO** per currency = outstanding today ÷ gross invoiced in the range × days in the range.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, F, IntegerField, Q, Sum, Value, When
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils.translation import gettext as _

from timeledger.clients.models import Client
from timeledger.core.money import quantize
from timeledger.invoicing.models import OPEN_STATUSES, Invoice, InvoiceKind
from timeledger.payments.rules import AGING_BUCKETS, AGING_LABELS
from timeledger.reports.filters import Filters, Scope
from timeledger.reports.table import MONEY, TEXT, Chart, Column, Report, Series

ZERO = Decimal(0)
BALANCE = F("gross_total") - F("amount_paid") - F("amount_credited")


def issued_invoices(scope: Scope, f: Filters):
    qs = Invoice.objects.filter(
        organisation=scope.organisation, issue_date__isnull=False, status__in=_ISSUED
    ).exclude(kind__in=(InvoiceKind.PROFORMA, InvoiceKind.CREDIT_NOTE))
    if f.client_id:
        qs = qs.filter(client_id=f.client_id)
    if f.project_id:
        qs = qs.filter(project_id=f.project_id)
    if f.project_type:
        qs = qs.filter(project__project_type=f.project_type)
    if scope.project_ids is not None:
        qs = qs.filter(project_id__any=scope.project_ids)
    return qs


_ISSUED = (*OPEN_STATUSES, "paid")


def _aging_case(today: dt.date):
    """Index into ``AGING_BUCKETS`` from the due date (no due date: current)."""
    return Case(
        When(Q(due_date__isnull=True) | Q(due_date__gte=today), then=Value(0)),
        When(due_date__gte=today - dt.timedelta(days=30), then=Value(1)),
        When(due_date__gte=today - dt.timedelta(days=60), then=Value(2)),
        When(due_date__gte=today - dt.timedelta(days=90), then=Value(3)),
        default=Value(4),
        output_field=IntegerField(),
    )


def aging_by_currency(scope: Scope, f: Filters, *, today: dt.date) -> dict[str, dict[str, Decimal]]:
    out: dict[str, dict[str, Decimal]] = {}
    rows = (
        issued_invoices(scope, f)
        .filter(status__in=OPEN_STATUSES)
        .annotate(bucket=_aging_case(today))
        .values("currency", "bucket")
        .annotate(s=Sum(BALANCE))
    )
    for r in rows:
        buckets = out.setdefault(r["currency"], dict.fromkeys(AGING_BUCKETS, ZERO))
        buckets[AGING_BUCKETS[r["bucket"]]] += r["s"] or ZERO
    return out


def receivables(scope: Scope, f: Filters, *, today: dt.date) -> Report:
    open_ = Q(status__in=OPEN_STATUSES)
    overdue = open_ & Q(due_date__lt=today)
    rows_qs = (
        issued_invoices(scope, f)
        .filter(issue_date__gte=f.date_from, issue_date__lte=f.date_to)
        .annotate(month=TruncMonth("issue_date"))
        .values("month", "client_id", "currency")
        .annotate(
            invoiced=Sum("gross_total"),
            paid=Sum("amount_paid"),
            outstanding=Sum(BALANCE, filter=open_),
            overdue=Sum(BALANCE, filter=overdue),
        )
        .order_by("month", "client_id", "currency")
    )
    rows_list = list(rows_qs)
    clients = {
        c.pk: f"{c.code} — {c.name}"
        for c in Client.objects.filter(pk__any={r["client_id"] for r in rows_list})
    }
    rows = []
    invoices = reverse("invoice_list")
    for r in rows_list:
        cur = r["currency"]
        month = r["month"].date() if isinstance(r["month"], dt.datetime) else r["month"]
        rows.append(
            {
                "month": f"{month:%Y-%m}",
                "client": clients.get(r["client_id"], ""),
                "invoiced": quantize(r["invoiced"] or ZERO, cur),
                "paid": quantize(r["paid"] or ZERO, cur),
                "outstanding": quantize(r["outstanding"] or ZERO, cur),
                "overdue": quantize(r["overdue"] or ZERO, cur),
                "currency": cur,
                "drill": {},
                "link": f"{invoices}?client={r['client_id']}",
            }
        )
    aging = aging_by_currency(scope, f, today=today)
    days = (f.date_to - f.date_from).days + 1
    summary = []
    for cur in sorted({*aging, *(r["currency"] for r in rows)}):
        outstanding = sum((aging.get(cur) or {}).values(), ZERO)
        invoiced = sum((r["invoiced"] for r in rows if r["currency"] == cur), ZERO)
        dso = (
            (outstanding / invoiced * days).quantize(Decimal("0.1"), ROUND_HALF_UP)
            if invoiced
            else None
        )
        summary += [
            {"label": f"Outstanding {cur}", "value": quantize(outstanding, cur), "kind": MONEY},
            {"label": f"DSO {cur} (days)", "value": dso, "kind": MONEY},
        ]
    currencies = sorted(aging)
    chart = Chart(
        categories=[AGING_LABELS[b] for b in AGING_BUCKETS],
        series=[
            Series(cur, [quantize(aging[cur][b], cur) for b in AGING_BUCKETS]) for cur in currencies
        ],
        unit=" ".join(currencies) or "money",
        is_money=True,
    )
    columns = [
        Column("month", _("Month"), TEXT),
        Column("client", _("Client"), TEXT),
        Column("invoiced", _("Invoiced"), MONEY),
        Column("paid", _("Paid"), MONEY),
        Column("outstanding", _("Outstanding"), MONEY),
        Column("overdue", _("Overdue"), MONEY),
        Column("currency", _("Currency"), TEXT, money=True),
    ]
    extra = {
        "aging": {cur: {b: quantize(v, cur) for b, v in a.items()} for cur, a in aging.items()}
    }
    return Report(
        "receivables",
        _("Invoices and receivables"),
        columns,
        rows,
        chart,
        summary=summary,
        extra=extra,
    )
