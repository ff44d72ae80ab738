"""Log → approve (lock) → bill → issue → PDF → API → pay in a 3-decimal and a 0-decimal currency:
every amount is stored and shown in its currency's ISO 4217 minor unit (KWD 3, JPY 0, EUR 2).

Runs on SQLite and, with ``DATABASE_URL`` set, on PostgreSQL (the columns hold 3 decimals)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from timeledger.billing.engine import run_billing
from timeledger.invoicing import issuing
from timeledger.invoicing import pdf as documents
from timeledger.invoicing.models import Invoice, InvoiceLine, InvoiceStatus
from timeledger.invoicing.tests import factories as inv
from timeledger.payments.models import Payment
from timeledger.payments.services import record_payment
from timeledger.rates.locking import lock_entries
from timeledger.rates.services import save_rate
from timeledger.testing import factories as f
from timeledger.timesheets.models import EntryStatus, TimeEntry

D = dt.date


def _text(data: bytes, tmp_path) -> str:
    path = tmp_path / "invoice.pdf"
    path.write_bytes(data)
    return " ".join(" ".join(page.extract_text() for page in PdfReader(str(path)).pages).split())


def _bill_90_minutes(org, member, currency: str, rate: str) -> Invoice:
    """A client in ``currency``, one 1.5 h entry approved at ``rate``, billed: the draft."""
    inv.taxes(org)  # standard rate 21 %
    client = f.client(org, code=f"C{currency}", name=f"Client {currency}", currency=currency)
    project = f.project(org, client, code=f"P{currency}", name="Audit")
    f.rate(org, rate, currency=currency)
    f.entry(member, project, day=D(2026, 3, 2), hours="1.50", status=EntryStatus.APPROVED)
    lock_entries(TimeEntry.objects.filter(project=project))
    run_billing(org, up_to=D(2026, 3, 31), project_codes=[project.code])
    return Invoice.objects.get(project=project)


def _issue(invoice, accountant, capture) -> Invoice:
    with capture(execute=True):
        issued = issuing.issue_invoice(invoice, by=accountant, issue_date=D(2026, 4, 1))
    return Invoice.objects.get(pk=issued.pk)


def test_kwd_invoice_stores_and_shows_three_decimals_end_to_end(
    org, alice, accountant, api, tmp_path, django_capture_on_commit_callbacks
):
    # Given 1.5 h at 12.345 KWD: 18.5175 → 18.518 KWD (half-up to the fils)
    draft = _bill_90_minutes(org, alice, "KWD", "12.345")

    entry = TimeEntry.objects.get(project=draft.project)
    assert (entry.rate, entry.amount) == (Decimal("12.345"), Decimal("18.518"))
    line = InvoiceLine.objects.get(invoice=draft)
    assert (line.quantity, line.unit_price, line.net_amount) == (
        Decimal("1.50"),
        Decimal("12.345"),
        Decimal("18.518"),
    )
    assert line.description == "Audit — 1.50 h × 12.345 = 18.518"

    # When it is issued, the VAT is 21 % of 18.518 = 3.88878 → 3.889; gross 22.407
    invoice = _issue(draft, accountant, django_capture_on_commit_callbacks)
    stored = Invoice.objects.get(pk=invoice.pk)
    assert (stored.net_total, stored.tax_total, stored.gross_total) == (
        Decimal("18.518"),
        Decimal("3.889"),
        Decimal("22.407"),
    )

    # Then the PDF, the API and the invoice page show fils
    text = _text(documents.ensure_pdf(invoice), tmp_path)
    assert "1.50 hrs (decimal) 12.345 21.00 18.518" in text
    assert "Net total 18.518 KWD" in text
    assert "VAT 3.889 KWD" in text
    assert "Total 22.407 KWD" in text

    body = api(accountant).get(f"/api/invoices/{invoice.pk}/").json()
    assert (body["net_total"], body["tax_total"], body["gross_total"]) == (
        "18.518",
        "3.889",
        "22.407",
    )
    assert body["lines"][0]["net_amount"] == "18.518"

    # And a payment of 22.407 KWD settles it to the fils
    payment = record_payment(
        invoice.client, by=accountant, amount="22.407", date=D(2026, 4, 5), invoices=[invoice]
    )
    assert Payment.objects.get(pk=payment.pk).amount == Decimal("22.407")
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID
    assert invoice.balance_due == Decimal("0")


def test_jpy_invoice_shows_no_decimals(
    org, alice, accountant, api, tmp_path, django_capture_on_commit_callbacks
):
    draft = _bill_90_minutes(org, alice, "JPY", "15001")  # 22,501.5 → 22,502 JPY

    invoice = _issue(draft, accountant, django_capture_on_commit_callbacks)

    stored = Invoice.objects.get(pk=invoice.pk)
    assert stored.net_total == Decimal("22502")
    assert stored.tax_total == Decimal("4725")  # 21 % of 22,502 = 4,725.42
    text = _text(documents.ensure_pdf(invoice), tmp_path)
    assert "1.50 hrs (decimal) 15,001 21.00 22,502" in text
    assert "Total 27,227 JPY" in text
    body = api(accountant).get(f"/api/invoices/{invoice.pk}/").json()
    assert (body["net_total"], body["gross_total"]) == ("22502", "27227")


def test_eur_amounts_still_show_two_decimals(
    org, alice, accountant, api, client_, tmp_path, django_capture_on_commit_callbacks
):
    draft = _bill_90_minutes(org, alice, "EUR", "150.00")
    assert InvoiceLine.objects.get(invoice=draft).description == "Audit — 1.50 h × 150.00 = 225.00"

    invoice = _issue(draft, accountant, django_capture_on_commit_callbacks)

    text = _text(documents.ensure_pdf(invoice), tmp_path)
    assert "Total 272.25 EUR" in text
    body = api(accountant).get(f"/api/invoices/{invoice.pk}/").json()
    assert (body["net_total"], body["gross_total"]) == ("225.00", "272.25")


@pytest.mark.parametrize(
    ("currency", "amount", "message"),
    [("EUR", "1.005", "at most 2 decimals"), ("JPY", "1.5", "no decimals")],
)
def test_rates_finer_than_the_currency_are_refused(org, owner, currency, amount, message):
    with pytest.raises(ValidationError, match=message):
        save_rate(
            None,
            {
                "level": "organisation",
                "amount": amount,
                "currency": currency,
                "effective_from": "2026-01-01",
            },
            by=owner,
        )
