"""Pure rules of invoicing: number patterns, tax versions in force, due dates, credit limits.

Plain values in, plain values out; no ORM. A finance person can check each on paper.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

REVERSE_CHARGE = "AE"
EXEMPT = "E"
DEFAULT_REVERSE_CHARGE_NOTE = (
    "Reverse charge: VAT to be accounted for by the recipient "
    "(Article 196, Council Directive 2006/112/EC)."
)
DEFAULT_EXEMPT_NOTE = "VAT exempt (Article 132, Council Directive 2006/112/EC)."

_TOKEN = re.compile(r"\{(YYYY|YY|MM|SEQ(?::0?(\d{1,2}))?)\}")


class PatternError(ValueError):
    pass


def check_pattern(pattern: str) -> None:
    """A pattern must contain ``{SEQ}`` (or ``{SEQ:05}``) exactly once, and no unknown tokens."""
    tokens = _TOKEN.findall(pattern)
    if sum(1 for t, _ in tokens if t.startswith("SEQ")) != 1:
        raise PatternError("The pattern needs {SEQ} (e.g. {SEQ:05}) exactly once.")
    leftover = _TOKEN.sub("", pattern)
    if "{" in leftover or "}" in leftover:
        raise PatternError("Unknown placeholder; use {YYYY}, {YY}, {MM} and {SEQ:05}.")


def format_number(pattern: str, issue_date: dt.date, seq: int) -> str:
    """``INV-{YYYY}-{SEQ:05}`` with 7 on 2026-03-01 → ``INV-2026-00007``."""
    check_pattern(pattern)

    def sub(match: re.Match) -> str:
        token, width = match.group(1), match.group(2)
        if token == "YYYY":
            return f"{issue_date.year:04d}"
        if token == "YY":
            return f"{issue_date.year % 100:02d}"
        if token == "MM":
            return f"{issue_date.month:02d}"
        return f"{seq:0{int(width)}d}" if width else str(seq)

    return _TOKEN.sub(sub, pattern)


@dataclass(frozen=True)
class TaxVersion:
    id: int
    code: str
    rate: Decimal
    effective_from: dt.date | None


def version_in_force(versions: Iterable[TaxVersion], on: dt.date) -> TaxVersion | None:
    """The version with the latest ``effective_from`` on or before ``on`` (none = always).

    E.g. standard rate 19% from 2020-01-01 and 21% from 2026-07-01: an invoice dated 2026-06-30
    gets 19%, one dated 2026-07-01 gets 21%.
    """
    in_force = [v for v in versions if v.effective_from is None or v.effective_from <= on]
    if not in_force:
        return None
    return max(in_force, key=lambda v: (v.effective_from or dt.date.min, v.id))


def due_date(issue_date: dt.date, payment_terms_days: int) -> dt.date:
    """Net N: due N calendar days after the issue date."""
    return issue_date + dt.timedelta(days=payment_terms_days)


def legal_notes(categories: Iterable[tuple[str, str]]) -> str:
    """The legal notes an invoice must carry for its tax categories ``(code, note)``, in order,
    once each. Reverse charge and exempt lines get the directive's wording if none is set."""
    notes: list[str] = []
    for code, note in categories:
        text = note.strip()
        if not text and code == REVERSE_CHARGE:
            text = DEFAULT_REVERSE_CHARGE_NOTE
        if not text and code == EXEMPT:
            text = DEFAULT_EXEMPT_NOTE
        if text and text not in notes:
            notes.append(text)
    return "\n".join(notes)


def credit_left(invoiced: Decimal, already_credited: Decimal) -> Decimal:
    """How much of a line's quantity may still be credited."""
    return max(invoiced - already_credited, Decimal(0))


def settled_status(*, gross: Decimal, paid: Decimal, credited: Decimal, sent: bool) -> str:
    """The collection state of an issued invoice from its amounts.

    Fully settled: by credit notes alone → credited (nothing was paid), otherwise paid. Partly
    settled: any payment → partially paid, credit notes alone → partially credited (the open
    amount after credits is still owed). Else issued, or sent once it went out.
    """
    if gross - paid - credited <= 0:
        return "credited" if paid <= 0 and credited > 0 else "paid"
    if paid > 0:
        return "partially_paid"
    if credited > 0:
        return "partially_credited"
    return "sent" if sent else "issued"
