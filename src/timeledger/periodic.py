"""The periodic jobs, in one list: ``timeledger tick`` runs them, Celery beat schedules them.

With a broker configured Celery beat is the scheduler; in the embedded default cron runs
``timeledger tick``. Both read this list, so a job cannot be known to one and silently never run
under the other (the budget, cap and retainer checks once had no beat entry). Plain data, no
Django imports: the settings read it to build ``CELERY_BEAT_SCHEDULE``.

Each job is ``callable(now=None) -> dict | str`` at ``path``, idempotent in the data, and ``task``
is the Celery task (in the app's ``tasks.py``) that calls it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    name: str  # ``timeledger tick --only NAME``; also the beat entry's key
    path: str  # dotted path of the callable ``tick`` runs
    task: str  # registered name of the Celery task beat sends
    every_minutes: int  # beat interval (cron decides how often ``tick`` runs)
    # Beat also runs this job right after the named job's task (a Celery link), as ``tick``
    # runs the jobs in this list's order: the policy pass follows the billing runs.
    after: str = ""


JOBS: tuple[Job, ...] = (
    Job("reminders", "timeledger.timesheets.reminders.run_due", "timesheets.send_reminders", 15),
    Job(
        "recurring_invoices",
        "timeledger.invoicing.tasks.recurring_invoices",
        "invoicing.recurring_invoices",
        60,
    ),
    Job(
        "overdue_reminders",
        "timeledger.payments.tasks.overdue_reminders",
        "payments.overdue_reminders",
        60,
    ),
    Job(
        "documents",
        "timeledger.invoicing.pdf.store_pending_documents",
        "invoicing.store_pending_documents",
        5,
    ),
    Job("billing", "timeledger.billing.tasks.run_due", "billing.run_due", 60),
    Job(
        "autosend",
        "timeledger.autosend.tasks.run_due",
        "autosend.run_due",
        15,
        after="billing",
    ),
    Job("budgets", "timeledger.contracts.checks.run_due", "contracts.budget_checks", 60),
    Job("webhooks", "timeledger.webhooks.tasks.run_due", "webhooks.run_due", 1),
    Job("estimates", "timeledger.estimates.tasks.expire_due", "estimates.expire_due", 60),
    Job(
        "idempotency_keys",
        "timeledger.core.tasks.purge_idempotency_keys",
        "core.purge_idempotency_keys",
        60,
    ),
)


def link(job: Job) -> dict:
    """An immutable Celery signature of ``job``'s task as plain data (a link needs no app)."""
    return {
        "task": job.task,
        "args": [],
        "kwargs": {},
        "options": {},
        "subtask_type": None,
        "immutable": True,
    }


def beat_schedule() -> dict[str, dict]:
    """``CELERY_BEAT_SCHEDULE``: one entry per job, keyed by the job's name; a job with
    ``after`` is also linked to that job's entry, so it runs when that task has finished."""
    schedule = {job.name: {"task": job.task, "schedule": job.every_minutes * 60.0} for job in JOBS}
    for job in JOBS:
        if job.after:
            options = schedule[job.after].setdefault("options", {})
            options.setdefault("link", []).append(link(job))
    return schedule
