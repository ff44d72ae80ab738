"""Periodic work of contracts, for Celery beat (``timeledger.periodic``) and ``timeledger tick``:
budget alerts, retainer overage flags and not-to-exceed flags. Tasks hold no rules."""

from celery import shared_task

from timeledger.contracts import checks


@shared_task(name="contracts.budget_checks")
def run_budget_checks() -> dict:
    return checks.run_due()
