"""Reads of collection: AR aging per client, open invoices, a client's unallocated credit."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Sum

from timeledger.invoicing.models import OPEN_STATUSES, Invoice, InvoiceKind
from timeledger.payments.models import Payment
from timeledger.payments.rules import AGING_BUCKETS, aging_bucket

ZERO = Decimal("0.00")


def open_invoices(organisation, *, client=None):
    qs = (
        Invoice.objects.filter(organisation=organisation, status__in=OPEN_STATUSES)
        .exclude(kind__in=(InvoiceKind.PROFORMA, InvoiceKind.CREDIT_NOTE))
        .select_related("client")
        .order_by("due_date", "id")
    )
    return qs.filter(client=client) if client is not None else qs


@dataclass
class AgingRow:
    client_id: int
    client: str
    currency: str
    buckets: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(AGING_BUCKETS, ZERO))

    @property
    def total(self) -> Decimal:
        return sum(self.buckets.values(), ZERO)


def aging(organisation, *, today: dt.date) -> list[AgingRow]:
    """Open balances per client and currency, by days past due (current, 1–30, …, 90+)."""
    rows: dict[tuple[int, str], AgingRow] = {}
    for inv in open_invoices(organisation):
        balance = inv.balance_due
        if balance <= 0:
            continue
        key = (inv.client_id, inv.currency)
        row = rows.setdefault(key, AgingRow(inv.client_id, str(inv.client), inv.currency))
        days = (today - inv.due_date).days if inv.due_date else 0
        row.buckets[aging_bucket(days)] += balance
    return sorted(rows.values(), key=lambda r: (r.client, r.currency))


def aging_totals(rows: list[AgingRow]) -> dict[str, dict[str, Decimal]]:
    """Column totals per currency (amounts in different currencies are never added)."""
    out: dict[str, dict[str, Decimal]] = defaultdict(lambda: dict.fromkeys(AGING_BUCKETS, ZERO))
    for row in rows:
        for bucket, amount in row.buckets.items():
            out[row.currency][bucket] += amount
    return dict(out)


def client_credit(client) -> Decimal:
    """Unallocated over-payments of a client (in its currency); reversed payments hold none."""
    total = Payment.objects.filter(
        client=client, currency=client.currency, reversed_at__isnull=True
    ).aggregate(s=Sum(F("amount") - F("allocated")))["s"]
    return total or ZERO


def duplicate_payment(client, *, amount, date: dt.date, reference: str) -> Payment | None:
    """An already recorded payment from ``client`` with the same amount, date and reference: the
    same bank line entered twice, most likely."""
    return (
        Payment.objects.filter(
            client=client, amount=amount, date=date, reference=(reference or "").strip()
        )
        .order_by("id")
        .first()
    )
