"""Background touchless invoicing: the Celery task (beat, chained after the billing runs) and
the ``timeledger tick`` job. Tasks take ids and hold no rules."""

from __future__ import annotations

from celery import shared_task

from timeledger.autosend import services


def run_due(now=None) -> dict:
    """The policy pass over every organisation with a policy (``timeledger tick``)."""
    return services.run_due(now)


@shared_task(name="autosend.run_due")
def run_due_autosend(*_previous) -> dict:
    # Chained after ``billing.run_due`` as an immutable link, so no result arrives; ``*_`` keeps
    # a mutable chain harmless too. The tick job's callable, so both run the same code.
    return run_due()
