"""Periodic work of invoicing, for Celery beat and ``timeledger tick`` (``timeledger.periodic``):
recurring invoices, each organisation on its own local date. Idempotent in the data (one invoice
per schedule period, a database constraint). Tasks take ids and hold no rules."""

from __future__ import annotations

from celery import shared_task

from timeledger.accounts.models import Organisation
from timeledger.core import timeutil
from timeledger.invoicing import pdf
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


class DocumentsNotStored(Exception):
    """Some document of an issued invoice is not stored yet: the task retries."""


@shared_task(
    name="invoicing.store_documents",
    autoretry_for=(Exception,),
    retry_backoff=2,
    retry_backoff_max=300,
    max_retries=None,  # until stored; ``timeledger tick``'s ``documents`` job is the backstop
)
def store_documents(invoice_id: int) -> bool:
    """Issuing, step 3, on a worker (``invoicing.pdf.store_documents``)."""
    if not pdf.store_documents(invoice_id):
        raise DocumentsNotStored(f"invoice {invoice_id}")
    return True


@shared_task(name="invoicing.store_pending_documents")
def store_pending_documents() -> dict[str, int]:
    return pdf.store_pending_documents()
