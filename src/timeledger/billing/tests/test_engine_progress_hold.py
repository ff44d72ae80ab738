"""Reconciliation hold beyond milestones: fixed-fee instalments and the T&M part of hybrid
projects against the project's % complete (from its tasks), in the run and on the draft page.

Figures are worked out by hand in each test (comments), not by the code under test.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from timeledger.billing import selectors
from timeledger.billing.engine import preview, run_billing
from timeledger.billing.models import BillingSchedule
from timeledger.billing.tests.helpers import approved
from timeledger.contracts import services as contracts
from timeledger.contracts.models import ChangeOrder
from timeledger.invoicing.models import Invoice, InvoiceStatus
from timeledger.projects.models import Milestone
from timeledger.testing import factories as f

D = dt.date


def login(member) -> Client:
    c = Client()
    c.force_login(member.user)
    return c


# --- fixed fee -----------------------------------------------------------------------------------


@pytest.fixture
def fixed(org, client_, manager):
    """12,000.00 in 30 / 30 / 40 % instalments; % complete from two tasks (10 h and 30 h)."""
    project = f.project(
        org, client_, code="FIX", billing_model="fixed_fee", fixed_fee=Decimal("12000.00")
    )
    contracts.save_instalments(
        project,
        [
            {"label": "Kick-off", "due_date": "2026-01-15", "percent": "30"},
            {"label": "Design approved", "due_date": "2026-02-15", "percent": "30"},
            {"label": "Go-live", "due_date": "2026-03-15", "percent": "40"},
        ],
        by=manager,
    )
    f.task(project, "Design", estimate_hours=Decimal("10"), percent_complete=Decimal("30"))
    f.task(project, "Build", estimate_hours=Decimal("30"), percent_complete=Decimal("30"))
    return project


def set_progress(project, *percents):
    for task, pct in zip(project.tasks.order_by("id"), percents, strict=True):
        task.percent_complete = Decimal(pct)
        task.save()


def test_fixed_fee_instalment_within_threshold_stays_a_draft(org, fixed):
    # 3,600.00 of 12,000.00 = 30.0 %; project (30×10 + 30×30) / 40 = 30.0 %: 0 points apart.
    run_billing(org, up_to=D(2026, 1, 31))
    invoice = Invoice.objects.get()
    assert (invoice.status, invoice.hold_reason) == (InvoiceStatus.DRAFT, "")


def test_fixed_fee_billed_ahead_of_progress_is_held_with_the_figures(org, fixed):
    # Two instalments: 7,200.00 of 12,000.00 = 60.0 %; project 30.0 %: 30 points > 10.
    result = run_billing(org, up_to=D(2026, 2, 20))
    invoice = Invoice.objects.get()
    assert invoice.status == InvoiceStatus.ON_HOLD
    assert invoice.hold_reason == (
        "Fixed fee: billed 60.0% of the fee (7,200.00 of 12,000.00), project 30.0% complete; "
        "30.0 points apart, threshold 10 points."
    )
    assert result.billed[0].hold_reason == invoice.hold_reason


def test_fixed_fee_share_counts_what_earlier_invoices_billed(org, fixed):
    run_billing(org, up_to=D(2026, 1, 31))  # 30 % billed, 30 % complete: a draft
    # Weighted by estimates: (100×10 + 40×30) / 40 = 55.0 % → 60.0 % billed is 5 points apart.
    set_progress(fixed, "100", "40")
    run_billing(org, up_to=D(2026, 2, 28))
    second = Invoice.objects.order_by("id").last()
    assert (second.status, second.hold_reason) == (InvoiceStatus.DRAFT, "")
    # Progress falls back to 40 % (a task re-estimated): 100 % billed after go-live, 60 points.
    set_progress(fixed, "40", "40")
    run_billing(org, up_to=D(2026, 3, 31))
    third = Invoice.objects.order_by("id").last()
    assert third.status == InvoiceStatus.ON_HOLD
    assert "billed 100.0% of the fee (12,000.00 of 12,000.00), project 40.0% complete" in (
        third.hold_reason
    )


def test_fixed_fee_exactly_at_the_threshold_is_not_held(org, fixed):
    set_progress(fixed, "50", "50")  # 60.0 % billed, 50.0 % complete: 10 points, not more
    run_billing(org, up_to=D(2026, 2, 20))
    assert Invoice.objects.get().status == InvoiceStatus.DRAFT


def test_fixed_fee_project_without_tasks_is_not_compared(org, fixed):
    fixed.tasks.all().delete()  # no % complete to compare with
    run_billing(org, up_to=D(2026, 2, 20))
    assert Invoice.objects.get().status == InvoiceStatus.DRAFT


def test_preview_shows_the_hold_it_would_make(org, fixed):
    result = preview(org, up_to=D(2026, 2, 20))
    assert result.projects[0].hold_reason.startswith("Fixed fee: billed 60.0% of the fee")
    assert Invoice.objects.count() == 0


def test_draft_page_and_api_show_billed_share_against_progress(org, fixed, accountant, api):
    run_billing(org, up_to=D(2026, 2, 20))
    invoice = Invoice.objects.get()
    rec = selectors.progress_review(invoice)
    assert (rec.billed, rec.agreed, rec.billed_share, rec.percent_complete, rec.is_beyond) == (
        Decimal("7200.00"),
        Decimal("12000.00"),
        Decimal("60.0"),
        Decimal("30.0"),
        True,
    )
    page = login(accountant).get(f"/billing/drafts/{invoice.pk}/").content.decode()
    assert "Fixed fee: billed 60.0% of the fee (7,200.00 of 12,000.00), project 30.0% complete" in (
        page
    )
    body = api(accountant).get(f"/api/billing/drafts/{invoice.pk}/").json()
    assert body["review"]["progress"]["billed_share"] == "60.0"
    assert body["review"]["progress"]["percent_complete"] == "30.0"
    assert body["review"]["progress"]["beyond_threshold"] is True


# --- hybrid: the T&M part ------------------------------------------------------------------------


@pytest.fixture
def hybrid(org, client_):
    """Budget 10 h; % complete 20 from one task; a completed milestone unlocks each invoice."""
    project = f.project(
        org, client_, code="HYB", billing_model="hybrid", budget_hours=Decimal("10.00")
    )
    BillingSchedule.objects.create(organisation=org, project=project, trigger="hybrid")
    f.task(project, "Build", estimate_hours=Decimal("10"), percent_complete=Decimal("20"))
    return project


def ready_milestone(project, name):
    # Complete at 100 %: the milestone itself is never held.
    Milestone.objects.create(
        organisation=project.organisation,
        project=project,
        name=name,
        value=Decimal("1000.00"),
        status="complete",
        percent_complete=Decimal("100"),
    )


def test_hybrid_hours_within_threshold_stay_a_draft(org, hybrid, alice):
    ready_milestone(hybrid, "Prototype")
    approved(alice, hybrid, day=D(2026, 3, 2), hours="2.50")  # 2.5 of 10 h = 25 %; 5 points
    run_billing(org, up_to=D(2026, 3, 31))
    invoice = Invoice.objects.get()
    assert (invoice.status, invoice.hold_reason) == (InvoiceStatus.DRAFT, "")


def test_hybrid_hours_ahead_of_progress_are_held_with_the_figures(org, hybrid, alice):
    ready_milestone(hybrid, "Prototype")
    approved(alice, hybrid, day=D(2026, 3, 2), hours="2.50")
    run_billing(org, up_to=D(2026, 3, 31))
    ready_milestone(hybrid, "Beta")
    approved(alice, hybrid, day=D(2026, 4, 2), hours="2.00")
    run_billing(org, up_to=D(2026, 4, 30))
    # 2.5 + 2 = 4.5 of 10 h = 45.0 %; project 20.0 %: 25 points > 10.
    second = Invoice.objects.order_by("id").last()
    assert second.status == InvoiceStatus.ON_HOLD
    assert second.hold_reason == (
        "T&M: billed 45.0% of the budget hours (4.50 h of 10.00 h), project 20.0% complete; "
        "25.0 points apart, threshold 10 points."
    )


def test_hybrid_threshold_of_the_schedule_and_change_order_hours_count(org, hybrid, alice):
    ready_milestone(hybrid, "Prototype")
    approved(alice, hybrid, day=D(2026, 3, 2), hours="4.50")
    # An approved change order adds 5 h: 4.5 of 15 h = 30.0 %; project 20.0 %: 10 points.
    ChangeOrder.objects.create(
        organisation=org, project=hybrid, description="More", hours=Decimal("5"), status="approved"
    )
    run_billing(org, up_to=D(2026, 3, 31))
    assert Invoice.objects.get().status == InvoiceStatus.DRAFT


def test_hybrid_without_budget_hours_compares_the_amount(org, client_, alice):
    project = f.project(
        org, client_, code="HYA", billing_model="hybrid", budget_amount=Decimal("10000.00")
    )
    BillingSchedule.objects.create(
        organisation=org, project=project, trigger="hybrid", reconciliation_threshold=Decimal("5")
    )
    f.task(project, "Build", percent_complete=Decimal("10"))  # no estimate: plain average 10 %
    ready_milestone(project, "Prototype")
    approved(alice, project, day=D(2026, 3, 2), hours="16.00", rate="100.00")  # 1,600.00 = 16 %
    run_billing(org, up_to=D(2026, 3, 31))
    invoice = Invoice.objects.get()
    assert invoice.status == InvoiceStatus.ON_HOLD
    assert invoice.hold_reason == (
        "T&M: billed 16.0% of the budget (1,600.00 of 10,000.00), project 10.0% complete; "
        "6.0 points apart, threshold 5 points."
    )


def test_hourly_projects_are_not_compared(org, project, alice):
    project.budget_hours = Decimal("10.00")
    project.save()
    f.task(project, "Build", percent_complete=Decimal("0"))
    approved(alice, project, day=D(2026, 3, 2), hours="9.00")
    run_billing(org, up_to=D(2026, 3, 31))
    assert Invoice.objects.get().status == InvoiceStatus.DRAFT
