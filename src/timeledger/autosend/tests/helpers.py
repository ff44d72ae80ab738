"""A clean touchless scenario: a complete seller, a client that receives Peppol e-invoices by
e-mail and has invoice history, a project billed by a real billing run, and the policy on."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from timeledger.autosend import services
from timeledger.autosend.models import InvoicingPolicy, Mode
from timeledger.billing.engine import run_billing
from timeledger.billing.tests.helpers import approved
from timeledger.einvoicing.tests import factories as ef
from timeledger.invoicing.models import Invoice
from timeledger.invoicing.tests import factories as inv
from timeledger.testing import factories as f

AMS = ZoneInfo("Europe/Amsterdam")
D = dt.date
WEEK = D(2026, 3, 2)  # a Monday
UNTIL = D(2026, 3, 31)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """An instant on ``day`` at ``hour`` in Amsterdam (the organisation's zone)."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMS)


MADE = dt.datetime(2026, 4, 1, 2, 0, tzinfo=AMS)
SEND_DAY = D(2026, 4, 1)


def setup_org(org, accountant, **policy):
    """Seller, taxes and the policy (auto at 09:00 unless told); returns the tax categories."""
    org.time_zone = "Europe/Amsterdam"
    org.save(update_fields=["time_zone"])
    ef.seller(org)
    tax = inv.taxes(org)
    values = {"mode": Mode.AUTO, "send_at": dt.time(9, 0), "amount_limit": Decimal("20000")}
    values.update(policy)
    services.update_policy(values, by=accountant)
    return tax


def buyer_with_history(org, accountant, tax, *, gross_like: str = "1500", **kw):
    """A Belgian Peppol client with one earlier issued invoice of about ``gross_like`` net."""
    client = ef.buyer(org, "peppol", **kw)
    inv.issued(accountant, client, [("Earlier work", "1", gross_like, tax["S"])], on=D(2026, 2, 2))
    return client


def billed_draft(
    org,
    member,
    client,
    *,
    hours: str = "10.00",
    rate: str = "150",
    day=WEEK,
    project=None,
    entries: int = 1,
    **project_kw,
) -> Invoice:
    """A project with approved time on ``day``, billed by a real billing run: its draft."""
    project = project or f.project(org, client, **project_kw)
    for i in range(entries):
        approved(member, project, day=day + dt.timedelta(days=i), hours=hours, rate=rate)
    run_billing(org, up_to=UNTIL)
    draft = Invoice.objects.filter(project=project, status__in=("draft", "on_hold")).get()
    # The nightly run after the period closed: made at 02:00 on 1 April, due at 09:00 that day.
    Invoice.objects.filter(pk=draft.pk).update(created_at=MADE)
    draft.refresh_from_db()
    return draft


def policy(org) -> InvoicingPolicy:
    return InvoicingPolicy.objects.get(organisation=org, client=None, project=None)
