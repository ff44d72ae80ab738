"""Invoice pages: the whole flow through the UI, inline errors, immutability, tenancy, the
client's public link."""

import datetime as dt
from decimal import Decimal

import pytest

from timeledger.invoicing.models import Invoice, InvoiceStatus
from timeledger.invoicing.tests import factories as inv
from timeledger.payments.models import Payment

pytestmark = pytest.mark.django_db


@pytest.fixture
def tax(org):
    return inv.taxes(org)


@pytest.fixture
def web(client, accountant):
    client.force_login(accountant.user)
    return client


def test_draft_to_paid_through_the_pages(web, accountant, client_, tax):
    response = web.post(
        "/invoices/new/", {"draft-client": client_.pk, "draft-kind": "standard", "draft-notes": ""}
    )
    invoice = Invoice.objects.get()
    assert response.status_code == 302 and response.url == f"/invoices/{invoice.pk}/"
    web.post(
        f"/invoices/{invoice.pk}/lines/",
        {
            "line-description": "Design",
            "line-quantity": "12.5",
            "line-unit": "h",
            "line-unit_price": "150",
            "line-tax_category": tax["S"].pk,
        },
    )
    page = web.get(f"/invoices/{invoice.pk}/", follow=True)  # a draft opens on the draft page
    assert page.redirect_chain == [(f"/billing/drafts/{invoice.pk}/", 302)]
    assert "2,268.75" in page.content.decode() or "2268.75" in page.content.decode()
    web.post(f"/invoices/{invoice.pk}/issue/", {"issue_date": "2026-03-02"})
    invoice.refresh_from_db()
    assert invoice.number == "INV-2026-00001"
    assert invoice.gross_total == Decimal("2268.75")
    web.post(
        f"/invoices/{invoice.pk}/pay/",
        {
            "pay-amount": "2268.75",
            "pay-date": "2026-03-20",
            "pay-method": "bank_transfer",
            "pay-reference": "TX",
        },
    )
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID


def test_issue_without_lines_shows_the_reason_inline(web, accountant, client_):
    invoice = inv.draft(accountant, client_, [])
    response = web.post(f"/invoices/{invoice.pk}/issue/", {"issue_date": ""})
    assert response.status_code == 400
    assert "no lines" in response.content.decode()
    assert 'id="action-error"' in response.content.decode()


def test_paying_a_draft_is_refused_inline(web, accountant, client_, tax):
    invoice = inv.draft(accountant, client_, [("A", "1", "100", tax["S"])])
    response = web.post(
        f"/invoices/{invoice.pk}/pay/",
        {"pay-amount": "10", "pay-date": "2026-03-20", "pay-method": "cash"},
    )
    assert response.status_code == 400
    assert "is a draft" in response.content.decode()
    assert not Payment.objects.exists()


def test_ui_cannot_change_an_issued_invoice(web, accountant, client_, tax):
    invoice = inv.issued(accountant, client_, [("A", "1", "100", tax["S"])])
    line = invoice.lines.get()
    for url, data in (
        (
            f"/invoices/{invoice.pk}/lines/",
            {
                "line-description": "x",
                "line-quantity": "1",
                "line-unit": "h",
                "line-unit_price": "1",
            },
        ),
        (f"/invoices/{invoice.pk}/lines/{line.pk}/tax/", {"tax_category": tax["Z"].pk}),
        (f"/invoices/{invoice.pk}/lines/{line.pk}/delete/", {}),
        (f"/invoices/{invoice.pk}/delete/", {}),
        (f"/invoices/{invoice.pk}/issue/", {}),
    ):
        response = web.post(url, data)
        assert response.status_code == 400, url
        assert "cannot be" in response.content.decode()
    fresh = Invoice.objects.get(pk=invoice.pk)
    assert fresh.gross_total == Decimal("121.00") and fresh.lines.get().tax_rate == Decimal("21.00")


def test_credit_more_than_invoiced_via_ui(web, accountant, client_, tax):
    invoice = inv.issued(accountant, client_, [("A", "2", "100", tax["S"])])
    line = invoice.lines.get()
    response = web.post(f"/invoices/{invoice.pk}/credit/", {f"credit_{line.pk}": "3"})
    assert response.status_code == 400
    assert "2 left to credit" in response.content.decode()
    response = web.post(f"/invoices/{invoice.pk}/credit/", {f"credit_{line.pk}": "1"})
    credit = Invoice.objects.get(kind="credit_note")
    assert response.url == f"/invoices/{credit.pk}/"


def test_outsider_and_members_see_nothing(client, outsider, alice, accountant, client_, tax):
    invoice = inv.issued(accountant, client_, [("A", "1", "100", tax["S"])])
    client.force_login(outsider.user)
    assert client.get(f"/invoices/{invoice.pk}/").status_code == 404
    assert invoice.number not in client.get("/invoices/").content.decode()
    client.force_login(alice.user)
    assert client.get("/invoices/").status_code == 403


def test_list_aging_taxes_payments_pages_render(web, accountant, client_, tax):
    inv.issued(accountant, client_, [("A", "1", "100", tax["S"])], on=dt.date(2025, 1, 1))
    for url in (
        "/invoices/",
        "/invoices/?status=overdue",
        "/invoices/aging/",
        "/invoices/taxes/",
        "/invoices/payments/",
        "/invoices/reminders/",
        "/invoices/recurring/",
        "/invoices/template/",
        "/invoices/new/",
    ):
        assert web.get(url).status_code == 200, url
    assert "121.00" in web.get("/invoices/aging/").content.decode()


def test_public_link_shows_issued_invoice_and_pdf_without_login(client, accountant, client_, tax):
    invoice = inv.issued(accountant, client_, [("A", "1", "100", tax["S"])])
    page = client.get(f"/i/{invoice.public_token}/")
    assert page.status_code == 200
    assert invoice.number in page.content.decode()
    invoice.refresh_from_db()
    assert invoice.viewed_at is not None
    pdf = client.get(f"/i/{invoice.public_token}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content if pdf.streaming else [pdf.content]).startswith(b"%PDF")
    assert client.get("/i/not-a-token/").status_code == 404


def test_public_link_of_a_draft_is_404(client, accountant, client_, tax):
    draft = inv.draft(accountant, client_, [("A", "1", "100", tax["S"])])
    assert client.get(f"/i/{draft.public_token}/").status_code == 404


def test_template_editor_refuses_unsafe_template(web):
    response = web.post("/invoices/template/", {"html": "{{ ''.__class__.__mro__ }}", "css": ""})
    assert response.status_code == 400
    assert "unsafe" in response.content.decode() or "access" in response.content.decode()


def test_set_client_default_tax_category_in_the_ui(web, accountant, client_, tax):
    response = web.post(
        "/invoices/taxes/default/",
        {"default-client": client_.pk, "default-tax_category": tax["AA"].pk},
    )
    assert response.status_code == 302
    client_.refresh_from_db()
    assert client_.default_tax_category == tax["AA"]
    response = web.post("/invoices/taxes/default/", {"default-tax_category": tax["AA"].pk})
    assert response.status_code == 400
    assert "either a client or a project" in response.content.decode()


def test_add_reminder_level_inline_error(web):
    assert (
        web.post("/invoices/reminders/", {"days_overdue": "45", "name": "Call"}).status_code == 302
    )
    response = web.post("/invoices/reminders/", {"days_overdue": "45", "name": "Again"})
    assert response.status_code == 400
    assert "already a reminder at 45 days" in response.content.decode()


def test_payment_date_is_prefilled_in_the_date_pickers_iso_format(web, accountant, client_, tax):
    # given an issued invoice; when its page is opened
    invoice = inv.issued(accountant, client_, [("A", "1", "100", tax["S"])])
    page = web.get(f"/invoices/{invoice.pk}/").content.decode()
    # then the payment date is today as the browser's date picker reads it (ISO), not 01/12/2026
    from timeledger.invoicing.issuing import today_for

    today = today_for(accountant.organisation).isoformat()
    assert f'type="date" name="pay-date" value="{today}"' in page
