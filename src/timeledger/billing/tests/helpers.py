"""Test helpers for the billing engine: approved entries with a frozen rate, expected totals."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from timeledger.testing import factories as f
from timeledger.timesheets.models import EntryStatus

CENT = Decimal("0.01")


def approved(m, p, *, day, hours="1.00", rate="100.00", billable=True, t=None, **kw):
    """An approved entry whose rate is frozen at ``rate`` (as approval would leave it)."""
    seconds = int(Decimal(hours) * 3600)
    return f.entry(
        m,
        p,
        day=day,
        hours=hours,
        billable=billable,
        t=t,
        status=EntryStatus.APPROVED,
        rate=Decimal(rate),
        currency=p.client.currency,
        amount=(Decimal(seconds) * Decimal(rate) / 3600).quantize(CENT, ROUND_HALF_UP),
        rate_locked_at=timezone.now(),
        **kw,
    )


def expected_group_total(rows) -> Decimal:
    """Independent of the engine: ``rows`` are (group, hours str, rate str); per (group, rate)
    the hours are summed, multiplied by the rate and rounded half-up to the cent."""
    sums: dict[tuple, Decimal] = {}
    for group, hours, rate in rows:
        key = (group, Decimal(rate))
        sums[key] = sums.get(key, Decimal(0)) + Decimal(hours)
    return sum(
        ((h * r).quantize(CENT, ROUND_HALF_UP) for (g, r), h in sums.items()), Decimal("0.00")
    )


D = dt.date


def named_member(org, first: str, last: str, **kw):
    m = f.member(org, **kw)
    m.user.first_name, m.user.last_name = first, last
    m.user.save(update_fields=["first_name", "last_name"])
    return m
