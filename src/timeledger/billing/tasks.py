"""Background billing: the Celery task (beat, hourly), the ``timeledger tick`` job, and the tasks
of a run shared by several workers (``engine.shared``).

A billing run bills only projects that are due (their period ended, a milestone is ready, or they
have no schedule and bill whenever a run is made), and re-running is harmless, so running it
every hour is safe. Tasks take ids and hold no rules.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from timeledger.accounts.models import Organisation
from timeledger.billing.engine import run_billing, shared
from timeledger.billing.models import BillingRun
from timeledger.billing.services import fail_stale_runs
from timeledger.celery import app


def run_due(now=None, organisation_id: int | None = None) -> dict:
    """Bill every due project of every organisation (or one). ``now`` sets the run's date.

    Runs that died without a word are failed first (``services.fail_stale_runs``), on the wall
    clock: ``now`` may be pretend (``tick --now``), a heartbeat's age is not. With
    ``BILLING_SCALE_OUT`` each organisation's run is cut into batches that the workers share
    (``start_shared``); the counts are then those of the runs that finished before this returns
    (all of them when tasks run in-process)."""
    up_to = timezone.localdate(now) if now is not None else None
    orgs = Organisation.objects.order_by("id")
    if organisation_id is not None:
        orgs = orgs.filter(pk=organisation_id)
    scopes = list(orgs) if organisation_id is not None else [None]  # None: every organisation
    stale = sum(len(fail_stale_runs(scope)) for scope in scopes)
    drafts = entries = errors = 0
    if settings.BILLING_SCALE_OUT:
        resumed = [resume(run_id) for scope in scopes for run_id in shared.resumable_runs(scope)]
        runs = [start_shared(org, up_to=up_to) for org in orgs]
        done = BillingRun.objects.filter(pk__in=[r.pk for r in runs]).exclude(
            status=BillingRun.Status.RUNNING
        )
        for run in done:
            drafts, entries = drafts + run.projects_billed, entries + run.entries_billed
            errors += len(run.error.splitlines()) if run.error else 0
        return {
            "drafts": drafts,
            "entries": entries,
            "errors": errors,
            "stale_runs": stale,
            "shared_runs": len(runs),
            "resumed_runs": len(resumed),
        }
    for org in orgs:
        result = run_billing(org, up_to=up_to)
        drafts, entries, errors = (
            drafts + len(result.billed),
            entries + result.entries,
            errors + len(result.errors),
        )
    return {"drafts": drafts, "entries": entries, "errors": errors, "stale_runs": stale}


def start_shared(organisation, *, by=None, up_to=None, project_codes=None, tasks=None):
    """Plan a run shared by the workers and send its tasks once the batches are committed: one
    task per worker that should share it (``BILLING_RUN_TASKS``), never more than its batches.
    Without a broker the tasks run here, one after the other: the same batches, the same result."""
    run = shared.start(
        organisation,
        by=by,
        up_to=up_to,
        project_codes=project_codes,
        batch_size=settings.BILLING_BATCH_PROJECTS,
    )
    count = min(tasks or settings.BILLING_RUN_TASKS, run.batches_total)
    transaction.on_commit(lambda: [work_run.delay(run.pk) for _ in range(count)])
    if count and transaction.get_autocommit():
        run.refresh_from_db()
    return run


def resume(run_id: int) -> int:
    """A shared run whose batches wait with no task left to bill them: send it its tasks again."""
    transaction.on_commit(
        lambda: [work_run.delay(run_id) for _ in range(settings.BILLING_RUN_TASKS)]
    )
    return run_id


@app.task(name="billing.run_due")
def run_due_billing(organisation_id: int | None = None) -> dict:
    return run_due(organisation_id=organisation_id)


# acks_late: a message taken by a worker that dies is delivered again (after the broker's
# visibility timeout); the batches' claims make a second delivery harmless.
@app.task(name="billing.work_run", bind=True, acks_late=True, max_retries=None)
def work_run(self, run_id: int) -> dict:
    outcome = shared.work(
        run_id, worker=f"{self.request.hostname or 'local'} {shared.worker_name()}"
    )
    if outcome.wait is not None and not self.request.is_eager:
        # Another batch is still running, perhaps on a worker that died: look again when its
        # lease ends. (In-process there is no one else to wait for.)
        raise self.retry(countdown=outcome.wait)
    return outcome.as_dict()
