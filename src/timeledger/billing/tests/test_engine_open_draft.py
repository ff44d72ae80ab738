"""Repeated runs add to the project's open run draft instead of splitting its invoice.

The rule (``billing.engine.runs``): the newest draft of kind standard made by a billing run, still
``draft``, in the project's currency, is added to; a time group already on it merges into its
line, whose hours and net are re-derived from all its entries; the rest is appended.
"""

import datetime as dt
from decimal import Decimal

import pytest

from timeledger.billing import services
from timeledger.billing.engine import run_billing
from timeledger.billing.tasks import run_due
from timeledger.billing.tests.helpers import approved
from timeledger.contracts.models import ChangeOrder
from timeledger.invoicing import drafts, issuing
from timeledger.invoicing.models import Invoice, InvoiceStatus, LineKind
from timeledger.invoicing.tests import factories as inv
from timeledger.testing import factories as f
from timeledger.timesheets.models import TimeEntry

D = dt.date
UNTIL = D(2026, 3, 31)


@pytest.fixture
def phases(project):
    build = f.phase(project, "Build", position=1)
    test = f.phase(project, "Test", position=2)
    return f.task(project, "Backend", phase=build), f.task(project, "QA", phase=test)


def test_repeated_runs_merge_into_one_draft_and_rederive_the_line(org, project, alice, phases):
    backend, qa = phases
    approved(alice, project, day=D(2026, 3, 2), hours="0.30", rate="99.99", t=backend)
    first = run_billing(org, up_to=UNTIL)
    invoice = Invoice.objects.get()
    assert invoice.net_total == Decimal("30.00")  # 0.30 h × 99.99 = 29.997

    approved(alice, project, day=D(2026, 3, 9), hours="0.30", rate="99.99", t=backend)
    approved(alice, project, day=D(2026, 3, 10), hours="2.00", rate="80.00", t=qa)
    second = run_billing(org, up_to=UNTIL)

    assert Invoice.objects.count() == 1
    invoice.refresh_from_db()
    lines = list(invoice.lines.order_by("position"))
    # Build: both entries on the one line, net from their summed hours: 0.60 × 99.99 = 59.994 →
    # 59.99 (not 30.00 + 30.00); Test appended after it.
    assert [(line.description, line.entry_count) for line in lines] == [
        ("Build — 0.60 h × 99.99 = 59.99", 2),
        ("Test — 2.00 h × 80.00 = 160.00", 1),
    ]
    assert lines[0].quantity == Decimal("0.6000")
    assert invoice.net_total == Decimal("219.99")
    assert invoice.period_start == D(2026, 3, 2)
    assert set(TimeEntry.objects.values_list("invoice_line__invoice", flat=True)) == {invoice.pk}
    # What the second run added: 219.99 − 30.00.
    assert [(p.adds_to, p.net, p.entries) for p in second.billed] == [
        (invoice.pk, Decimal("189.99"), 2)
    ]
    assert sum(Decimal(line["net"]) for line in second.billed[0].lines) == Decimal("189.99")
    assert (first.run.invoices_created, second.run.invoices_created) == (1, 0)
    assert second.run.totals == {"EUR": "189.99"}


def test_ticks_keep_one_draft_per_project(org, project, alice):
    for day in (2, 9, 16):
        approved(alice, project, day=D(2026, 3, day), hours="1.00", rate="100.00")
        run_due(now=dt.datetime(2026, 3, day, 18, tzinfo=dt.UTC), organisation_id=org.pk)
    invoice = Invoice.objects.get(project=project)
    assert invoice.net_total == Decimal("300.00")
    assert invoice.lines.get().entry_count == 3


def test_other_kinds_of_line_are_appended(org, project, alice):
    approved(alice, project, day=D(2026, 3, 2), hours="1.00", rate="100.00")
    run_billing(org, up_to=UNTIL)
    ChangeOrder.objects.create(
        organisation=org, project=project, description="Export", amount="250.00", status="approved"
    )
    run_billing(org, up_to=UNTIL)
    invoice = Invoice.objects.get()
    assert list(invoice.lines.order_by("position").values_list("kind", "position")) == [
        (LineKind.TIME, 1),
        (LineKind.CHANGE_ORDER, 2),
    ]
    assert invoice.net_total == Decimal("350.00")


def test_added_to_draft_loses_its_approval(org, project, alice, accountant):
    approved(alice, project, day=D(2026, 3, 2), hours="1.00", rate="100.00")
    run_billing(org, up_to=UNTIL)
    invoice = Invoice.objects.get()
    services.approve_draft(invoice, by=accountant)
    approved(alice, project, day=D(2026, 3, 3), hours="1.00", rate="100.00")
    run_billing(org, up_to=UNTIL)
    invoice.refresh_from_db()
    assert invoice.approved_at is None and invoice.net_total == Decimal("200.00")


def test_a_regrouped_draft_keeps_its_grouping(org, project, alice, accountant):
    approved(alice, project, day=D(2026, 3, 2), hours="1.00", rate="100.00")
    run_billing(org, up_to=UNTIL)
    invoice = Invoice.objects.get()
    services.regroup(invoice, "date", by=accountant)
    approved(alice, project, day=D(2026, 3, 2), hours="0.50", rate="100.00")
    approved(alice, project, day=D(2026, 3, 3), hours="2.00", rate="100.00")
    run_billing(org, up_to=UNTIL)
    assert list(invoice.lines.order_by("position").values_list("description", flat=True)) == [
        "Mon 02 Mar 2026 — 1.50 h × 100.00 = 150.00",
        "Tue 03 Mar 2026 — 2.00 h × 100.00 = 200.00",
    ]


def test_hand_made_held_and_issued_drafts_are_not_added_to(
    org, client_, project, alice, accountant
):
    tax = inv.taxes(org)
    by_hand = drafts.create_draft(client_, by=accountant, project=project)
    approved(alice, project, day=D(2026, 3, 2), hours="1.00", rate="100.00")
    run_billing(org, up_to=UNTIL)
    run_draft = Invoice.objects.exclude(pk=by_hand.pk).get()
    assert by_hand.lines.count() == 0

    Invoice.objects.filter(pk=run_draft.pk).update(status=InvoiceStatus.ON_HOLD, hold_reason="x")
    approved(alice, project, day=D(2026, 3, 3), hours="1.00", rate="100.00")
    run_billing(org, up_to=UNTIL)
    third = Invoice.objects.exclude(pk__in=[by_hand.pk, run_draft.pk]).get()
    assert third.net_total == Decimal("100.00")

    drafts.update_line(third.lines.get(), {"tax_category": tax["S"]}, by=accountant)
    issuing.issue_invoice(third, by=accountant, issue_date=D(2026, 4, 1))
    approved(alice, project, day=D(2026, 3, 4), hours="1.00", rate="100.00")
    run_billing(org, up_to=UNTIL)
    assert Invoice.objects.count() == 4


def test_a_draft_in_another_currency_is_not_added_to(org, client_, project, alice):
    approved(alice, project, day=D(2026, 3, 2), hours="1.00", rate="100.00")
    run_billing(org, up_to=UNTIL)
    client_.currency = "USD"
    client_.save()
    approved(alice, project, day=D(2026, 3, 3), hours="1.00", rate="100.00")
    TimeEntry.objects.filter(date=D(2026, 3, 3)).update(currency="USD")
    result = run_billing(org, up_to=UNTIL)
    assert sorted(Invoice.objects.values_list("currency", "net_total")) == [
        ("EUR", Decimal("100.00")),
        ("USD", Decimal("100.00")),
    ]
    assert result.billed[0].adds_to is None and result.run.totals == {"USD": "100.00"}
