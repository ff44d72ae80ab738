"""Receivers of invoicing's signals: the EPC payment QR code on invoice documents."""

from __future__ import annotations

from django.dispatch import receiver

from timeledger.banking import qr
from timeledger.invoicing.models import Invoice, InvoiceKind
from timeledger.invoicing.signals import document_context


@receiver(document_context, sender=Invoice, dispatch_uid="banking.payment_qr")
def _payment_qr(sender, invoice, frozen=False, **kwargs) -> dict:
    """EUR invoices to a seller with an IBAN get a GiroCode for what is owed: the total on the
    stored document (as issued), the open amount on a live view (the client link)."""
    if invoice.kind in (InvoiceKind.CREDIT_NOTE, InvoiceKind.PROFORMA) or not invoice.number:
        return {}  # nothing to pay, or the check render before the number
    try:
        payload = qr.epc_for_invoice(invoice, invoice.gross_total if frozen else None)
    except qr.NotPayable:
        return {}
    return {"payment_qr": qr.qr_data_uri(payload)}
