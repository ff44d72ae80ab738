"""An issued invoice and its lines never change — through services, models, querysets, admin."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from timeledger.invoicing import drafts
from timeledger.invoicing.guards import ImmutableInvoiceError
from timeledger.invoicing.models import Invoice, InvoiceLine, InvoiceStatus
from timeledger.invoicing.tests import factories as inv

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(org, accountant, client_):
    tax = inv.taxes(org)
    return inv.issued(accountant, client_, [("Design", "10", "100", tax["S"])])


def _unchanged(invoice):
    fresh = Invoice.objects.get(pk=invoice.pk)
    assert fresh.number == invoice.number
    assert fresh.gross_total == Decimal("1210.00")
    assert fresh.notes == invoice.notes
    line = fresh.lines.get()
    assert line.quantity == Decimal("10") and line.net_amount == Decimal("1000.00")


def test_services_refuse_every_edit(issued, accountant):
    line = issued.lines.get()
    with pytest.raises(ValidationError, match="cannot be changed"):
        drafts.update_line(line, {"quantity": Decimal("1")}, by=accountant)
    with pytest.raises(ValidationError, match="cannot be changed"):
        drafts.add_line(
            issued, by=accountant, **drafts.LineInput("x", Decimal(1), Decimal(1)).fields()
        )
    with pytest.raises(ValidationError, match="cannot be changed"):
        drafts.delete_line(line, by=accountant)
    with pytest.raises(ValidationError, match="cannot be changed"):
        drafts.update_draft(issued, {"notes": "changed"}, by=accountant)
    with pytest.raises(ValidationError, match="cannot be deleted"):
        drafts.delete_draft(issued, by=accountant)
    _unchanged(issued)


def test_model_save_and_delete_refuse(issued):
    stale = Invoice.objects.get(pk=issued.pk)
    stale.notes = "sneaky"
    with pytest.raises(ImmutableInvoiceError):
        stale.save()
    stale = Invoice.objects.get(pk=issued.pk)
    stale.gross_total = Decimal("1")
    with pytest.raises(ImmutableInvoiceError):
        stale.save(update_fields=["gross_total"])
    stale = Invoice.objects.get(pk=issued.pk)
    stale.status = InvoiceStatus.DRAFT
    with pytest.raises(ImmutableInvoiceError):
        stale.save(update_fields=["status"])
    with pytest.raises(ImmutableInvoiceError):
        stale.delete()
    line = InvoiceLine.objects.get(invoice=issued)
    line.unit_price = Decimal("1")
    with pytest.raises(ImmutableInvoiceError):
        line.save()
    with pytest.raises(ImmutableInvoiceError):
        line.delete()
    with pytest.raises(ImmutableInvoiceError):
        InvoiceLine.objects.create(
            organisation=issued.organisation, invoice=issued, description="added later"
        )
    _unchanged(issued)


def test_queryset_update_and_delete_refuse(issued):
    with pytest.raises(ImmutableInvoiceError):
        Invoice.objects.filter(pk=issued.pk).update(gross_total=Decimal("0"))
    with pytest.raises(ImmutableInvoiceError):
        Invoice.objects.filter(pk=issued.pk).update(status=InvoiceStatus.DRAFT)
    with pytest.raises(ImmutableInvoiceError):
        Invoice.objects.filter(pk=issued.pk).delete()
    with pytest.raises(ImmutableInvoiceError):
        InvoiceLine.objects.filter(invoice=issued).update(net_amount=Decimal("0"))
    with pytest.raises(ImmutableInvoiceError):
        InvoiceLine.objects.filter(invoice=issued).delete()
    _unchanged(issued)


def test_collection_fields_still_move(issued):
    Invoice.objects.filter(pk=issued.pk).update(sent_at=issued.issued_at, status="sent")
    fresh = Invoice.objects.get(pk=issued.pk)
    fresh.status = InvoiceStatus.PARTIALLY_PAID
    fresh.amount_paid = Decimal("10.00")
    fresh.save()
    assert Invoice.objects.get(pk=issued.pk).status == InvoiceStatus.PARTIALLY_PAID


def test_stored_pdf_is_never_replaced(issued):
    from django.core.files.base import ContentFile

    from timeledger.invoicing.pdf import ensure_pdf

    first = ensure_pdf(issued)
    fresh = Invoice.objects.get(pk=issued.pk)
    fresh.pdf.save("other.pdf", ContentFile(b"%PDF-forged"), save=False)
    with pytest.raises(ImmutableInvoiceError, match="never regenerated"):
        fresh.save()
    assert ensure_pdf(Invoice.objects.get(pk=issued.pk)) == first


def test_drafts_stay_editable(org, accountant, client_):
    tax = inv.taxes(org)
    draft = inv.draft(accountant, client_, [("Design", "10", "100", tax["S"])])
    line = draft.lines.get()
    drafts.update_line(line, {"quantity": Decimal("12.5")}, by=accountant)
    draft.refresh_from_db()
    assert draft.net_total == Decimal("1250.00")
    assert draft.gross_total == Decimal("1512.50")


def test_admin_change_of_issued_invoice_is_refused(issued, client):
    from timeledger.accounts.models import User

    admin = User.objects.create_superuser("root@example.com", "pw-Secret-123")
    client.force_login(admin)
    url = f"/admin/invoicing/invoice/{issued.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, {"notes": "changed in admin", "gross_total": "1.00"})
    assert response.status_code in (200, 302, 403)
    _unchanged(issued)
    assert client.post(
        f"/admin/invoicing/invoice/{issued.pk}/delete/", {"post": "yes"}
    ).status_code in (
        200,
        302,
        403,
    )
    assert Invoice.objects.filter(pk=issued.pk).exists()
    line = issued.lines.get()
    client.post(f"/admin/invoicing/invoiceline/{line.pk}/change/", {"quantity": "1"})
    _unchanged(issued)


def test_issue_date_backdating_is_not_a_later_edit(issued):
    fresh = Invoice.objects.get(pk=issued.pk)
    fresh.issue_date = dt.date(2020, 1, 1)
    with pytest.raises(ImmutableInvoiceError):
        fresh.save()


@pytest.mark.skipif(
    __import__("django.db").db.connection.vendor != "postgresql",
    reason="the trigger exists on PostgreSQL only",
)
def test_database_trigger_refuses_raw_sql(issued):
    from django.db import connection, transaction
    from django.db.utils import DatabaseError

    line = issued.lines.get()
    for sql, params in (
        ("UPDATE billing_invoice SET gross_total = 1 WHERE id = %s", [issued.pk]),
        ("UPDATE billing_invoice SET status = 'draft' WHERE id = %s", [issued.pk]),
        ("DELETE FROM billing_invoice WHERE id = %s", [issued.pk]),
        ("UPDATE billing_invoiceline SET quantity = 1 WHERE id = %s", [line.pk]),
        ("DELETE FROM billing_invoiceline WHERE id = %s", [line.pk]),
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
            cur.execute(sql, params)
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE billing_invoice SET status = 'sent', sent_at = now() WHERE id = %s",
            [issued.pk],
        )
    _unchanged(issued)
