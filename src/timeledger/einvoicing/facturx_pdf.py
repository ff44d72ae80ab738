"""Factur-X / ZUGFeRD: the invoice's own PDF rendered as PDF/A-3b (WeasyPrint) with the stored CII
embedded as ``factur-x.xml`` and the Factur-X XMP metadata (the ``factur-x`` library).

Rendered once — after the issuing transaction commits, or on first download — and stored for good
beside the XML it embeds; the invoice's plain PDF is left as it is.
"""

from __future__ import annotations

import hashlib
import logging

import facturx
from django.core.files.base import ContentFile
from django.db import transaction
from weasyprint import HTML

from timeledger.einvoicing.models import EInvoice
from timeledger.invoicing import rendering
from timeledger.invoicing.pdf import invoice_html

logger = logging.getLogger(__name__)
PDF_VARIANT = "pdf/a-3b"


def build(invoice, xml: bytes) -> bytes:
    """The Factur-X PDF of ``invoice`` around ``xml`` (checked against the Factur-X XSD)."""
    pdf = HTML(
        string=invoice_html(invoice), base_url=None, url_fetcher=rendering.DataOnlyFetcher()
    ).write_pdf(pdf_variant=PDF_VARIANT)
    org = invoice.organisation
    metadata = {
        "author": org.legal_name or org.name,
        "keywords": "Factur-X, e-invoice",
        "title": f"{org.legal_name or org.name}: invoice {invoice.number}",
        "subject": f"Factur-X invoice {invoice.number}",
    }
    return facturx.generate_from_binary(
        pdf, xml, flavor="factur-x", level="en16931", check_xsd=True, pdf_metadata=metadata
    )


def ensure(einvoice: EInvoice) -> bytes:
    """The stored Factur-X PDF; built and stored the first time, never again."""
    if einvoice.pdf:
        with einvoice.pdf.open("rb") as fh:
            return fh.read()
    with transaction.atomic():
        locked = EInvoice.objects.select_for_update().get(pk=einvoice.pk)
        if locked.pdf:  # stored by someone else while we waited for the lock
            with locked.pdf.open("rb") as fh:
                return fh.read()
        with locked.xml.open("rb") as fh:
            xml = fh.read()
        invoice = locked.invoice
        data = build(invoice, xml)
        locked.pdf.save(
            f"{invoice.number}-{invoice.public_token[:8]}-facturx.pdf",
            ContentFile(data),
            save=False,
        )
        locked.pdf_sha256 = hashlib.sha256(data).hexdigest()
        locked.save(update_fields=["pdf", "pdf_sha256", "updated_at"])
    einvoice.pdf, einvoice.pdf_sha256 = locked.pdf, locked.pdf_sha256
    return data


def ensure_after_commit(einvoice_id: int) -> None:
    """A failure leaves the XML stored; the PDF is built on next download or send."""
    try:
        ensure(EInvoice.objects.get(pk=einvoice_id))
    except Exception:  # noqa: BLE001 — logged; built on next access
        logger.exception("could not build the Factur-X PDF of e-invoice %s", einvoice_id)
