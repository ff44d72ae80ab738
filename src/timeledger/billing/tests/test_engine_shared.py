"""Runs shared by workers (``engine.shared``), in-process: batches claimed once, a lost lease
taken again, the run finished once and equal to an in-process run of the same work."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from timeledger.billing import tasks
from timeledger.billing.engine import run_billing, shared
from timeledger.billing.models import BillingBatch, BillingRun
from timeledger.billing.tests.shared_runs import UP_TO, billed, loaded, make_workload, run_outcome

Status = BillingBatch.Status


@pytest.fixture(scope="module")
def workload(tmp_path_factory):
    return make_workload(tmp_path_factory.mktemp("wl"))


def test_shared_run_bills_the_same_as_an_in_process_run(db, workload):
    one, two = loaded(workload, "inproc"), loaded(workload, "shared")
    in_process = run_billing(one, up_to=UP_TO).run

    run = shared.start(two, up_to=UP_TO, batch_size=5)
    assert run.batches_total == 3
    assert list(BillingBatch.objects.filter(run=run).values_list("position", "status")) == [
        (1, Status.PENDING), (2, Status.PENDING), (3, Status.PENDING),
    ]  # fmt: skip
    outcome = shared.work(run.pk, worker="w1")
    assert outcome.as_dict() == {"batches": 3, "finished": True, "wait": None}

    expected = billed(one)
    assert expected["billed_entries"] > 0 and expected["unbilled_billable"] == 0
    assert billed(two) == expected
    assert run_outcome(run) == run_outcome(in_process)
    assert run.status == BillingRun.Status.DONE
    assert run.batches_committed == 3
    assert set(BillingBatch.objects.filter(run=run).values_list("status", "attempts")) == {
        (Status.DONE, 1)
    }
    # a second worker arriving late finds nothing to do and does not finish it again
    assert shared.work(run.pk, worker="w2").as_dict() == {
        "batches": 0,
        "finished": False,
        "wait": None,
    }


def test_a_batch_whose_worker_died_is_billed_once_by_the_next_claim(db, workload, settings):
    org = loaded(workload, "lease")
    reference = loaded(workload, "ref")
    run_billing(reference, up_to=UP_TO)
    run = shared.start(org, up_to=UP_TO, batch_size=5)

    dead, dead_token = shared.claim(run.pk, worker="dies")  # claimed, then the worker dies
    outcome = shared.work(run.pk, worker="w2")  # bills the other two, waits for the lease
    assert outcome.batches == 2 and not outcome.finished
    assert 1 <= outcome.wait <= settings.BILLING_BATCH_LEASE_SECONDS + 0.5
    assert shared.claim(run.pk, worker="w3") is None  # the lease still holds

    BillingBatch.objects.filter(pk=dead.pk).update(
        leased_until=timezone.now() - dt.timedelta(seconds=1)
    )
    again, token = shared.claim(run.pk, worker="w3")
    assert again.pk == dead.pk and token != dead_token
    # the first worker, back from the dead, has lost its lease: it bills nothing
    assert shared.bill_claimed(dead, dead_token) is False
    assert shared.bill_claimed(again, token) is True
    assert shared.finish_if_done(run.pk) is True
    assert shared.finish_if_done(run.pk) is False

    batch = BillingBatch.objects.get(pk=dead.pk)
    assert (batch.status, batch.attempts, batch.worker) == (Status.DONE, 2, "w3")
    assert billed(org) == billed(reference)
    run.refresh_from_db()
    assert run.status == BillingRun.Status.DONE


def test_a_batch_that_keeps_killing_workers_is_given_up_and_the_run_fails(db, workload, settings):
    settings.BILLING_BATCH_MAX_ATTEMPTS = 2
    org = loaded(workload, "poison")
    run = shared.start(org, up_to=UP_TO, batch_size=5)
    past = timezone.now() - dt.timedelta(seconds=1)
    for _ in range(2):
        batch, _token = shared.claim(run.pk)
        assert batch.position == 1
        BillingBatch.objects.filter(pk=batch.pk).update(leased_until=past)

    outcome = shared.work(run.pk, worker="w")
    assert outcome.finished and outcome.batches == 2
    first = BillingBatch.objects.get(run=run, position=1)
    assert first.status == Status.FAILED and "given up after 2 attempts" in first.error
    run.refresh_from_db()
    assert run.status == BillingRun.Status.FAILED
    assert run.error.count("given up after 2 attempts") == 5  # one line per project
    assert run.projects_billed == 7


def test_nothing_due_finishes_the_run_at_once(db, org):
    run = shared.start(org, up_to=UP_TO)
    assert (run.status, run.batches_total, run.projects_billed) == (BillingRun.Status.DONE, 0, 0)


def test_hourly_job_with_scale_out_bills_through_batches(
    db, workload, settings, django_capture_on_commit_callbacks
):
    settings.BILLING_SCALE_OUT = True
    settings.BILLING_BATCH_PROJECTS = 4
    org = loaded(workload, "hourly")
    reference = loaded(workload, "hourly-ref")
    run_billing(reference, up_to=UP_TO)
    with django_capture_on_commit_callbacks(execute=True):
        counts = tasks.run_due(now=timezone.make_aware(dt.datetime(2025, 12, 31, 12)))
    run = BillingRun.objects.get(organisation=org)
    assert run.status == BillingRun.Status.DONE and run.batches_total == 3
    assert billed(org) == billed(reference)
    assert counts["shared_runs"] == BillingRun.objects.filter(batches_total__gt=0).count()


def test_hourly_job_resumes_a_shared_run_whose_tasks_were_lost(
    db, workload, settings, django_capture_on_commit_callbacks
):
    settings.BILLING_SCALE_OUT = True
    org = loaded(workload, "lost")
    reference = loaded(workload, "lost-ref")
    run_billing(reference, up_to=UP_TO)
    run = shared.start(org, up_to=UP_TO, batch_size=5)  # its tasks never reached a worker
    claimed, _token = shared.claim(run.pk, worker="died")
    assert shared.resumable_runs(org) == [run.pk]  # batches 2 and 3 wait
    BillingBatch.objects.filter(pk=claimed.pk).update(
        leased_until=timezone.now() - dt.timedelta(seconds=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        counts = tasks.run_due(
            now=timezone.make_aware(dt.datetime(2025, 12, 31, 12)), organisation_id=org.pk
        )
    assert counts["resumed_runs"] == 1
    run.refresh_from_db()
    assert run.status == BillingRun.Status.DONE
    assert shared.resumable_runs(org) == []
    assert billed(org) == billed(reference)  # the later hourly run found nothing left to bill
