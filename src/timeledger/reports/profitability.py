"""Profitability per project: invoiced revenue against internal cost of the time logged."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, Sum

from timeledger.invoicing.models import Invoice, InvoiceStatus
from timeledger.timesheets.models import TimeEntry

ZERO = Decimal("0.00")


def profitability(organisation) -> list[dict]:
    """Revenue = net of non-void invoices (drafts included, marked); cost = hours × cost rate."""
    revenue = dict(
        Invoice.objects.filter(organisation=organisation, project__isnull=False)
        .exclude(status=InvoiceStatus.VOID)
        .values_list("project_id")
        .annotate(s=Sum("net_total"))
        .order_by()
    )
    cost_expr = ExpressionWrapper(
        F("seconds") * F("cost_rate") / 3600,
        output_field=DecimalField(max_digits=20, decimal_places=6),
    )
    costs = (
        TimeEntry.objects.filter(organisation=organisation)
        .values("project_id", "project__code")
        .annotate(cost=Sum(cost_expr), seconds=Sum("seconds"))
        .order_by("project__code")
    )
    out = []
    for r in costs:
        rev = revenue.get(r["project_id"]) or ZERO
        cost = (r["cost"] or ZERO).quantize(Decimal("0.01"))
        out.append(
            {
                "project": r["project__code"],
                "revenue": rev,
                "cost": cost,
                "margin": rev - cost,
                "margin_pct": ((rev - cost) * 100 / rev).quantize(Decimal("0.1")) if rev else None,
            }
        )
    return out
