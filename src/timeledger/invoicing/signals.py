"""Signals of the invoicing app, for the apps above it (``invoicing`` imports none of them)."""

from django.dispatch import Signal

# Sent while building an invoice's page (``request=``, ``invoice=``, ``today=``); each receiver
# returns a dict merged into the template context (payments adds its pay form and history).
invoice_detail_context = Signal()

# Building an invoice document's context (``invoice=``, ``frozen=``: the stored document of an
# issued invoice): each receiver returns a dict of plain values merged into the template's
# context (banking adds the EPC payment QR code as ``payment_qr``, a ``data:`` URI).
document_context = Signal()

# Issuing, before the number (``invoicing.issuing.issue_invoice``): sent inside the issuing
# transaction with the invoice locked and its data frozen in memory (taxes resolved, totals,
# seller and buyer, issue and due dates, ``template_version``), *before* the number is taken
# (``invoice.number`` is still empty; ``number=`` is the stand-in the document check renders
# with). Arguments: ``invoice=``, ``lines=`` (list of InvoiceLine), ``by=`` (the member).
# A receiver that finds the invoice cannot be issued raises
# ``django.core.exceptions.ValidationError`` with a message for the user: the issue is refused
# and no number is used. Receivers must not write (they run before the refusal can happen) and
# should be quick: every issue waits for them.
validate_for_issue = Signal()

# Issuing, once the number is saved (``invoice=``, ``lines=``): sent inside the issuing
# transaction, so what a receiver stores (the e-invoice XML) commits or rolls back with the issue.
invoice_issued = Signal()

# After commit (``invoicing.pdf.store_documents``), once the PDF is stored, with ``invoice=``
# (issued, numbered, frozen; read again from the database). Receivers store their own immutable
# documents rendered from it (the Factur-X PDF) if they have not yet: the signal is sent again
# until every receiver succeeded (a failure is retried by the Celery task and by
# ``timeledger tick``), so receivers must be idempotent. When all succeeded
# ``invoice.documents_stored_at`` is set and the signal is not sent again.
documents_frozen = Signal()

# Sending (sender=Invoice, ``invoice=``): each receiver returns a list of
# ``(filename, bytes, mimetype)`` attached to the e-mail beside the PDF.
invoice_attachments = Signal()
