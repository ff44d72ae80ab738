"""Delivery of issued invoices: e-mail with the stored PDF attached, and the client's read-only
link (``/i/<public_token>/``)."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from timeledger.accounts.roles import Cap
from timeledger.core import events, timeutil
from timeledger.core.audit import record, snapshot
from timeledger.core.errors import fail
from timeledger.core.money import format_money
from timeledger.invoicing.models import EDITABLE_STATUSES, Invoice, InvoiceStatus
from timeledger.invoicing.pdf import ensure_pdf
from timeledger.invoicing.signals import invoice_attachments


def public_url(invoice: Invoice, base_url: str = "") -> str:
    path = reverse("invoice_public", args=[invoice.public_token])
    return (base_url.rstrip("/") + path) if base_url else path


def send_invoice(
    invoice: Invoice, *, by, to: list[str] | None = None, message: str = "", base_url: str = ""
) -> Invoice:
    """E-mail an issued invoice with its PDF to the client's invoice address (or ``to``).

    The PDF is the stored one (rendered at issue). The status moves issued → sent only after the
    SMTP server accepted the message; a failed send changes nothing.
    """

    if not by.can(Cap.MANAGE_BILLING):
        raise PermissionDenied(_("Your role cannot send invoices."))
    if invoice.organisation_id != by.organisation.id:
        fail(_("Not found."))
    if invoice.status in EDITABLE_STATUSES:
        fail(_("Issue the invoice before sending it."))
    if invoice.status == InvoiceStatus.VOID:
        fail(_("A void invoice is not sent."))
    recipients = [r.strip() for r in (to or [invoice.client.invoice_email]) if r and r.strip()]
    if not recipients:
        fail(
            _("Client %(code)s has no invoice e-mail; give an address.")
            % {"code": invoice.client.code},
            "to",
        )
    for address in recipients:
        try:
            validate_email(address)
        except ValidationError:
            fail(_("%(address)s is not an e-mail address.") % {"address": address}, "to")
    pdf = ensure_pdf(invoice)
    org = invoice.organisation
    name = invoice.number or f"proforma-{invoice.pk}"
    subject, body = _message(invoice, name, message, base_url)
    email = EmailMessage(
        subject=subject,
        body=body,
        from_email=org.email or settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )
    email.attach(f"{name}.pdf", pdf, "application/pdf")
    # --- e-invoicing hook: the e-invoice (XML or Factur-X PDF) goes along
    for _receiver, files in invoice_attachments.send(sender=Invoice, invoice=invoice):
        for filename, content, mimetype in files or ():
            email.attach(filename, content, mimetype)
    email.send()
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        before = snapshot(invoice)
        invoice.sent_at = timeutil.now()
        if invoice.status == InvoiceStatus.ISSUED:
            invoice.status = InvoiceStatus.SENT
        invoice.save(update_fields=["sent_at", "status", "updated_at"])
        record(
            organisation=org,
            actor=by.user,
            action="send",
            obj=invoice,
            before=before,
            after=snapshot(invoice),
            reason=", ".join(recipients),
        )
        events.emit(org, "invoice.sent", obj=invoice)
    return invoice


def _message(invoice: Invoice, name: str, message: str, base_url: str) -> tuple[str, str]:
    """Subject and body of the invoice e-mail, in the invoice's language (the PDF's): amounts and
    the due date written the way that language writes them. A ``message`` typed by the sender
    replaces the body as it is."""
    org = invoice.organisation
    sender = org.legal_name or org.name
    language = invoice.language or "en"
    with translation.override(language):
        # The kinds' labels are in the catalogues (the document and invoice pages use them).
        title = _(invoice.get_kind_display())
        subject = _("%(document)s %(number)s from %(sender)s") % {
            "document": title,
            "number": name,
            "sender": sender,
        }
        if message:
            return subject, message
        facts = {
            "name": invoice.client.contact_name or invoice.client.name,
            "document": title,
            "number": name,
            "amount": format_money(invoice.gross_total, invoice.currency, language=language),
            "currency": invoice.currency,
            "link": public_url(invoice, base_url),
            "sender": sender,
        }
        if invoice.due_date:
            facts["due"] = formats.date_format(invoice.due_date, "DATE_FORMAT")
            attached = _(
                "Please find attached %(document)s %(number)s for %(amount)s %(currency)s,"
                " due on %(due)s."
            )
        else:
            attached = _(
                "Please find attached %(document)s %(number)s for %(amount)s %(currency)s."
            )
        lines = [
            _("Dear %(name)s,"),
            "",
            attached,
            _("You can also view it online: %(link)s"),
            "",
            _("Kind regards,"),
            "%(sender)s",
        ]
        return subject, "\n".join(lines) % facts


_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,40}")


def public_invoice(token: str) -> Invoice | None:
    """The issued invoice behind a client link (drafts have no public face)."""
    if not _TOKEN.fullmatch(token):
        return None  # e.g. a NUL byte, which PostgreSQL refuses in any text comparison
    invoice = (
        Invoice.objects.select_related("organisation", "client")
        .filter(public_token=token)
        .exclude(status__in=EDITABLE_STATUSES)
        .first()
    )
    return invoice


def mark_viewed(invoice: Invoice) -> None:
    """First view of the client link: sent → viewed is recorded as ``viewed_at``."""
    if invoice.viewed_at is None:
        with transaction.atomic():
            first = Invoice.objects.filter(pk=invoice.pk, viewed_at__isnull=True).update(
                viewed_at=timeutil.now()
            )
            if first:  # the conditional UPDATE decides who saw it first: one event
                events.emit(invoice.organisation, "invoice.viewed", obj=invoice)
