"""Periodic work of payments, for Celery beat and ``timeledger tick`` (``timeledger.periodic``):
overdue reminders, each organisation on its own local date. Idempotent in the data (one reminder
per invoice and level). Tasks take ids and hold no rules."""

from __future__ import annotations

from celery import shared_task

from timeledger.accounts.models import Organisation
from timeledger.core import timeutil
from timeledger.invoicing.models import OPEN_STATUSES, Invoice
from timeledger.payments.services import send_due_reminders


def overdue_reminders(now=None) -> dict[str, int]:
    """Send the overdue reminders each open invoice has reached (``timeledger tick`` job)."""
    now = now or timeutil.now()
    sent = 0
    ids = Invoice.objects.filter(status__in=OPEN_STATUSES).values_list("organisation_id", flat=True)
    for org in Organisation.objects.filter(pk__in=list(ids.distinct())):
        sent += send_due_reminders(org, today=timeutil.local_date(now, org.time_zone))
    return {"sent": sent}


@shared_task(name="payments.overdue_reminders")
def send_overdue_reminders() -> dict[str, int]:
    return overdue_reminders()
