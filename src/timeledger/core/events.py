"""Domain events: what happened, for anyone outside the action to hear (webhooks).

A service calls ``emit`` inside its own transaction, after its audit row. Receivers (the
``webhooks`` app) write what they need in that same transaction — so an event exists iff the
action committed — and do any outside work (HTTP) after commit, never failing the action.
The services of every app may emit; the apps that listen sit below them in the Layout.
"""

from __future__ import annotations

from django.dispatch import Signal
from django.utils.translation import gettext_noop

# The events an organisation can subscribe to: name → what it means (marked for the catalogues;
# the webhooks page translates them, the API and the CLI give them in English).
EVENT_TYPES: dict[str, str] = {
    "time_entry.approved": gettext_noop("Time entries were approved"),
    "time_entry.rejected": gettext_noop("Time entries were rejected"),
    "billing_run.finished": gettext_noop("A billing run finished"),
    "invoice.issued": gettext_noop("An invoice was issued"),
    "invoice.sent": gettext_noop("An invoice was sent to the client"),
    "invoice.viewed": gettext_noop("The client opened the invoice link"),
    "invoice.paid": gettext_noop("An invoice was paid in full"),
    "invoice.overdue": gettext_noop("An invoice passed its due date unpaid"),
    "payment.recorded": gettext_noop("A payment was recorded"),
    "payment.reversed": gettext_noop("A payment was reversed"),
    "credit_note.issued": gettext_noop("A credit note was issued"),
}

# sender=None; kwargs: organisation, event_type, obj (a model instance or None), data (dict),
# key (str: non-empty makes the event once-only, e.g. "invoice.overdue:42").
event_emitted = Signal()


def emit(organisation, event_type: str, *, obj=None, data: dict | None = None, key: str = ""):
    """Announce ``event_type`` about ``obj`` (call inside the action's transaction)."""
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown event type {event_type!r}")
    event_emitted.send(
        sender=None,
        organisation=organisation,
        event_type=event_type,
        obj=obj,
        data=data or {},
        key=key,
    )
