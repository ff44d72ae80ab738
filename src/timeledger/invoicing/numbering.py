"""Gap-free invoice numbers: one counter row per organisation and series, taken under a row lock.

``take_number`` must run inside the issuing transaction. The ``SELECT ... FOR UPDATE`` on the
sequence row makes concurrent issuers queue; the number becomes visible to the next one only when
the holder commits. If the holder rolls back, its increment rolls back too, so the next issuer gets
the same number: no gaps, no duplicates. (SQLite has no row locks; there the IMMEDIATE transaction
mode of the settings serialises writers for the same effect.)
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from timeledger.accounts.roles import Cap
from timeledger.core.audit import record
from timeledger.invoicing.models import InvoiceSequence
from timeledger.invoicing.rules import PatternError, check_pattern, format_number

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


def current_pattern(organisation, series: str = "INV") -> str:
    seq = InvoiceSequence.objects.filter(organisation=organisation, series=series).first()
    return seq.pattern if seq else default_pattern(series)


def set_pattern(organisation, pattern: str, *, by, series: str = "INV") -> InvoiceSequence:
    """Change how the series' numbers look from the next issue on. The counter is untouched, so
    numbers stay gap-free and unique (the pattern must carry ``{SEQ}``)."""
    if not by.can(Cap.MANAGE_SETTINGS):
        raise PermissionDenied("Only an owner or admin can change invoice numbering.")
    pattern = (pattern or "").strip()
    try:
        check_pattern(pattern)
    except PatternError as exc:
        raise ValidationError({"invoice_number_pattern": [str(exc)]}) from None
    if len(pattern) > InvoiceSequence._meta.get_field("pattern").max_length:
        raise ValidationError({"invoice_number_pattern": ["At most 60 characters."]})
    with transaction.atomic():
        seq, _ = InvoiceSequence.objects.select_for_update().get_or_create(
            organisation=organisation, series=series, defaults={"pattern": default_pattern(series)}
        )
        if seq.pattern != pattern:
            before = {"pattern": seq.pattern}
            seq.pattern = pattern
            seq.save(update_fields=["pattern", "updated_at"])
            record(
                organisation=organisation,
                actor=by.user,
                action="numbering",
                obj=seq,
                before=before,
                after={"pattern": pattern},
            )
    return seq
