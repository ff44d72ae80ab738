"""Runs shared by two real Celery workers on Redis (``testing.celery``, PostgreSQL): the same
invoices, totals and billed entries as an in-process run of the same work, and a worker killed
in the middle of a batch loses nothing and bills nothing twice."""

from __future__ import annotations

import threading
from contextlib import contextmanager

import pytest
from django.db import connection, transaction

from timeledger.billing import tasks
from timeledger.billing.engine import run_billing
from timeledger.billing.models import BillingBatch, BillingRun
from timeledger.billing.tests.shared_runs import UP_TO, billed, loaded, make_workload, run_outcome
from timeledger.projects.models import Project
from timeledger.testing.celery import wait_until

LEASE = 3  # seconds: the workers' BILLING_BATCH_LEASE_SECONDS


@pytest.fixture
def workload(tmp_path):
    return make_workload(tmp_path, projects=12, entries=600)


@contextmanager
def row_locked(project):
    """Hold ``project``'s row lock on another connection (a thread of its own) meanwhile."""
    locked, release = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic():
                list(Project.objects.select_for_update().filter(pk=project.pk))
                locked.set()
                release.wait(180)
        finally:
            connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    assert locked.wait(30)
    try:
        yield
    finally:
        release.set()
        thread.join(30)


def _finished(run):
    run.refresh_from_db()
    return run.status != BillingRun.Status.RUNNING


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_bill_a_run_as_one_process_does(celery_workers, settings, workload):
    reference = loaded(workload, "one")
    org = loaded(workload, "two")
    expected_run = run_billing(reference, up_to=UP_TO).run
    expected = billed(reference)
    assert expected["billed_entries"] > 0

    workers = celery_workers(2, env={"BILLING_BATCH_LEASE_SECONDS": str(LEASE)})
    settings.BILLING_BATCH_PROJECTS, settings.BILLING_RUN_TASKS = 2, 2
    run = tasks.start_shared(org, up_to=UP_TO)
    assert run.batches_total == 6
    wait_until(lambda: _finished(run), timeout=120, message=workers.logs()[-4000:])

    assert " raised " not in workers.logs(), workers.logs()
    assert run.status == BillingRun.Status.DONE
    assert billed(org) == expected
    assert run_outcome(run) == run_outcome(expected_run)
    batches = BillingBatch.objects.filter(run=run)
    assert set(batches.values_list("status", "attempts")) == {(BillingBatch.Status.DONE, 1)}
    assert "Task billing.work_run[" in workers.logs()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_batch_loses_nothing_and_bills_nothing_twice(
    celery_workers, settings, workload
):
    reference = loaded(workload, "ref")
    org = loaded(workload, "kill")
    run_billing(reference, up_to=UP_TO)
    expected = billed(reference)

    workers = celery_workers(2, env={"BILLING_BATCH_LEASE_SECONDS": str(LEASE)})
    settings.BILLING_BATCH_PROJECTS, settings.BILLING_RUN_TASKS = 2, 2
    held = Project.objects.filter(organisation=org).order_by("id")[2]  # in batch 2
    with row_locked(held):  # batch 2's worker blocks inside the batch's transaction
        run = tasks.start_shared(org, up_to=UP_TO)
        stuck = wait_until(
            lambda: BillingBatch.objects.filter(
                run=run, position=2, status=BillingBatch.Status.RUNNING
            ).first(),
            timeout=60,
            message=workers.logs()[-4000:],
        )
        victim = int(stuck.worker.split("-", 1)[0].removeprefix("w"))
        # The other worker bills every other batch meanwhile.
        wait_until(
            lambda: (
                BillingBatch.objects.filter(run=run, status=BillingBatch.Status.DONE).count() == 5
            ),
            timeout=60,
            message=workers.logs()[-4000:],
        )
        workers.kill(victim)  # SIGKILL: its transaction on batch 2 is rolled back
    wait_until(lambda: _finished(run), timeout=120, message=workers.logs()[-4000:])

    assert run.status == BillingRun.Status.DONE, run.error
    assert billed(org) == expected
    batch = BillingBatch.objects.get(pk=stuck.pk)
    assert batch.status == BillingBatch.Status.DONE
    assert batch.attempts == 2
    assert batch.worker.startswith(f"w{1 - victim}-")
    assert run.batches_committed == 6  # batch 2 once: the killed attempt committed nothing
