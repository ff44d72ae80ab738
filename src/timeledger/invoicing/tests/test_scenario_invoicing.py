"""Scenario: log → submit → approve → bill → issue → send → pay, with exact totals; then a partial
credit note that releases nothing, and a full one that puts the time back to unbilled."""

import datetime as dt
from decimal import Decimal

import pytest

from timeledger.approvals import services as approval
from timeledger.billing.engine import run_billing
from timeledger.invoicing import issuing
from timeledger.invoicing.models import Invoice, InvoiceStatus
from timeledger.invoicing.tests import factories as inv
from timeledger.payments import services as payments
from timeledger.testing import factories as f
from timeledger.timesheets import services
from timeledger.timesheets.models import EntryStatus, TimeEntry

pytestmark = pytest.mark.django_db
MONDAY = dt.date(2026, 3, 2)


def test_log_approve_bill_issue_pay(org, alice, manager, accountant, client_, project):
    tax = inv.taxes(org)
    client_.payment_terms_days = 14
    client_.default_tax_category = tax["S"]
    client_.save()
    f.rate(org, "150.00")
    discovery = f.phase(project, "Discovery and architecture review", position=1)
    workshops = f.task(project, "Workshops", phase=discovery)
    for day, minutes in ((MONDAY, 450), (MONDAY + dt.timedelta(days=1), 270)):
        services.create_entry(
            services.EntryInput(
                project=project,
                task=workshops,
                description="Workshop",
                date=day,
                seconds=minutes * 60,
            ),
            by=alice,
            now=dt.datetime(2026, 3, 6, 17, tzinfo=dt.UTC),
        )
    approval.submit_week(alice, MONDAY, by=alice)
    approval.approve(approval.Scope(member=alice, week=MONDAY), by=manager)
    assert set(TimeEntry.objects.values_list("status", "rate")) == {
        (EntryStatus.APPROVED, Decimal("150.00"))
    }

    run_billing(org, up_to=dt.date(2026, 3, 31))
    draft = Invoice.objects.get(project=project)
    assert draft.status == InvoiceStatus.DRAFT
    assert draft.net_total == Decimal("1800.00")  # 12.00 h × 150.00

    invoice = issuing.issue_invoice(draft, by=accountant, issue_date=dt.date(2026, 4, 1))
    assert invoice.number == "INV-2026-00001"
    assert invoice.due_date == dt.date(2026, 4, 15)
    assert (invoice.net_total, invoice.tax_total, invoice.gross_total) == (
        Decimal("1800.00"),
        Decimal("378.00"),
        Decimal("2178.00"),
    )
    assert TimeEntry.objects.filter(status=EntryStatus.INVOICED).count() == 2

    payments.record_payment(
        client_, by=accountant, amount="1000.00", date=dt.date(2026, 4, 10), reference="SEPA 1"
    )
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PARTIALLY_PAID
    assert invoice.balance_due == Decimal("1178.00")
    assert invoice.is_overdue(dt.date(2026, 4, 16))
    payments.record_payment(
        client_, by=accountant, amount="1200.00", date=dt.date(2026, 4, 20), reference="SEPA 2"
    )
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID
    assert invoice.amount_paid == Decimal("2178.00")
    from timeledger.payments.selectors import client_credit

    assert client_credit(client_) == Decimal("22.00")  # the over-payment


def test_full_credit_with_release_lets_the_time_be_billed_again(
    org, alice, accountant, client_, project
):
    tax = inv.taxes(org)
    client_.default_tax_category = tax["S"]
    client_.save()
    from timeledger.billing.tests.helpers import approved

    entry = approved(alice, project, day=MONDAY, hours="2.00", rate="100.00")
    run_billing(org, up_to=dt.date(2026, 3, 31))
    invoice = issuing.issue_invoice(
        Invoice.objects.get(project=project), by=accountant, issue_date=dt.date(2026, 4, 1)
    )
    credit = issuing.create_credit_note(invoice, by=accountant, release_entries=True)
    issuing.issue_invoice(credit, by=accountant, issue_date=dt.date(2026, 4, 2))
    entry.refresh_from_db()
    assert entry.status == EntryStatus.APPROVED and entry.invoice_line_id is None
    run_billing(org, up_to=dt.date(2026, 4, 30))
    again = Invoice.objects.filter(project=project, status=InvoiceStatus.DRAFT).get()
    assert again.net_total == Decimal("200.00")
