"""Periodic work of projects, for Celery beat (``timeledger.periodic``) and ``timeledger tick``:
budget alerts, retainer overage flags and not-to-exceed flags. Tasks hold no rules."""

from celery import shared_task

from timeledger.contracts import budgets


@shared_task(name="budgets.run_due")
def run_budget_checks() -> dict:
    return budgets.run_due()
