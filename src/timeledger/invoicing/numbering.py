"""Gap-free invoice numbers: one counter row per organisation and series, taken under a row lock.

``take_number`` must run inside the issuing transaction. The ``SELECT ... FOR UPDATE`` on the
sequence row makes concurrent issuers queue; the number becomes visible to the next one only when
the holder commits. If the holder rolls back, its increment rolls back too, so the next issuer gets
the same number: no gaps, no duplicates. (SQLite has no row locks; there the IMMEDIATE transaction
mode of the settings serialises writers for the same effect.)
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from timeledger.invoicing.models import InvoiceSequence
from timeledger.invoicing.rules import format_number

DEFAULT_PATTERNS = {
    "INV": "INV-{YYYY}-{SEQ:05}",
    "CN": "CN-{YYYY}-{SEQ:05}",
}


def default_pattern(series: str) -> str:
    return DEFAULT_PATTERNS.get(series, series + "-{YYYY}-{SEQ:05}")


def take_number(organisation, series: str, issue_date: dt.date) -> str:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_number must run inside the issuing transaction")
    InvoiceSequence.objects.get_or_create(
        organisation=organisation, series=series, defaults={"pattern": default_pattern(series)}
    )
    seq = InvoiceSequence.objects.select_for_update().get(organisation=organisation, series=series)
    value = seq.next_value
    seq.next_value = value + 1
    seq.save(update_fields=["next_value", "updated_at"])
    return format_number(seq.pattern, issue_date, value)
