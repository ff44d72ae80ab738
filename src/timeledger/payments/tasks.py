"""Periodic work of invoicing, for Celery beat and ``timeledger tick``: recurring invoices and
overdue reminders. Each organisation runs on its own local date. Both jobs are idempotent in the
data (one invoice per schedule period, one reminder per invoice and level)."""

from __future__ import annotations

from celery import shared_task

from timeledger.core import timeutil


def _organisations(model, **filters):
    from timeledger.accounts.models import Organisation

    ids = model.objects.filter(**filters).values_list("organisation_id", flat=True).distinct()
    return Organisation.objects.filter(pk__in=list(ids))


def recurring_invoices(now=None) -> dict[str, int]:
    """Invoice every due period of the recurring schedules (``timeledger tick`` job)."""
    from timeledger.invoicing.models import RecurringSchedule
    from timeledger.invoicing.recurring import run_due

    now = now or timeutil.now()
    made = errors = 0
    for org in _organisations(RecurringSchedule, is_active=True):
        result = run_due(timeutil.local_date(now, org.time_zone), organisation=org)
        made += len(result.invoices)
        errors += len(result.errors)
    return {"invoices": made, "errors": errors}


def overdue_reminders(now=None) -> dict[str, int]:
    """Send the overdue reminders each open invoice has reached (``timeledger tick`` job)."""
    from timeledger.invoicing.models import OPEN_STATUSES, Invoice
    from timeledger.payments.services import send_due_reminders

    now = now or timeutil.now()
    sent = 0
    for org in _organisations(Invoice, status__in=OPEN_STATUSES):
        sent += send_due_reminders(org, today=timeutil.local_date(now, org.time_zone))
    return {"sent": sent}


@shared_task(name="invoicing.recurring_invoices")
def run_recurring_invoices() -> dict[str, int]:
    return recurring_invoices()


@shared_task(name="invoicing.overdue_reminders")
def send_overdue_reminders() -> dict[str, int]:
    return overdue_reminders()
