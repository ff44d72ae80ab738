"""Signals of the invoicing app, for the apps above it (``invoicing`` imports none of them)."""

from django.dispatch import Signal

# Sent while building an invoice's page (``request=``, ``invoice=``, ``today=``); each receiver
# returns a dict merged into the template context (payments adds its pay form and history).
invoice_detail_context = Signal()

# Issuing, step 1 of 2 (``invoicing.issuing.issue_invoice``): sent inside the issuing
# transaction with the invoice locked and its data frozen in memory (taxes resolved, totals,
# seller and buyer, issue and due dates, ``template_version``), *before* the number is taken
# (``invoice.number`` is still empty; ``number=`` is the stand-in the document check renders
# with). Arguments: ``invoice=``, ``lines=`` (list of InvoiceLine), ``by=`` (the member).
# A receiver that finds the invoice cannot be issued raises
# ``django.core.exceptions.ValidationError`` with a message for the user: the issue is refused
# and no number is used. Receivers must not write (they run before the refusal can happen) and
# should be quick: every issue waits for them.
validate_for_issue = Signal()

# Issuing, step 2 of 2 (``invoicing.documents.store_documents``): sent after the issuing
# transaction committed and the PDF is stored, with ``invoice=`` (issued, numbered, frozen; read
# again from the database). Receivers store their own immutable documents (an e-invoice) if they
# have not yet: the signal is sent again until every receiver succeeded (a failure is retried by
# the Celery task and by ``timeledger tick``), so receivers must be idempotent. When all
# succeeded ``invoice.documents_stored_at`` is set and the signal is not sent again.
documents_frozen = Signal()
