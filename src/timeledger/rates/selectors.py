"""Reads that price entries: the frozen amount when locked, else what the rule gives today.

``priced(queryset)`` annotates ``live_rate`` and ``live_amount`` in SQL (the same expressions the
lock and the change preview use), so budgets, caps and previews never loop over entries in Python
to price them. Non-billable entries are priced 0.00; entries without a rate have NULL.
"""

from __future__ import annotations

from django.db import connections
from django.db.models import Case, DecimalField, F, OuterRef, Subquery, Sum, Value, When

from timeledger.clients.models import Client
from timeledger.rates import rules
from timeledger.rates.locking import amount_expression, rate_expression

MONEY = DecimalField(max_digits=15, decimal_places=3)
RATE = DecimalField(max_digits=13, decimal_places=3)


def priced(queryset):
    vendor = connections[queryset.db].vendor
    qs = queryset.annotate(
        bill_currency=Subquery(
            Client.objects.filter(pk=OuterRef("client_id")).values("currency")[:1]
        )
    )
    qs = qs.annotate(
        live_rate=Case(
            When(rate_locked_at__isnull=False, then=F("rate")),
            default=rate_expression(rules.BILLING),
            output_field=RATE,
        )
    )
    return qs.annotate(
        live_amount=Case(
            When(rate_locked_at__isnull=False, then=F("amount")),
            When(is_billable=False, then=Value(0)),
            default=amount_expression(
                vendor, F("live_rate"), F("billable_seconds"), "bill_currency"
            ),
            output_field=MONEY,
        )
    )


def priced_total(queryset):
    """Sum of ``live_amount`` (None when nothing is priced)."""
    return priced(queryset).aggregate(total=Sum("live_amount"))["total"]
