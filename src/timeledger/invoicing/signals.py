"""Signals of the invoicing app, for the apps above it (``invoicing`` imports none of them)."""

from django.dispatch import Signal

# Sent while building an invoice's page (``request=``, ``invoice=``, ``today=``); each receiver
# returns a dict merged into the template context (payments adds its pay form and history).
invoice_detail_context = Signal()

# Issuing (sender=Invoice, ``invoice=``, ``lines=``). ``validate_for_issue`` is sent with the
# invoice's taxes, parties and totals set, before the number is taken: a receiver refuses by
# raising ``ValidationError`` and no number is burnt. ``invoice_issued`` is sent inside the
# issuing transaction once the number is saved: receivers store their documents (e-invoices).
validate_for_issue = Signal()
invoice_issued = Signal()

# Sending (sender=Invoice, ``invoice=``): each receiver returns a list of
# ``(filename, bytes, mimetype)`` attached to the e-mail beside the PDF.
invoice_attachments = Signal()
