"""Credit notes: reverse all or some lines, never more than invoiced, release entries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from timeledger.invoicing import issuing
from timeledger.invoicing.models import Invoice, InvoiceLine, InvoiceStatus
from timeledger.invoicing.tests import factories as inv
from timeledger.testing import factories as f
from timeledger.timesheets.models import EntryStatus, TimeEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def tax(org):
    return inv.taxes(org)


def test_full_credit_note_reverses_every_line_and_settles_the_invoice(accountant, client_, tax):
    invoice = inv.issued(
        accountant, client_, [("Design", "10", "100", tax["S"]), ("Books", "2", "25", tax["AA"])]
    )
    assert invoice.gross_total == Decimal("1264.50")  # 1000 + 210 + 50 + 4.50
    credit = issuing.create_credit_note(invoice, by=accountant, reason="Cancelled order")
    credit = issuing.issue_invoice(credit, by=accountant, issue_date=dt.date(2026, 3, 5))
    assert credit.number == "CN-2026-00001"
    assert credit.gross_total == Decimal("-1264.50")
    assert credit.credited_invoice_id == invoice.pk
    invoice.refresh_from_db()
    assert invoice.amount_credited == Decimal("1264.50")
    assert invoice.balance_due == Decimal("0.00")
    assert invoice.status == InvoiceStatus.CREDITED  # settled by the credit note, not paid
    assert credit.status == InvoiceStatus.PAID


def test_partial_credit_and_refusal_to_credit_more_than_invoiced(accountant, client_, tax):
    invoice = inv.issued(accountant, client_, [("Design", "10", "100", tax["S"])])
    line = invoice.lines.get()
    credit = issuing.create_credit_note(invoice, by=accountant, lines={line.pk: Decimal("4")})
    issuing.issue_invoice(credit, by=accountant, issue_date=dt.date(2026, 3, 5))
    invoice.refresh_from_db()
    assert invoice.amount_credited == Decimal("484.00")
    assert invoice.status == InvoiceStatus.PARTIALLY_CREDITED  # credited in part, nothing paid
    assert invoice.balance_due == Decimal("726.00")
    with pytest.raises(ValidationError, match=r"10 invoiced, 6 left to credit"):
        issuing.create_credit_note(invoice, by=accountant, lines={line.pk: Decimal("7")})
    rest = issuing.create_credit_note(invoice, by=accountant)
    assert rest.lines.get().quantity == Decimal("-6")


def test_two_draft_credit_notes_cannot_together_exceed_the_invoice(accountant, client_, tax):
    invoice = inv.issued(accountant, client_, [("Design", "10", "100", tax["S"])])
    line = invoice.lines.get()
    issuing.create_credit_note(invoice, by=accountant, lines={line.pk: Decimal("8")})
    with pytest.raises(ValidationError, match="2 left to credit"):
        issuing.create_credit_note(invoice, by=accountant, lines={line.pk: Decimal("3")})


def test_credit_note_keeps_the_original_tax_rate(org, accountant, client_, tax):
    invoice = inv.issued(accountant, client_, [("Design", "10", "100", tax["S"])])
    from timeledger.invoicing.models import TaxCategory

    TaxCategory.objects.create(
        organisation=org,
        name="Standard rate",
        code="S",
        rate=Decimal("25.00"),
        effective_from=dt.date(2026, 3, 3),
    )
    credit = issuing.create_credit_note(invoice, by=accountant)
    credit = issuing.issue_invoice(credit, by=accountant, issue_date=dt.date(2026, 4, 1))
    assert credit.tax_total == Decimal("-210.00")


def test_credit_note_can_release_entries_back_to_unbilled(
    org, accountant, alice, client_, project, tax
):
    invoice = inv.draft(accountant, client_, [("Work", "2", "100", tax["S"])], project=project)
    line = invoice.lines.get()
    entry = f.entry(
        alice,
        project,
        day=dt.date(2026, 2, 2),
        hours="2",
        status=EntryStatus.INVOICED,
        rate=Decimal("100"),
        amount=Decimal("200.00"),
        currency="EUR",
    )
    TimeEntry.objects.filter(pk=entry.pk).update(invoice_line=line)
    invoice = issuing.issue_invoice(invoice, by=accountant, issue_date=dt.date(2026, 3, 2))
    credit = issuing.create_credit_note(invoice, by=accountant, release_entries=True)
    entry.refresh_from_db()
    assert entry.invoice_line_id == line.pk  # a draft credit note releases nothing yet
    issuing.issue_invoice(credit, by=accountant, issue_date=dt.date(2026, 3, 3))
    entry.refresh_from_db()
    assert entry.invoice_line_id is None
    assert entry.status == EntryStatus.APPROVED
    assert InvoiceLine.objects.filter(pk=line.pk).exists()


def test_cannot_credit_a_draft_or_a_proforma(accountant, client_, tax):
    draft = inv.draft(accountant, client_, [("A", "1", "100", tax["S"])])
    with pytest.raises(ValidationError, match="draft is edited"):
        issuing.create_credit_note(draft, by=accountant)
    proforma = inv.issued(accountant, client_, [("A", "1", "100", tax["S"])], kind="proforma")
    with pytest.raises(ValidationError, match="cannot be credited"):
        issuing.create_credit_note(proforma, by=accountant)


def test_void_releases_entries_and_is_refused_after_payment(
    accountant, alice, client_, project, tax
):
    invoice = inv.issued(accountant, client_, [("A", "1", "100", tax["S"])])
    from timeledger.payments.services import record_payment

    record_payment(client_, by=accountant, amount="10.00", date=dt.date(2026, 3, 3))
    with pytest.raises(ValidationError, match="has payments"):
        issuing.void_invoice(Invoice.objects.get(pk=invoice.pk), by=accountant, reason="x")


def test_applied_credit_note_has_nothing_left(accountant, client_, tax):
    invoice = inv.issued(accountant, client_, [("Design", "1", "100", tax["S"])])
    credit = issuing.issue_invoice(
        issuing.create_credit_note(invoice, by=accountant), by=accountant
    )
    assert credit.balance_due == Decimal("0.00")
