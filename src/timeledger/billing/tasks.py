"""Background billing: the Celery task (beat, hourly) and the ``timeledger tick`` job.

A billing run bills only projects that are due (their period ended, a milestone is ready, or they
have no schedule and bill whenever a run is made), and re-running is harmless, so running it
every hour is safe. Tasks take ids and hold no rules.
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from timeledger.accounts.models import Organisation
from timeledger.billing.engine import run_billing
from timeledger.billing.services import fail_stale_runs


def run_due(now=None, organisation_id: int | None = None) -> dict:
    """Bill every due project of every organisation (or one). ``now`` sets the run's date.

    Runs that died without a word are failed first (``services.fail_stale_runs``), on the wall
    clock: ``now`` may be pretend (``tick --now``), a heartbeat's age is not."""
    up_to = timezone.localdate(now) if now is not None else None
    orgs = Organisation.objects.order_by("id")
    if organisation_id is not None:
        orgs = orgs.filter(pk=organisation_id)
    scopes = list(orgs) if organisation_id is not None else [None]  # None: every organisation
    stale = sum(len(fail_stale_runs(scope)) for scope in scopes)
    drafts = entries = errors = 0
    for org in orgs:
        result = run_billing(org, up_to=up_to)
        drafts, entries, errors = (
            drafts + len(result.billed),
            entries + result.entries,
            errors + len(result.errors),
        )
    return {"drafts": drafts, "entries": entries, "errors": errors, "stale_runs": stale}


@shared_task(name="billing.run_due")
def run_due_billing(organisation_id: int | None = None) -> dict:
    return run_due(organisation_id=organisation_id)
