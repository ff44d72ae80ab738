"""Credit notes settle an invoice without paying it: a fully credited invoice with no payment is
``credited`` (not paid), a partly credited one ``partially_credited`` with the open amount after
credits, in the API, the UI, aging and dunning; a credited invoice is never dunned."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from timeledger.invoicing import issuing, rules
from timeledger.invoicing.models import InvoiceStatus
from timeledger.invoicing.tests import factories as inv
from timeledger.payments import services as payments
from timeledger.payments.models import ReminderLog
from timeledger.payments.selectors import aging

pytestmark = pytest.mark.django_db
ISSUED = dt.date(2026, 3, 2)


@pytest.fixture
def tax(org):
    return inv.taxes(org)


@pytest.fixture
def invoice(accountant, client_, tax):
    client_.invoice_email = "ap@client.example"
    client_.payment_terms_days = 14
    client_.save()
    return inv.issued(accountant, client_, [("Design", "10", "100", tax["S"])], on=ISSUED)


def _credit(invoice, by, quantity=None):
    lines = None if quantity is None else {invoice.lines.get().pk: D(quantity)}
    credit = issuing.create_credit_note(invoice, by=by, lines=lines)
    issuing.issue_invoice(credit, by=by, issue_date=ISSUED + dt.timedelta(days=1))
    invoice.refresh_from_db()
    return invoice


def test_the_settled_status_tells_credits_from_payments():
    s = rules.settled_status
    assert s(gross=D(100), paid=D(0), credited=D(100), sent=True) == "credited"
    assert s(gross=D(100), paid=D(0), credited=D(40), sent=True) == "partially_credited"
    assert s(gross=D(100), paid=D(60), credited=D(40), sent=True) == "paid"
    assert s(gross=D(100), paid=D(10), credited=D(40), sent=True) == "partially_paid"
    assert s(gross=D(100), paid=D(100), credited=D(0), sent=True) == "paid"
    assert s(gross=D(100), paid=D(0), credited=D(0), sent=False) == "issued"


def test_a_fully_credited_invoice_is_credited_not_paid_and_never_dunned(
    api, accountant, invoice, client_
):
    invoice = _credit(invoice, accountant)
    assert (invoice.status, invoice.balance_due) == (InvoiceStatus.CREDITED, D("0.00"))
    body = api(accountant).get(f"/api/invoices/{invoice.pk}/").json()
    assert (body["status"], body["amount_paid"], body["amount_credited"], body["balance_due"]) == (
        "credited",
        "0.00",
        "1210.00",
        "0.00",
    )
    long_after = ISSUED + dt.timedelta(days=200)
    assert payments.send_due_reminders(invoice.organisation, today=long_after) == 0
    assert aging(invoice.organisation, today=long_after) == []
    with pytest.raises(ValidationError, match="fully credited; nothing is owed"):
        payments.record_payment(
            client_, by=accountant, amount="10", date=long_after, allocations={invoice.pk: D("10")}
        )


def test_a_partly_credited_invoice_shows_and_duns_the_open_amount_after_credits(
    client, accountant, invoice
):
    invoice = _credit(invoice, accountant, quantity="4")
    assert (invoice.status, invoice.amount_credited, invoice.balance_due) == (
        InvoiceStatus.PARTIALLY_CREDITED,
        D("484.00"),
        D("726.00"),
    )
    late = ISSUED + dt.timedelta(days=30)
    assert aging(invoice.organisation, today=late)[0].total == D("726.00")
    mail.outbox.clear()
    assert payments.send_due_reminders(invoice.organisation, today=late) == 1
    assert ReminderLog.objects.get(invoice=invoice).balance == D("726.00")
    client.force_login(accountant.user)
    page = client.get(f"/invoices/{invoice.pk}/").content.decode()
    assert 'tag-partially_credited">Partially credited' in page
    listing = client.get("/invoices/?status=partially_credited").content.decode()
    assert invoice.number in listing


def test_paying_the_rest_of_a_partly_credited_invoice_makes_it_paid(accountant, invoice, client_):
    invoice = _credit(invoice, accountant, quantity="4")
    payments.record_payment(
        client_, by=accountant, amount="726.00", date=ISSUED, allocations={invoice.pk: D("726.00")}
    )
    invoice.refresh_from_db()
    assert (invoice.status, invoice.balance_due) == (InvoiceStatus.PAID, D("0.00"))
