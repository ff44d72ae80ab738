"""A billing run that dies (SIGKILL, OOM, a lost container) cannot mark itself failed: it would stay
``running`` forever. Runs beat (``heartbeat_at``, ``batches_committed``) at the start and with each
committed batch; ``services.fail_stale_runs`` fails a run whose heartbeat is older than
``BILLING_RUN_STALE_AFTER_MINUTES``, saying what survived. Batches are atomic, so the unfinished
one left nothing behind."""

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from timeledger.billing import services
from timeledger.billing.engine import run_billing
from timeledger.billing.models import BillingRun
from timeledger.billing.tests.helpers import approved
from timeledger.cli import main
from timeledger.core.models import AuditLog
from timeledger.invoicing.models import Invoice
from timeledger.testing import factories as f
from timeledger.timesheets.models import TimeEntry

D = dt.date
UTC = dt.UTC
NOW = dt.datetime(2026, 11, 14, 11, 0, tzinfo=UTC)
RUNNING = BillingRun.Status.RUNNING
FAILED = BillingRun.Status.FAILED


def a_run(org, *, heartbeat_at, batches=0, status=RUNNING, created_at=None) -> BillingRun:
    run = BillingRun.objects.create(organisation=org, up_to=D(2026, 11, 14), status=status)
    BillingRun.objects.filter(pk=run.pk).update(
        heartbeat_at=heartbeat_at,
        batches_committed=batches,
        created_at=created_at or heartbeat_at or NOW - dt.timedelta(hours=1),
    )
    run.refresh_from_db()
    return run


def test_a_run_whose_heartbeat_is_older_than_the_threshold_is_failed(org, project, alice):
    # given a running run that last beat 11 minutes ago, after two batches; one draft survived
    run = a_run(org, heartbeat_at=NOW - dt.timedelta(minutes=11), batches=2)
    Invoice.objects.create(
        organisation=org, client=project.client, project=project, currency="EUR", billing_run=run
    )
    # when stale runs are failed
    failed = services.fail_stale_runs(org, now=NOW)
    # then it is failed, saying what was rolled back and what was kept
    run.refresh_from_db()
    assert [r.pk for r in failed] == [run.pk]
    assert run.status == FAILED
    assert run.finished_at == NOW
    assert run.error == (
        "stale: no heartbeat since 2026-11-14 10:49:00 UTC (limit 10 minutes); the unfinished "
        "batch was rolled back, 2 batches committed (1 draft invoice kept)"
    )
    assert run.invoices_created == 1
    log = AuditLog.objects.get(action="fail_stale", object_id=str(run.pk))
    assert log.before == {"status": "running"} and log.after["status"] == "failed"


def test_a_run_with_a_recent_heartbeat_keeps_running(org):
    run = a_run(org, heartbeat_at=NOW - dt.timedelta(minutes=9, seconds=59))
    assert services.fail_stale_runs(org, now=NOW) == []
    run.refresh_from_db()
    assert run.status == RUNNING and run.error == ""


def test_the_threshold_is_a_setting(org, settings):
    settings.BILLING_RUN_STALE_AFTER_MINUTES = 30
    run = a_run(org, heartbeat_at=NOW - dt.timedelta(minutes=11))
    assert services.fail_stale_runs(org, now=NOW) == []
    settings.BILLING_RUN_STALE_AFTER_MINUTES = 5
    assert [r.pk for r in services.fail_stale_runs(org, now=NOW)] == [run.pk]


def test_a_run_from_before_heartbeats_is_stale_by_its_start(org):
    # given a running row written before heartbeats existed (no heartbeat at all)
    run = a_run(org, heartbeat_at=None, created_at=NOW - dt.timedelta(hours=2))
    services.fail_stale_runs(org, now=NOW)
    run.refresh_from_db()
    assert run.status == FAILED
    assert run.error.startswith("stale: no heartbeat since 2026-11-14 09:00:00 UTC")


def test_finished_runs_and_other_organisations_are_left_alone(org, outsider_org):
    old = NOW - dt.timedelta(days=1)
    done = a_run(org, heartbeat_at=old, status=BillingRun.Status.DONE)
    theirs = a_run(outsider_org, heartbeat_at=old)
    assert services.fail_stale_runs(org, now=NOW) == []
    done.refresh_from_db()
    theirs.refresh_from_db()
    assert (done.status, theirs.status) == (BillingRun.Status.DONE, RUNNING)
    # without an organisation (the tick job) every organisation's stale runs are failed
    assert [r.pk for r in services.fail_stale_runs(now=NOW)] == [theirs.pk]


def test_starting_a_run_fails_the_stale_ones_first(org, accountant):
    stale = a_run(org, heartbeat_at=timezone.now() - dt.timedelta(hours=1))
    services.start_run(org, by=accountant, up_to=D(2026, 3, 31))
    stale.refresh_from_db()
    assert stale.status == FAILED
    assert BillingRun.objects.exclude(pk=stale.pk).get().status == BillingRun.Status.DONE


def test_the_tick_billing_job_fails_stale_runs(org, capsys):
    stale = a_run(org, heartbeat_at=timezone.now() - dt.timedelta(hours=1))
    assert main(["tick", "--only", "billing"]) == 0
    stale.refresh_from_db()
    assert stale.status == FAILED
    assert "stale_runs=1" in capsys.readouterr().out


def test_a_run_beats_with_every_committed_batch(org, client_, alice):
    # given three billable projects, billed one per batch
    for code in ("A", "B", "C"):
        approved(alice, f.project(org, client_, code=code), day=D(2026, 3, 2), hours="1.00")
    seen = []

    def progress(done, total):
        # the beat is committed with the batch: a reader sees it as soon as the batch is done
        row = BillingRun.objects.latest("id")
        seen.append((done, row.batches_committed, row.heartbeat_at is not None))

    started = timezone.now()
    result = run_billing(org, up_to=D(2026, 3, 31), batch_size=1, progress=progress)
    assert seen == [(1, 1, True), (2, 2, True), (3, 3, True)]
    run = result.run
    run.refresh_from_db()
    assert run.status == BillingRun.Status.DONE and run.batches_committed == 3
    assert run.heartbeat_at >= started


# --- Screens and API ------------------------------------------------------------------------------


def test_runs_page_shows_a_stale_run_and_a_failed_one(org, accountant):
    a_run(org, heartbeat_at=timezone.now() - dt.timedelta(hours=1), batches=1)
    failed = a_run(org, heartbeat_at=timezone.now() - dt.timedelta(hours=2), status=FAILED)
    BillingRun.objects.filter(pk=failed.pk).update(error="stale: no heartbeat since …")
    c = Client()
    c.force_login(accountant.user)
    page = c.get("/billing/").content.decode()
    assert "Stale: no heartbeat for 1\xa0hour, 1 batch committed" in page
    assert "Failed" in page and "stale: no heartbeat since …" in page


def test_api_run_shows_heartbeat_and_staleness(api, accountant, org, outsider):
    beat = timezone.now() - dt.timedelta(hours=1)
    run = a_run(org, heartbeat_at=beat, batches=4)
    body = api(accountant).get(f"/api/billing/runs/{run.pk}/").json()
    assert body["status"] == "running"
    assert body["is_stale"] is True
    assert body["batches_committed"] == 4
    assert body["heartbeat_at"] is not None
    assert api(outsider).get(f"/api/billing/runs/{run.pk}/").status_code == 404


# --- A real SIGKILL (PostgreSQL: a second process on the same database) -------------------------

CHILD = textwrap.dedent(
    """
    import os, sys, time
    import django
    os.environ["DJANGO_SETTINGS_MODULE"] = "timeledger.settings_test"
    django.setup()
    from timeledger.accounts.models import Organisation
    from timeledger.billing.engine import runs

    real = runs.bill_batch
    calls = []

    def slow_second_batch(*args, **kwargs):
        results = real(*args, **kwargs)  # drafts written, entries claimed: not committed yet
        calls.append(1)
        if len(calls) == 2:
            print("in-second-batch", flush=True)
            time.sleep(600)  # killed here
        return results

    runs.bill_batch = slow_second_batch
    org = Organisation.objects.get(slug=sys.argv[1])
    runs.run_billing(org, up_to=runs.dt.date(2026, 3, 31), batch_size=1)
    """
)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_sigkilled_run_is_failed_once_stale_and_its_unfinished_batch_left_nothing():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (a second process on the same database)")
    org = f.organisation(slug="killed")
    member = f.member(org)
    client = f.client(org, currency="EUR")
    projects = [f.project(org, client, code=c) for c in ("A", "B", "C")]
    for p in projects:
        approved(member, p, day=D(2026, 3, 2), hours="1.00")

    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:"
        f"{db['PORT']}/{db['NAME']}",
        "TIMELEDGER_TEST_DB": "",
        "PYTHONPATH": str(Path(__file__).resolve().parents[3]),
    }
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, org.slug], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "in-second-batch"
        os.kill(child.pid, signal.SIGKILL)  # no handler runs: the run cannot mark itself failed
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()

    run = BillingRun.objects.get(organisation=org)
    assert run.status == RUNNING  # what was left behind
    assert run.batches_committed == 1
    assert Invoice.objects.filter(billing_run=run).count() == 1  # the second batch rolled back
    assert TimeEntry.objects.filter(invoice_line__isnull=False).count() == 1

    assert services.fail_stale_runs(org, now=timezone.now()) == []  # still fresh
    later = run.heartbeat_at + dt.timedelta(minutes=11)
    assert [r.pk for r in services.fail_stale_runs(org, now=later)] == [run.pk]
    run.refresh_from_db()
    assert run.status == FAILED
    assert "1 batch committed (1 draft invoice kept)" in run.error

    # the next run bills the two projects the killed one did not, and nothing twice
    result = run_billing(org, up_to=D(2026, 3, 31))
    assert sorted(p.code for p in result.billed) == ["B", "C"]
    assert TimeEntry.objects.filter(invoice_line__isnull=True).count() == 0
