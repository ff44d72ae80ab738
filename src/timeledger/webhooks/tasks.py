"""Webhook delivery for Celery and ``timeledger tick`` (``timeledger.periodic``). Tasks take ids
and hold no rules."""

from __future__ import annotations

from celery import shared_task

from timeledger.webhooks import services


def run_due(now=None) -> dict[str, int]:
    """Announce newly overdue invoices, then send every delivery that is due."""
    overdue = services.emit_overdue(now=now)
    return {"overdue_events": overdue, **services.send_due(now=now)}


@shared_task(name="webhooks.deliver", acks_late=True)
def deliver(delivery_id: int) -> None:
    services.deliver(delivery_id)


@shared_task(name="webhooks.run_due")
def run_due_task() -> dict[str, int]:
    return run_due()
