"""Signals of the projects app, for the apps above it (``projects`` imports none of them)."""

from django.dispatch import Signal

# Sent inside the saving transaction when a project's rounding rule changes (``project=``).
rounding_changed = Signal()
