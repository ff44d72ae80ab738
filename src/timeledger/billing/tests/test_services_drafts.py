"""Editing drafts: remove entries, regroup, manual lines, discounts, delete, approve, holds."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from timeledger.billing import services
from timeledger.billing.engine import run_billing
from timeledger.billing.models import MilestoneRelease
from timeledger.billing.selectors import review_for, timesheet_appendix
from timeledger.billing.tests.helpers import approved, named_member
from timeledger.core.models import AuditLog
from timeledger.invoicing import drafts
from timeledger.invoicing.models import Invoice, InvoiceStatus, LineKind
from timeledger.projects.models import Milestone
from timeledger.testing import factories as f
from timeledger.timesheets.models import EntryStatus, TimeEntry

D = dt.date
UNTIL = D(2026, 3, 31)


@pytest.fixture
def draft(org, project, alice):
    build = f.phase(project, "Build")
    t = f.task(project, "Backend", phase=build)
    e1 = approved(alice, project, day=D(2026, 3, 2), hours="2.00", rate="150.00", t=t)
    e2 = approved(alice, project, day=D(2026, 3, 3), hours="3.00", rate="150.00", t=t)
    e3 = approved(alice, project, day=D(2026, 3, 4), hours="1.00", rate="90.00")
    run_billing(org, up_to=UNTIL)
    return Invoice.objects.get(project=project), (e1, e2, e3)


def test_remove_entry_returns_it_to_unbilled_and_totals_change(draft, accountant):
    invoice, (e1, e2, e3) = draft
    assert invoice.net_total == Decimal("840.00")
    services.remove_entries(invoice, [e1.pk], by=accountant)
    invoice.refresh_from_db()
    e1.refresh_from_db()
    assert invoice.net_total == Decimal("540.00")
    assert (e1.invoice_line_id, e1.status) == (None, EntryStatus.APPROVED)
    line = invoice.lines.get(kind=LineKind.TIME, unit_price=Decimal("150"))
    assert line.description == "Build — 3.00 h × 150.00 = 450.00"
    assert AuditLog.objects.filter(action="remove_entries").count() == 1


def test_removing_last_entry_of_a_line_drops_the_line(draft, accountant):
    invoice, (e1, e2, e3) = draft
    services.remove_entries(invoice, [e3.pk], by=accountant)
    assert invoice.lines.count() == 1


def test_remove_entry_of_other_draft_is_refused(draft, accountant, org, alice):
    invoice, _ = draft
    other = approved(alice, f.project(org, code="OTH"), day=D(2026, 3, 2))
    with pytest.raises(ValidationError):
        services.remove_entries(invoice, [other.pk], by=accountant)


def test_delete_draft_unbills_everything(draft, accountant, org):
    invoice, entries = draft
    released = drafts.delete_draft(invoice, by=accountant)
    assert released == 3
    assert Invoice.objects.count() == 0
    assert set(TimeEntry.objects.values_list("status", flat=True)) == {EntryStatus.APPROVED}
    assert len(run_billing(org, up_to=UNTIL).billed) == 1  # billable again


def test_regroup_keeps_entries_and_total(draft, accountant, alice, org):
    invoice, entries = draft
    bob = named_member(org, "Bob", "Baker")
    services.remove_entries(invoice, [entries[0].pk], by=accountant)
    invoice.refresh_from_db()
    services.regroup(invoice, "date", by=accountant)
    invoice.refresh_from_db()
    assert invoice.grouping == "date"
    assert [line.description for line in invoice.lines.order_by("position")] == [
        "Tue 03 Mar 2026 — 3.00 h × 150.00 = 450.00",
        "Wed 04 Mar 2026 — 1.00 h × 90.00 = 90.00",
    ]
    assert invoice.net_total == Decimal("540.00")
    assert TimeEntry.objects.filter(invoice_line__invoice=invoice).count() == 2
    assert bob  # unused member does not appear


def test_manual_line_discount_and_note(draft, accountant):
    invoice, _ = draft
    drafts.add_line(invoice, by=accountant, description="Travel", quantity="2", unit_price="80.50")
    drafts.add_discount(invoice, by=accountant, percent="10")
    invoice.refresh_from_db()
    # 840 + 161 = 1001; 10 % of 1001 = 100.10
    assert invoice.net_total == Decimal("900.90")
    line = invoice.lines.get(description="Travel")
    drafts.set_line_note(line, "Two trips to Utrecht", by=accountant)
    line.refresh_from_db()
    assert line.note == "Two trips to Utrecht"


def test_discount_needs_exactly_one_of_amount_or_percent(draft, accountant):
    invoice, _ = draft
    with pytest.raises(ValidationError) as exc:
        drafts.add_discount(invoice, by=accountant)
    assert "amount" in exc.value.message_dict


def test_member_may_not_edit_drafts(draft, alice):
    invoice, (e1, _, _) = draft
    with pytest.raises(PermissionDenied):
        services.remove_entries(invoice, [e1.pk], by=alice)


def test_outsider_may_not_touch_draft(draft, outsider):
    invoice, (e1, _, _) = draft
    with pytest.raises(ValidationError):
        services.remove_entries(invoice, [e1.pk], by=outsider)


def test_over_estimate_needs_note_to_approve(draft, accountant, project):
    invoice, _ = draft
    project.estimate_amount = Decimal("500.00")
    project.save()
    r = review_for(invoice)
    assert (r.estimate, r.billed_to_date, r.this_invoice, r.remaining) == (
        Decimal("500.00"),
        Decimal("0.00"),
        Decimal("840.00"),
        Decimal("-340.00"),
    )
    with pytest.raises(ValidationError) as exc:
        services.approve_draft(invoice, by=accountant)
    assert "340.00 over its estimate" in exc.value.message_dict["estimate_note"][0]
    services.approve_draft(invoice, by=accountant, note="Client asked for the extra export.")
    invoice.refresh_from_db()
    assert invoice.approved_at is not None
    drafts.add_line(invoice, by=accountant, description="Fee", unit_price="1")
    invoice.refresh_from_db()
    assert invoice.approved_at is None  # any edit withdraws the approval


def test_hold_blocks_approval_until_a_manager_releases(org, client_, accountant, manager):
    project = f.project(org, client_, code="FIX", billing_model="milestone")
    Milestone.objects.create(
        organisation=org,
        project=project,
        name="Go-live",
        value=Decimal("5000"),
        status="complete",
        percent_complete=Decimal("70"),
    )
    run_billing(org, up_to=UNTIL)
    invoice = Invoice.objects.get()
    assert invoice.status == InvoiceStatus.ON_HOLD
    with pytest.raises(ValidationError):
        services.approve_draft(invoice, by=accountant)
    with pytest.raises(PermissionDenied):
        services.release_hold(invoice, by=accountant)
    services.release_hold(invoice, by=manager)
    services.approve_draft(invoice, by=accountant)
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.DRAFT and invoice.approved_at is not None


def test_deleting_earlier_milestone_slice_refused_while_later_exists(org, client_, accountant):
    project = f.project(org, client_, code="FIX", billing_model="milestone")
    m = Milestone.objects.create(
        organisation=org,
        project=project,
        name="Design",
        value=Decimal("1000"),
        percent_complete=Decimal("40"),
    )
    run_billing(org, up_to=UNTIL)
    m.percent_complete = Decimal("80")
    m.save()
    run_billing(org, up_to=UNTIL)  # the 40 → 80 % slice joins the open run draft
    invoice = Invoice.objects.get()
    first, second = invoice.lines.order_by("position")
    with pytest.raises(ValidationError):
        drafts.delete_line(first, by=accountant)
    drafts.delete_line(second, by=accountant)
    drafts.delete_line(first, by=accountant)
    assert MilestoneRelease.objects.count() == 0


def test_underrun_at_close_credit_line(draft, accountant, project):
    invoice, _ = draft
    project.estimate_amount = Decimal("1000.00")
    project.status = "closed"
    project.save()
    services.settle_underrun(invoice, by=accountant, choice="credit", amount="60")
    invoice.refresh_from_db()
    assert invoice.net_total == Decimal("780.00")
    assert invoice.lines.filter(kind=LineKind.CREDIT).count() == 1


def test_underrun_refused_when_project_open(draft, accountant, project):
    invoice, _ = draft
    project.estimate_amount = Decimal("1000.00")
    project.save()
    with pytest.raises(ValidationError):
        services.settle_underrun(invoice, by=accountant, choice="carry_forward")


def test_timesheet_appendix_lists_entries(draft):
    invoice, _ = draft
    rows = timesheet_appendix(invoice)
    assert [(r["date"], r["hours"]) for r in rows] == [
        (D(2026, 3, 2), Decimal("2.00")),
        (D(2026, 3, 3), Decimal("3.00")),
        (D(2026, 3, 4), Decimal("1.00")),
    ]
