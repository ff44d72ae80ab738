"""Unbilled work in progress: approved, billable, not yet on an invoice — per project."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Min, Sum

from timeledger.core.money import quantize
from timeledger.timesheets.models import EntryStatus, TimeEntry


def unbilled_wip(organisation, *, up_to=None) -> list[dict]:
    """Per project: entries, billable seconds, value at the frozen rates, oldest date."""
    qs = TimeEntry.objects.filter(
        organisation=organisation,
        status=EntryStatus.APPROVED,
        invoice_line__isnull=True,
        is_billable=True,
    )
    if up_to is not None:
        qs = qs.filter(date__lte=up_to)
    rows = (
        qs.values("project_id", "project__code", "currency")
        .annotate(
            entries=Count("id"),
            seconds=Sum("billable_seconds"),
            value=Sum("amount"),
            oldest=Min("date"),
        )
        .order_by("project__code")
    )
    return [
        {**r, "value": quantize(r["value"] or Decimal(0), r["currency"] or "EUR")} for r in rows
    ]
