"""Issuing: numbers, taxes in force, frozen parties, due dates, clear refusals."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from timeledger.core.models import AuditLog
from timeledger.invoicing import drafts, issuing
from timeledger.invoicing.models import Invoice, InvoiceSequence, InvoiceStatus, TaxCategory
from timeledger.invoicing.tests import factories as inv
from timeledger.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def tax(org):
    return inv.taxes(org)


def test_issue_assigns_number_dates_and_totals(accountant, client_, tax):
    client_.payment_terms_days = 14
    client_.save()
    draft = inv.draft(
        accountant,
        client_,
        [("Design", "12.5", "150", tax["S"]), ("Hosting", "1", "19.99", tax["AA"])],
    )
    invoice = issuing.issue_invoice(draft, by=accountant, issue_date=dt.date(2026, 3, 2))
    assert invoice.number == "INV-2026-00001"
    assert invoice.status == InvoiceStatus.ISSUED
    assert invoice.due_date == dt.date(2026, 3, 16)
    # 1875.00 @21 % = 393.75; 19.99 @9 % = 1.7991 → 1.80
    assert invoice.net_total == Decimal("1894.99")
    assert invoice.tax_total == Decimal("395.55")
    assert invoice.gross_total == Decimal("2290.54")
    assert invoice.buyer["name"] == client_.name
    assert AuditLog.objects.filter(action="issue", object_id=str(invoice.pk)).exists()
    second = inv.issued(accountant, client_, [("More", "1", "10", tax["S"])])
    assert second.number == "INV-2026-00002"


def test_tax_version_in_force_on_issue_date_is_used(org, accountant, client_, tax):
    TaxCategory.objects.filter(pk=tax["S"].pk).update(effective_from=dt.date(2020, 1, 1))
    newer = TaxCategory.objects.create(
        organisation=org,
        name="Standard rate",
        code="S",
        rate=Decimal("22.00"),
        effective_from=dt.date(2026, 7, 1),
    )
    before = inv.issued(
        accountant, client_, [("Work", "10", "100", tax["S"])], on=dt.date(2026, 6, 30)
    )
    after = inv.issued(
        accountant, client_, [("Work", "10", "100", tax["S"])], on=dt.date(2026, 7, 1)
    )
    assert before.tax_total == Decimal("210.00")
    assert after.tax_total == Decimal("220.00")
    assert after.lines.get().tax_category_id == newer.pk


def test_line_without_category_takes_project_then_client_then_org_default(
    org, accountant, client_, project, tax
):
    client_.default_tax_category = tax["AA"]
    client_.save()
    on_client = inv.draft(accountant, client_, [("A", "1", "100", None)])
    assert on_client.lines.get().tax_category == tax["AA"]
    project.default_tax_category = tax["Z"]
    project.save()
    on_project = inv.draft(accountant, client_, [("A", "1", "100", None)], project=project)
    assert on_project.lines.get().tax_category == tax["Z"]
    other = f.client(org)
    on_org = inv.draft(accountant, other, [("A", "1", "100", None)])
    assert on_org.lines.get().tax_category == tax["S"]


def test_reverse_charge_carries_legal_note_and_needs_vat_id(accountant, client_, tax):
    draft = inv.draft(accountant, client_, [("Consulting", "8", "125", tax["AE"])])
    with pytest.raises(ValidationError, match="VAT id"):
        issuing.issue_invoice(draft, by=accountant)
    client_.vat_id = "DE123456789"
    client_.save()
    invoice = issuing.issue_invoice(draft, by=accountant, issue_date=dt.date(2026, 3, 2))
    assert invoice.tax_total == Decimal("0.00")
    assert invoice.gross_total == Decimal("1000.00")
    assert "Reverse charge" in invoice.tax_note
    assert "Article 196" in invoice.tax_note


def test_issuing_an_invoice_with_no_lines_is_refused(accountant, client_):
    draft = drafts.create_draft(client_, by=accountant)
    with pytest.raises(ValidationError, match="no lines"):
        issuing.issue_invoice(draft, by=accountant)
    draft.refresh_from_db()
    assert draft.status == InvoiceStatus.DRAFT and draft.number == ""
    assert not InvoiceSequence.objects.filter(next_value__gt=1).exists()


def test_currency_is_the_clients_and_never_mixed(accountant, client_, tax):
    draft = inv.draft(accountant, client_, [("A", "1", "100", tax["S"])])
    assert draft.currency == "EUR"
    client_.currency = "USD"
    client_.save()
    with pytest.raises(ValidationError, match="one invoice has one currency"):
        issuing.issue_invoice(draft, by=accountant)


def test_members_cannot_issue(alice, accountant, client_, tax):
    draft = inv.draft(accountant, client_, [("A", "1", "100", tax["S"])])
    with pytest.raises(PermissionDenied):
        issuing.issue_invoice(draft, by=alice)


def test_outsider_cannot_issue_our_invoice(outsider, accountant, client_, tax):
    outsider.role = "owner"
    draft = inv.draft(accountant, client_, [("A", "1", "100", tax["S"])])
    with pytest.raises(ValidationError, match="Not found"):
        issuing.issue_invoice(draft, by=outsider)


def test_issuing_twice_is_refused(accountant, client_, tax):
    invoice = inv.issued(accountant, client_, [("A", "1", "100", tax["S"])])
    with pytest.raises(ValidationError, match="cannot be changed"):
        issuing.issue_invoice(invoice, by=accountant)


def test_proforma_has_no_number_and_converts_to_standard(accountant, client_, tax):
    proforma = inv.issued(accountant, client_, [("Deposit", "1", "500", tax["S"])], kind="proforma")
    assert proforma.number == "" and proforma.status == InvoiceStatus.ISSUED
    assert not InvoiceSequence.objects.exists()
    standard = issuing.convert_proforma(proforma, by=accountant)
    assert standard.kind == "standard" and standard.status == InvoiceStatus.DRAFT
    assert standard.gross_total == Decimal("605.00")
    standard = issuing.issue_invoice(standard, by=accountant, issue_date=dt.date(2026, 3, 3))
    assert standard.number == "INV-2026-00001"
    with pytest.raises(ValidationError, match="already converted"):
        issuing.convert_proforma(proforma, by=accountant)


def test_void_keeps_number_and_document(accountant, client_, tax):
    invoice = inv.issued(accountant, client_, [("A", "1", "100", tax["S"])])
    from timeledger.invoicing.pdf import ensure_pdf

    pdf = ensure_pdf(invoice)
    voided = issuing.void_invoice(invoice, by=accountant, reason="Sent to the wrong client")
    voided = Invoice.objects.get(pk=voided.pk)
    assert voided.status == InvoiceStatus.VOID
    assert voided.number == invoice.number
    assert ensure_pdf(voided) == pdf
    with pytest.raises(ValidationError, match="already void"):
        issuing.void_invoice(voided, by=accountant, reason="again")
