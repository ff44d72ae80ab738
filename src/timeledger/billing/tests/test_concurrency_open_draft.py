"""A billing run adding to a project's open run draft while someone issues that draft, in
parallel, on PostgreSQL.

The run takes the open draft's row lock when it reads it (``engine.batch._open_drafts``) and
keeps it until its batch commits; issuing takes the same row lock first. So an issue started
while the run is adding to the draft waits, then issues the draft with the run's additions:
one document with every entry, each billed once — never a number given to a draft that is
being changed, never an addition to an issued invoice.
"""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from timeledger.accounts.roles import Role
from timeledger.billing.engine import batch, run_billing
from timeledger.billing.tests.helpers import approved
from timeledger.invoicing import issuing
from timeledger.invoicing.models import Invoice, InvoiceStatus
from timeledger.invoicing.tests import factories as inv
from timeledger.testing import factories as f
from timeledger.testing.locks import wait_for_lock_waiter
from timeledger.timesheets.models import TimeEntry

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]

D = dt.date
UNTIL = D(2026, 3, 31)


@pytest.fixture
def setup(transactional_db):
    org = f.organisation("Race Billing", slug="race-billing")
    alice = f.member(org, Role.MEMBER)
    accountant = f.member(org, Role.ACCOUNTANT)
    client = f.client(org, code="ACME", name="Acme Retail", currency="EUR")
    client.default_tax_category = inv.taxes(org)["S"]
    client.save()
    project = f.project(org, client, code="WEB", name="Web shop")
    first = approved(alice, project, day=D(2026, 3, 2), hours="1.00", rate="100.00")
    run_billing(org, up_to=UNTIL)
    draft = Invoice.objects.get()
    later = approved(alice, project, day=D(2026, 3, 9), hours="2.00", rate="100.00")
    return org, accountant, draft, first, later


def _in_thread(results, key, work):
    def target():
        try:
            results[key] = work()
        except Exception as exc:  # noqa: BLE001 - reported by the test, never swallowed
            results[key] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=target)
    thread.start()
    return thread


def test_issuing_a_draft_a_run_is_adding_to_waits_and_issues_the_additions(setup, monkeypatch):
    org, accountant, draft, first, later = setup
    read, release = threading.Event(), threading.Event()
    real = batch._open_drafts

    def read_then_wait(*args, **kwargs):
        found = real(*args, **kwargs)
        read.set()  # the draft is read and row-locked, the run's additions not yet written
        release.wait(20)
        return found

    monkeypatch.setattr(batch, "_open_drafts", read_then_wait)
    results = {}
    runner = _in_thread(results, "run", lambda: run_billing(org, up_to=UNTIL))
    assert read.wait(20)
    issuer = _in_thread(
        results,
        "issue",
        lambda: issuing.issue_invoice(draft, by=accountant, issue_date=D(2026, 4, 1)),
    )
    # Issuing queues behind the run's lock on the draft.
    assert wait_for_lock_waiter(20), "issuing never waited for the run's row lock on the draft"
    release.set()
    runner.join(60)
    issuer.join(60)

    run, issued = results["run"], results["issue"]
    assert not isinstance(run, Exception), run
    assert not isinstance(issued, Exception), issued
    assert run.errors == []
    [billed] = run.billed
    assert (billed.adds_to, billed.net) == (draft.pk, Decimal("200.00"))

    issued.refresh_from_db()
    assert issued.pk == draft.pk and issued.status == InvoiceStatus.ISSUED and issued.number
    assert issued.net_total == Decimal("300.00")  # issued with the run's 2.00 h
    assert [(line.entry_count, line.net_amount) for line in issued.lines.all()] == [
        (2, Decimal("300.00"))
    ]
    assert Invoice.objects.count() == 1
    on = dict(TimeEntry.objects.values_list("pk", "invoice_line__invoice_id"))
    assert on == {first.pk: issued.pk, later.pk: issued.pk}
