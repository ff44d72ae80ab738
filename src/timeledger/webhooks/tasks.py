"""Webhook delivery for Celery and ``timeledger tick`` (``timeledger.periodic``). Tasks take ids
and hold no rules."""

from __future__ import annotations

from celery import shared_task

from timeledger.webhooks import services


def run_due(now=None) -> dict[str, int]:
    """Announce newly overdue invoices, then send every delivery that is due."""
    overdue = services.emit_overdue(now=now)
    return {"overdue_events": overdue, **services.send_due(now=now)}


# A retry goes to the queue the task came from (Celery keeps its routing); the small margin makes
# the delivery due when the retry runs.
RETRY_MARGIN_SECONDS = 0.5


@shared_task(bind=True, name="webhooks.deliver", acks_late=True, max_retries=None)
def deliver(self, delivery_id: int) -> None:
    """One attempt; a failure waits for the next attempt on the schedule (``services.retry_in``)."""
    wait = services.retry_in(services.deliver(delivery_id))
    if wait is not None:
        raise self.retry(countdown=wait + RETRY_MARGIN_SECONDS)


@shared_task(name="webhooks.run_due")
def run_due_task() -> dict[str, int]:
    return run_due()
