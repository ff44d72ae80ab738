"""A billing run shared by several Celery workers: its due projects cut into batches, each billed
exactly once by one worker, the run finished when the last batch is done.

``start(organisation, …)`` plans the run as ``run_billing`` does (``plans.due_plans``) and writes
one ``BillingBatch`` row per ``batch_size`` projects (one organisation per run, projects in id
order). The workers then call ``work(run_id)``, which loops:

1. **claim** a batch (its own short transaction): ``SELECT … FOR UPDATE SKIP LOCKED`` the first
   batch that is ``pending``, or ``running`` with an expired lease, then a conditional ``UPDATE``
   (same status, same lease token as read) that sets ``running``, a new lease token, the lease's
   end and the worker's name, and counts the attempt. The row count must be 1, else another
   worker took it first and the loop claims again.
2. **bill** it: one transaction that locks the batch row (``FOR UPDATE``, only if it still carries
   our lease token), bills its projects with the engine's one batch step
   (``runs.bill_plans``: ``bill_batch``, retried project by project on failure, inside this
   transaction as savepoints) and marks the batch ``done`` with its results. The drafts, the
   claim of the entries and the batch's ``done`` commit together or not at all.

Why each batch is billed exactly once:

- While a worker bills a batch its row is locked, so no claim takes it (claims skip locked rows),
  even when the lease has run out: a slow worker is never overtaken.
- A worker that dies (SIGKILL, lost machine) loses its connection; PostgreSQL rolls its
  transaction back, nothing of the batch survives, and the row is ``running`` and unlocked.
  When its lease ends the next claim takes it. A worker waiting for other batches to finish
  polls until then (``Outcome.wait``), so a run whose worker died still finishes.
- A worker that claimed and then lost its lease before locking the row (it stalled between the
  two steps) finds another token on the row and bills nothing.
- Beneath all this the entries themselves are claimed with ``UPDATE … WHERE invoice_line IS NULL``
  and a row-count check (``engine.strategies``), as in every run.

After ``BILLING_BATCH_MAX_ATTEMPTS`` claims without a ``done`` the batch is given up (``failed``:
its projects are reported as errors of the run) rather than killing workers for ever.

**Finish**: whichever worker finds no batch left to claim and every batch ``done`` or ``failed``
locks the run row (``FOR UPDATE``, status still ``running``) and writes the run's outcome from the
batches' results in batch order (``runs.finish_run``, the function an in-process run ends with),
so exactly one worker finishes it and the summary equals an in-process run's.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from timeledger.accounts.models import Member
from timeledger.billing.engine.batch import ProjectResult
from timeledger.billing.engine.plans import due_plans, plans_of
from timeledger.billing.engine.runs import bill_plans, finish_run
from timeledger.billing.models import BillingBatch, BillingRun, RunKind
from timeledger.projects.models import Project

Status = BillingBatch.Status


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.BILLING_BATCH_LEASE_SECONDS)


def worker_name() -> str:
    return f"{socket.gethostname()} pid {os.getpid()}"


def start(
    organisation,
    *,
    by: Member | None = None,
    up_to: dt.date | None = None,
    project_codes: list[str] | None = None,
    batch_size: int = 200,
    kind: str = RunKind.NORMAL,
) -> BillingRun:
    """Plan a run and write its batches; workers bill them (``work``). A run with nothing due is
    finished at once. The caller sends the workers' tasks after this commits."""
    up_to = up_to or timezone.localdate()
    plans = due_plans(organisation, up_to, project_codes, kind=kind)
    ids = [p.project.id for p in plans]
    chunks = [ids[i : i + batch_size] for i in range(0, len(ids), batch_size)]
    with transaction.atomic():
        run = BillingRun.objects.create(
            organisation=organisation,
            started_by_id=by.user_id if by is not None else None,
            up_to=up_to,
            dry_run=False,
            kind=kind,
            heartbeat_at=timezone.now(),
            batches_total=len(chunks),
        )
        BillingBatch.objects.bulk_create(
            BillingBatch(
                organisation=organisation,
                run=run,
                position=position,
                project_ids=chunk,
                named=bool(project_codes),
            )
            for position, chunk in enumerate(chunks, start=1)
        )
        if not chunks:
            finish_run(run, [])
    return run


def _claimable(run_id: int, now: dt.datetime):
    return BillingBatch.objects.filter(run_id=run_id, run__status=BillingRun.Status.RUNNING).filter(
        Q(status=Status.PENDING) | Q(status=Status.RUNNING, leased_until__lt=now)
    )


def claim(run_id: int, *, worker: str = "") -> tuple[BillingBatch, str] | None:
    """Take the first free batch of the run (see the module docstring), or None."""
    while True:
        now = timezone.now()
        with transaction.atomic():
            batch = (
                _claimable(run_id, now)
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("position")
                .first()
            )
            if batch is None:
                return None
            if batch.attempts >= settings.BILLING_BATCH_MAX_ATTEMPTS:
                BillingBatch.objects.filter(pk=batch.pk, status=batch.status).update(
                    status=Status.FAILED,
                    error=f"given up after {batch.attempts} attempts (last: {batch.worker})",
                    finished_at=now,
                    updated_at=now,
                )
                continue
            token = uuid.uuid4().hex
            # Conditional on what we read: on SQLite (no row locks) another process may have
            # claimed it since; the row count says who won.
            taken = BillingBatch.objects.filter(
                pk=batch.pk, status=batch.status, lease_token=batch.lease_token
            ).update(
                status=Status.RUNNING,
                lease_token=token,
                leased_until=now + lease(),
                worker=(worker or worker_name())[:200],
                attempts=F("attempts") + 1,
                updated_at=now,
            )
            if taken != 1:
                continue
            BillingRun.objects.filter(pk=run_id).update(heartbeat_at=now)
        batch.lease_token = token
        return batch, token


def bill_claimed(batch: BillingBatch, token: str) -> bool:
    """Bill a claimed batch and mark it done, in one transaction. False: the lease was lost."""
    run = BillingRun.objects.select_related("organisation").get(pk=batch.run_id)
    with transaction.atomic():
        locked = (
            BillingBatch.objects.select_for_update(of=("self",))
            .filter(pk=batch.pk, status=Status.RUNNING, lease_token=token)
            .first()
        )
        if locked is None:
            return False
        plans = plans_of(
            run.organisation, run.up_to, locked.project_ids, named=locked.named, kind=run.kind
        )
        # The run's start stamps every row, as in an in-process run.
        projects = bill_plans(
            run.organisation, plans, run=run, actor_id=run.started_by_id, now=run.created_at
        )
        now = timezone.now()
        BillingBatch.objects.filter(pk=locked.pk).update(
            status=Status.DONE,
            results=[_row(p) for p in projects],
            leased_until=None,
            finished_at=now,
            updated_at=now,
        )
    return True


def _row(p: ProjectResult) -> dict:
    return p.as_dict() | {"project_id": p.project_id}


def _given_up(run: BillingRun, batch: BillingBatch) -> list[dict]:
    projects = Project.objects.filter(pk__in=batch.project_ids).select_related("client")
    return [
        _row(
            ProjectResult(
                code=p.code,
                project_id=p.id,
                currency=p.client.currency,
                cutoff=run.up_to,
                error=batch.error or "batch given up",
            )
        )
        for p in projects.order_by("id")
    ]


def finish_if_done(run_id: int) -> bool:
    """Finish the run if every batch is done or given up; True for the one caller that did."""
    with transaction.atomic():
        run = (
            BillingRun.objects.select_for_update(of=("self",))
            .select_related("organisation")
            .filter(pk=run_id, status=BillingRun.Status.RUNNING)
            .first()
        )
        if run is None:
            return False
        batches = list(BillingBatch.objects.filter(run=run).order_by("position"))
        if any(b.status not in (Status.DONE, Status.FAILED) for b in batches):
            return False
        rows: list[dict] = []
        for b in batches:
            rows += b.results if b.status == Status.DONE else _given_up(run, b)
        finish_run(run, rows)
    return True


@dataclass
class Outcome:
    batches: int  # billed by this call
    finished: bool  # this call finished the run
    wait: (
        int | None
    )  # whole seconds until it is worth looking again (others still running), or None

    def as_dict(self) -> dict:
        return {"batches": self.batches, "finished": self.finished, "wait": self.wait}


def work(run_id: int, *, worker: str = "") -> Outcome:
    """A worker's share of a run: claim and bill batches until none is free, then finish the run
    if it is complete. ``wait`` tells the caller to look again later (a batch is still running,
    maybe on a worker that died: its lease ends then)."""
    billed = 0
    while (claimed := claim(run_id, worker=worker)) is not None:
        if bill_claimed(*claimed):
            billed += 1
    if finish_if_done(run_id):
        return Outcome(billed, True, None)
    running = BillingBatch.objects.filter(
        run_id=run_id, run__status=BillingRun.Status.RUNNING, status=Status.RUNNING
    ).aggregate(first_end=Min("leased_until"))["first_end"]
    if running is None:
        return Outcome(billed, False, None)  # finished by another worker
    lease = settings.BILLING_BATCH_LEASE_SECONDS
    left = (running - timezone.now()) // dt.timedelta(seconds=1)  # whole seconds, rounded down
    # A lease already over on a batch still locked: its worker is alive and slow; look again a
    # lease later rather than every second.
    wait = left + 1 if left >= 0 else lease
    return Outcome(billed, False, max(1, min(wait, lease + 1)))


def resumable_runs(organisation=None) -> list[int]:
    """Shared runs still running with a batch free to claim (pending, or its lease over): their
    workers' tasks were lost (a dead worker held them). The hourly job sends tasks for them."""
    now = timezone.now()
    runs = BillingRun.objects.filter(status=BillingRun.Status.RUNNING, batches_total__gt=0)
    if organisation is not None:
        runs = runs.filter(organisation=organisation)
    free = BillingBatch.objects.filter(
        Q(status=Status.PENDING) | Q(status=Status.RUNNING, leased_until__lt=now)
    )
    return list(
        runs.filter(pk__in=free.values("run_id")).order_by("id").values_list("id", flat=True)
    )


def progress(run: BillingRun) -> tuple[int, int]:
    """(batches done or given up, batches in all) of a shared run."""
    done = BillingBatch.objects.filter(run=run, status__in=(Status.DONE, Status.FAILED)).count()
    return done, run.batches_total
