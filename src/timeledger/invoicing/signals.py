"""Signals of the invoicing app, for the apps above it (``invoicing`` imports none of them)."""

from django.dispatch import Signal

# Sent while building an invoice's page (``request=``, ``invoice=``, ``today=``); each receiver
# returns a dict merged into the template context (payments adds its pay form and history).
invoice_detail_context = Signal()
