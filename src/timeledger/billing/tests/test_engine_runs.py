"""Billing runs on the real database: drafts from approved time, exactly once, grouped."""

import datetime as dt
from decimal import Decimal

import pytest

from timeledger.billing.engine import preview, run_billing
from timeledger.billing.models import BillingSchedule, MilestoneRelease
from timeledger.billing.tests.helpers import approved, expected_group_total, named_member
from timeledger.contracts.models import ChangeOrder
from timeledger.invoicing.models import Invoice, InvoiceLine, InvoiceStatus, LineKind
from timeledger.projects.models import Milestone
from timeledger.testing import factories as f
from timeledger.timesheets.models import EntryStatus, TimeEntry

D = dt.date
UNTIL = D(2026, 3, 31)


@pytest.fixture
def phased(project, alice, manager):
    discovery = f.phase(project, "Discovery and architecture review", position=1)
    build = f.phase(project, "Build", position=2)
    t1 = f.task(project, "Workshops", phase=discovery)
    t2 = f.task(project, "Backend", phase=build)
    return project, discovery, build, t1, t2


def test_bills_approved_entries_grouped_by_phase(org, phased, alice, manager):
    project, discovery, build, t1, t2 = phased
    approved(alice, project, day=D(2026, 3, 2), hours="7.50", rate="150.00", t=t1)
    approved(manager, project, day=D(2026, 3, 3), hours="4.50", rate="150.00", t=t1)
    approved(alice, project, day=D(2026, 3, 4), hours="2.25", rate="120.00", t=t2)
    approved(alice, project, day=D(2026, 3, 5), hours="1.00", rate="120.00")  # no task
    # not billed: draft, non-billable, after the cut-off, another org's
    f.entry(alice, project, day=D(2026, 3, 5), hours="3")
    approved(alice, project, day=D(2026, 3, 6), hours="2.00", billable=False, t=t2)
    approved(alice, project, day=D(2026, 4, 1), hours="2.00", t=t2)

    result = run_billing(org, up_to=UNTIL)

    assert [p.code for p in result.billed] == ["WEB"]
    invoice = Invoice.objects.get(project=project)
    lines = list(invoice.lines.order_by("position"))
    assert [line.description for line in lines] == [
        "Discovery and architecture review — 12.00 h × 150.00 = 1,800.00",
        "Build — 2.25 h × 120.00 = 270.00",
        "Web shop — 1.00 h × 120.00 = 120.00",
    ]
    expected = expected_group_total(
        [("d", "7.50", "150"), ("d", "4.50", "150"), ("b", "2.25", "120"), ("-", "1.00", "120")]
    )
    assert invoice.net_total == expected == Decimal("2190.00")
    assert invoice.status == InvoiceStatus.DRAFT
    assert invoice.period_start == D(2026, 3, 2) and invoice.period_end == UNTIL
    assert TimeEntry.objects.filter(status=EntryStatus.INVOICED).count() == 4
    assert (
        TimeEntry.objects.filter(invoice_line__isnull=True, status=EntryStatus.APPROVED).count()
        == 2
    )


def test_rerun_is_harmless(org, project, alice):
    approved(alice, project, day=D(2026, 3, 2), hours="1.00")
    first = run_billing(org, up_to=UNTIL)
    second = run_billing(org, up_to=UNTIL)
    assert len(first.billed) == 1 and second.billed == []
    assert Invoice.objects.count() == 1
    assert first.run.entries_billed == 1 and second.run.entries_billed == 0


@pytest.mark.parametrize(
    "grouping,descriptions",
    [
        (
            "member",
            ["Alice Able — 3.00 h × 100.00 = 300.00", "Bob Baker — 1.50 h × 100.00 = 150.00"],
        ),
        (
            "date",
            [
                "Mon 02 Mar 2026 — 2.50 h × 100.00 = 250.00",
                "Tue 03 Mar 2026 — 2.00 h × 100.00 = 200.00",
            ],
        ),
        ("project", ["Web shop — 4.50 h × 100.00 = 450.00"]),
    ],
)
def test_grouping_per_project(org, project, grouping, descriptions):
    a = named_member(org, "Alice", "Able")
    b = named_member(org, "Bob", "Baker")
    BillingSchedule.objects.create(
        organisation=org, project=project, trigger="manual", grouping=grouping
    )
    approved(a, project, day=D(2026, 3, 2), hours="1.00")
    approved(b, project, day=D(2026, 3, 2), hours="1.50")
    approved(a, project, day=D(2026, 3, 3), hours="2.00")
    run_billing(org, up_to=UNTIL)
    invoice = Invoice.objects.get(project=project)
    assert [line.description for line in invoice.lines.all()] == descriptions
    assert invoice.net_total == Decimal("450.00")


def test_schedule_cutoff_and_due(org, project, alice):
    BillingSchedule.objects.create(
        organisation=org, project=project, trigger="schedule", frequency="period_end"
    )
    approved(alice, project, day=D(2026, 2, 27), hours="1.00")
    approved(alice, project, day=D(2026, 3, 2), hours="1.00")
    run_billing(org, up_to=D(2026, 3, 15))  # bills February only
    invoice = Invoice.objects.get()
    assert invoice.period_end == D(2026, 2, 28) and invoice.net_total == Decimal("100.00")
    assert BillingSchedule.objects.get().billed_through == D(2026, 2, 28)
    assert run_billing(org, up_to=D(2026, 3, 30)).billed == []  # March not over: not due
    assert len(run_billing(org, up_to=D(2026, 3, 31)).billed) == 1


def test_milestones_partial_then_complete_exactly_once(org, client_, manager):
    project = f.project(org, client_, code="FIX", billing_model="milestone")
    m = Milestone.objects.create(
        organisation=org,
        project=project,
        name="Design",
        value=Decimal("1000.01"),
        percent_complete=Decimal("33.33"),
    )
    BillingSchedule.objects.create(organisation=org, project=project, trigger="milestone")
    run_billing(org, up_to=UNTIL)
    assert run_billing(org, up_to=UNTIL).billed == []
    m.status, m.percent_complete = "complete", Decimal(100)
    m.save()
    run_billing(org, up_to=UNTIL)
    nets = list(
        InvoiceLine.objects.filter(kind=LineKind.MILESTONE)
        .values_list("net_amount", flat=True)
        .order_by("id")
    )
    assert nets == [Decimal("333.30"), Decimal("666.71")]
    assert sum(nets) == Decimal("1000.01")
    assert MilestoneRelease.objects.count() == 2


def test_reconciliation_hold_when_billed_share_diverges(org, client_):
    project = f.project(org, client_, code="FIX", billing_model="milestone")
    Milestone.objects.create(
        organisation=org,
        project=project,
        name="Go-live",
        value=Decimal("5000"),
        status="complete",
        percent_complete=Decimal("60"),
    )
    run_billing(org, up_to=UNTIL)
    invoice = Invoice.objects.get()
    assert invoice.status == InvoiceStatus.ON_HOLD
    assert "billed 100.0% is ahead of 60.0% complete by 40.0 points" in invoice.hold_reason


def test_change_order_billed_once(org, project, manager):
    co = ChangeOrder.objects.create(
        organisation=org,
        project=project,
        description="Extra export",
        amount=Decimal("750.00"),
        status="approved",
    )
    run_billing(org, up_to=UNTIL)
    run_billing(org, up_to=UNTIL)
    co.refresh_from_db()
    assert co.invoice_line.net_amount == Decimal("750.00")
    assert InvoiceLine.objects.filter(kind=LineKind.CHANGE_ORDER).count() == 1


def test_preview_is_a_dry_run_writing_nothing(org, project, alice):
    approved(alice, project, day=D(2026, 3, 2), hours="2.00", rate="99.99")
    result = preview(org, up_to=UNTIL)
    assert [(p.code, p.net, p.entries) for p in result.billed] == [("WEB", Decimal("199.98"), 1)]
    assert Invoice.objects.count() == 0
    assert TimeEntry.objects.get().invoice_line_id is None


def test_outsider_org_entries_untouched(org, outsider_org, project, alice, outsider):
    other = f.project(outsider_org, code="WEB")
    approved(outsider, other, day=D(2026, 3, 2))
    approved(alice, project, day=D(2026, 3, 2))
    run_billing(org, up_to=UNTIL)
    assert Invoice.objects.filter(organisation=outsider_org).count() == 0
    assert TimeEntry.objects.get(project=other).status == EntryStatus.APPROVED


def test_unknown_project_code_is_an_error(org, project):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        run_billing(org, up_to=UNTIL, project_codes=["NOPE"])
