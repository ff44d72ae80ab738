"""Receivers of invoicing's signals: the only way invoicing sets e-invoicing in motion."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.dispatch import receiver

from timeledger.einvoicing import facturx_pdf, selectors, services, views
from timeledger.einvoicing.models import Format
from timeledger.invoicing.models import Invoice
from timeledger.invoicing.signals import (
    invoice_attachments,
    invoice_detail_context,
    invoice_issued,
    validate_for_issue,
)


@receiver(validate_for_issue, sender=Invoice, dispatch_uid="einvoicing.validate")
def _validate(sender, invoice, lines, **kwargs) -> None:
    services.check_for_issue(invoice, lines)


@receiver(invoice_issued, sender=Invoice, dispatch_uid="einvoicing.store")
def _store(sender, invoice, lines, **kwargs) -> None:
    einvoice = services.store_einvoice(invoice, lines)
    # Like the plain PDF: the Factur-X PDF is rendered once the issue is committed.
    if einvoice is not None and einvoice.format == Format.FACTURX:
        if getattr(settings, "INVOICE_PDF_ON_ISSUE", True):
            transaction.on_commit(lambda: facturx_pdf.ensure_after_commit(einvoice.pk))


@receiver(invoice_attachments, sender=Invoice, dispatch_uid="einvoicing.attach")
def _attach(sender, invoice, **kwargs) -> list[tuple[str, bytes, str]]:
    if selectors.stored(invoice) is None:
        return []
    return [services.download(invoice)]


invoice_detail_context.connect(views.invoice_panel, dispatch_uid="einvoicing.panel")
