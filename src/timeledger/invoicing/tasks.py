"""Periodic work of invoicing, for Celery beat and ``timeledger tick`` (``timeledger.periodic``):
recurring invoices, each organisation on its own local date. Idempotent in the data (one invoice
per schedule period, a database constraint). Tasks take ids and hold no rules."""

from __future__ import annotations

from celery import shared_task

from timeledger.accounts.models import Organisation
from timeledger.core import timeutil
from timeledger.invoicing.models import RecurringSchedule
from timeledger.invoicing.recurring import run_due


def recurring_invoices(now=None) -> dict[str, int]:
    """Invoice every due period of the recurring schedules (``timeledger tick`` job)."""
    now = now or timeutil.now()
    made = errors = 0
    ids = RecurringSchedule.objects.filter(is_active=True).values_list("organisation_id", flat=True)
    for org in Organisation.objects.filter(pk__in=list(ids.distinct())):
        result = run_due(timeutil.local_date(now, org.time_zone), organisation=org)
        made += len(result.invoices)
        errors += len(result.errors)
    return {"invoices": made, "errors": errors}


@shared_task(name="invoicing.recurring_invoices")
def run_recurring_invoices() -> dict[str, int]:
    return recurring_invoices()
