"""Receivers of invoicing's signals: the only way invoicing sets e-invoicing in motion."""

from __future__ import annotations

from django.dispatch import receiver

from timeledger.einvoicing import facturx_pdf, selectors, services, views
from timeledger.einvoicing.models import Format
from timeledger.invoicing.models import Invoice
from timeledger.invoicing.signals import (
    documents_frozen,
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
    services.store_einvoice(invoice, lines)


@receiver(documents_frozen, sender=Invoice, dispatch_uid="einvoicing.facturx")
def _facturx(sender, invoice, **kwargs) -> None:
    """Like the plain PDF, the Factur-X PDF is rendered after commit; a failure raises, so
    invoicing retries it (Celery task, ``timeledger tick``) until it is stored once."""
    einvoice = selectors.stored(invoice)
    if einvoice is not None and einvoice.format == Format.FACTURX:
        facturx_pdf.ensure(einvoice)


@receiver(invoice_attachments, sender=Invoice, dispatch_uid="einvoicing.attach")
def _attach(sender, invoice, **kwargs) -> list[tuple[str, bytes, str]]:
    if selectors.stored(invoice) is None:
        return []
    return [services.download(invoice)]


invoice_detail_context.connect(views.invoice_panel, dispatch_uid="einvoicing.panel")
