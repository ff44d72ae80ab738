"""Receivers of invoicing's signals: the receipts annex is made when an invoice's documents are
frozen and goes with the invoice's e-mail (invoicing knows nothing of expenses)."""

from __future__ import annotations

from django.dispatch import receiver

from timeledger.expenses import annex
from timeledger.invoicing.models import Invoice
from timeledger.invoicing.signals import documents_frozen, invoice_attachments


@receiver(documents_frozen, sender=Invoice, dispatch_uid="expenses.receipt_annex")
def _store_annex(sender, invoice, **kwargs) -> None:
    """A failure raises: invoicing retries the frozen documents until the annex is stored."""
    annex.ensure_annex(invoice)


@receiver(invoice_attachments, sender=Invoice, dispatch_uid="expenses.receipt_annex")
def _attach_annex(sender, invoice, **kwargs) -> list[tuple[str, bytes, str]]:
    found = annex.ensure_annex(invoice)
    return [] if found is None else [annex.annex_file(found)]
