"""Sending: a real SMTP server on loopback receives the invoice with its PDF attached."""

import datetime as dt
import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from timeledger.invoicing import delivery
from timeledger.invoicing.models import Invoice, InvoiceStatus
from timeledger.invoicing.tests import factories as inv
from timeledger.payments import services as payments
from timeledger.payments.models import ReminderLog

pytestmark = pytest.mark.django_db


class Inbox(Message):
    def __init__(self):
        super().__init__(message_class=email.message.EmailMessage)
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    yield inbox
    controller.stop()


def test_send_attaches_the_stored_pdf_and_marks_sent(smtp, org, accountant, client_, tmp_path):
    tax = inv.taxes(org)
    client_.invoice_email = "ap@acme-retail.example"
    client_.save()
    invoice = inv.issued(accountant, client_, [("Design", "10", "100", tax["S"])])
    invoice = delivery.send_invoice(invoice, by=accountant, base_url="https://tl.example")
    assert invoice.status == InvoiceStatus.SENT and invoice.sent_at is not None
    assert len(smtp.messages) == 1
    raw = smtp.messages[0].as_bytes()
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["To"] == "ap@acme-retail.example"
    assert "INV-2026-00001" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert f"https://tl.example/i/{invoice.public_token}/" in body
    attachments = list(message.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["INV-2026-00001.pdf"]
    data = attachments[0].get_content()
    assert data == Invoice.objects.get(pk=invoice.pk).pdf.read()
    path = tmp_path / "a.pdf"
    path.write_bytes(data)
    text = PdfReader(str(path)).pages[0].extract_text()
    assert "INV-2026-00001" in text and "1,210.00" in text


def test_send_refuses_drafts_and_changes_nothing_when_smtp_fails(
    smtp, settings, org, accountant, client_
):
    tax = inv.taxes(org)
    draft = inv.draft(accountant, client_, [("Design", "1", "100", tax["S"])])
    with pytest.raises(ValidationError, match="Issue the invoice before sending"):
        delivery.send_invoice(draft, by=accountant, to=["x@example.com"])
    invoice = inv.issued(accountant, client_, [("Design", "1", "100", tax["S"])])
    settings.EMAIL_PORT = _free_port()  # nobody listens there
    with pytest.raises(OSError):
        delivery.send_invoice(invoice, by=accountant, to=["x@example.com"])
    assert Invoice.objects.get(pk=invoice.pk).status == InvoiceStatus.ISSUED
    assert smtp.messages == []


def test_overdue_reminders_levels_are_sent_once(smtp, org, accountant, client_):
    tax = inv.taxes(org)
    client_.invoice_email = "ap@acme-retail.example"
    client_.payment_terms_days = 10
    client_.save()
    invoice = inv.issued(
        accountant, client_, [("Design", "1", "100", tax["S"])], on=dt.date(2026, 3, 1)
    )
    # due 11 Mar
    assert payments.send_due_reminders(org, today=dt.date(2026, 3, 17)) == 0  # 6 days
    assert payments.send_due_reminders(org, today=dt.date(2026, 3, 18)) == 1  # 7 days
    assert payments.send_due_reminders(org, today=dt.date(2026, 3, 18)) == 0  # idempotent
    assert payments.send_due_reminders(org, today=dt.date(2026, 3, 24)) == 0
    assert payments.send_due_reminders(org, today=dt.date(2026, 3, 25)) == 1  # 14 days
    assert payments.send_due_reminders(org, today=dt.date(2026, 5, 1)) == 1  # 51 days: final
    assert payments.send_due_reminders(org, today=dt.date(2026, 6, 1)) == 0
    assert list(
        ReminderLog.objects.filter(invoice=invoice)
        .order_by("days_overdue")
        .values_list("level__days_overdue", flat=True)
    ) == [7, 14, 30]
    subjects = [m["Subject"] for m in smtp.messages]
    assert subjects == ["Reminder: invoice INV-2026-00001 is overdue"] * 3
    first = email.message_from_bytes(smtp.messages[0].as_bytes(), policy=policy.default)
    assert "121.00 EUR" in first.get_body(("plain",)).get_content()


def test_long_overdue_invoice_gets_only_the_highest_level(smtp, org, accountant, client_):
    tax = inv.taxes(org)
    client_.invoice_email = "ap@acme-retail.example"
    client_.save()
    invoice = inv.issued(
        accountant, client_, [("Design", "1", "100", tax["S"])], on=dt.date(2026, 1, 1)
    )
    assert payments.send_due_reminders(org, today=dt.date(2026, 6, 1)) == 1
    assert payments.send_due_reminders(org, today=dt.date(2026, 6, 2)) == 0
    assert list(
        ReminderLog.objects.filter(invoice=invoice).values_list("level__days_overdue", flat=True)
    ) == [30]


def test_paid_invoices_get_no_reminder(smtp, org, accountant, client_):
    tax = inv.taxes(org)
    client_.invoice_email = "ap@acme-retail.example"
    client_.save()
    inv.issued(accountant, client_, [("Design", "1", "100", tax["S"])], on=dt.date(2026, 1, 1))
    payments.record_payment(client_, by=accountant, amount="121.00", date=dt.date(2026, 1, 5))
    assert payments.send_due_reminders(org, today=dt.date(2026, 6, 1)) == 0
    assert smtp.messages == []


def test_the_e_mail_is_written_in_the_invoice_language(smtp, org, accountant, client_):
    # given a German-speaking client and an invoice issued to it (due 30 days after issue)
    tax = inv.taxes(org)
    client_.invoice_email = "buchhaltung@acme.example"
    client_.language = "de"
    client_.save()
    invoice = inv.issued(accountant, client_, [("Design", "10", "100", tax["S"])])
    assert invoice.language == "de" and invoice.due_date is not None
    # when it is sent
    delivery.send_invoice(invoice, by=accountant, base_url="https://tl.example")
    # then subject and body are German, with German numbers and dates
    message = email.message_from_bytes(smtp.messages[0].as_bytes(), policy=policy.default)
    assert message["Subject"] == f"Rechnung INV-2026-00001 von {org.legal_name or org.name}"
    body = message.get_body(("plain",)).get_content()
    due = invoice.due_date
    months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August"]
    months += ["September", "Oktober", "November", "Dezember"]
    assert body.startswith(f"Guten Tag {client_.contact_name or client_.name},\n")
    assert "über 1.210,00 EUR" in body
    assert f"fällig am {due.day}. {months[due.month - 1]} {due.year}." in body
    assert f"online ansehen: https://tl.example/i/{invoice.public_token}/" in body
    assert "Please" not in body and "Dear" not in body
