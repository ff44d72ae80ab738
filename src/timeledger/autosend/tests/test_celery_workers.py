"""Two real Celery workers on Redis run the policy at the same time, each chained after the
billing run as Celery beat chains it: every clean draft is issued once, the numbers have no
gap, and each invoice is e-mailed once (to a real SMTP server on loopback)."""

from __future__ import annotations

import copy
import datetime as dt
import email
from email import policy as email_policy

import pytest
from django.utils import timezone

from timeledger.autosend import services
from timeledger.autosend.models import Dispatch, ReviewItem
from timeledger.autosend.tests.helpers import billed_draft, buyer_with_history, setup_org
from timeledger.celery import app
from timeledger.core.models import AuditLog
from timeledger.invoicing import drafts
from timeledger.invoicing.models import Invoice, InvoiceStatus
from timeledger.periodic import beat_schedule
from timeledger.testing.celery import wait_until
from timeledger.testing.smtp import smtp_server

CLEAN = 6
PASSES = 8


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_issue_each_clean_draft_once_gap_free_one_email_each(
    celery_workers, settings, org, accountant, alice
):
    tax = setup_org(org, accountant, send_at=dt.time(0, 0))
    client = buyer_with_history(org, accountant, tax)  # INV-2026-00001
    clean = [billed_draft(org, alice, client) for _ in range(CLEAN)]
    waiting = billed_draft(org, alice, client)
    drafts.add_line(waiting, by=accountant, description="Travel", unit_price="80")
    # Made by last night's run, so due at 00:00 today whatever the hour the test runs.
    made = timezone.now() - dt.timedelta(days=1)
    Invoice.objects.filter(pk__in=[d.pk for d in [*clean, waiting]]).update(created_at=made)
    services.update_policy({"trailing_invoices": 1}, by=accountant)

    with smtp_server(settings) as inbox:
        workers = celery_workers(2)
        entry = beat_schedule()["billing"]
        options = copy.deepcopy(entry["options"])
        for link in options["link"]:  # a worker sends its links to its default queue: this one
            link["options"]["queue"] = workers.queue
        for _ in range(PASSES):  # as beat sends billing.run_due, with the policy linked after it
            app.send_task(entry["task"], **options)
        try:
            wait_until(
                lambda: workers.logs().count("Task autosend.run_due[") >= PASSES,
                timeout=180,
            )
        except BaseException:
            print(workers.logs()[-6000:])
            raise
        assert " raised " not in workers.logs(), workers.logs()
        messages = inbox.wait_for(CLEAN, timeout=30)
        logs = workers.logs()
        try:
            with app.connection_for_write() as conn:  # the workers' own follow-ups (PDF tasks)
                conn.default_channel.queue_purge("celery")
        except Exception:  # noqa: BLE001 — nothing to purge
            pass

    # Both workers ran policy passes, racing on the same drafts.
    for log in workers.log_files:
        assert "autosend.run_due" in log.read_text(errors="replace"), logs
    issued = Invoice.objects.filter(pk__in=[d.pk for d in clean]).order_by("number")
    assert {i.status for i in issued} == {InvoiceStatus.SENT}
    year = timezone.localdate().year
    assert [i.number for i in issued] == [f"INV-{year}-{n:05d}" for n in range(2, 2 + CLEAN)]
    assert Dispatch.objects.filter(status=Dispatch.Status.SENT).count() == CLEAN
    assert AuditLog.objects.filter(action="autosend_issue").count() == CLEAN
    assert AuditLog.objects.filter(action="autosend_send").count() == CLEAN
    subjects = sorted(
        email.message_from_bytes(m.as_bytes(), policy=email_policy.default)["Subject"]
        for m in messages
    )
    assert len(subjects) == CLEAN == len(set(subjects))
    assert all(any(i.number in s for s in subjects) for i in issued)
    assert Invoice.objects.get(pk=waiting.pk).status == InvoiceStatus.DRAFT
    assert [r["check"] for r in ReviewItem.objects.get(invoice=waiting).reasons] == [
        "no_lines_added"
    ]
