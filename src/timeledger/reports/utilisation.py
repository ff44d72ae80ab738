"""Billable utilisation per member: billable hours over all hours logged, in a date range."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q, Sum

from timeledger.core.hours import hours_2dp
from timeledger.timesheets.models import TimeEntry


def utilisation(organisation, *, start, end) -> list[dict]:
    rows = (
        TimeEntry.objects.filter(organisation=organisation, date__gte=start, date__lte=end)
        .values("member_id", "member__code")
        .annotate(
            total=Sum("seconds"),
            billable=Sum("billable_seconds", filter=Q(is_billable=True)),
        )
        .order_by("member__code")
    )
    out = []
    for r in rows:
        total, billable = r["total"] or 0, r["billable"] or 0
        out.append(
            {
                "member_id": r["member_id"],
                "member": r["member__code"],
                "hours": hours_2dp(total),
                "billable_hours": hours_2dp(billable),
                "utilisation": (
                    (Decimal(billable) * 100 / total).quantize(Decimal("0.1")) if total else None
                ),
            }
        )
    return out
