"""Pure rules of collection: allocation of a payment, aging buckets, which reminder is due."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_noop

ZERO = Decimal("0.00")

AGING_BUCKETS = ("current", "1-30", "31-60", "61-90", "90+")
# Translated where shown (``{% translate label %}`` on the aging page).
AGING_LABELS = {
    "current": gettext_noop("Current"),
    "1-30": gettext_noop("1–30 days"),
    "31-60": gettext_noop("31–60 days"),
    "61-90": gettext_noop("61–90 days"),
    "90+": gettext_noop("90+ days"),
}


def aging_bucket(days_overdue: int) -> str:
    """Not yet due (or due today) is current; then 1–30, 31–60, 61–90 and over 90 days."""
    if days_overdue <= 0:
        return "current"
    if days_overdue <= 30:
        return "1-30"
    if days_overdue <= 60:
        return "31-60"
    if days_overdue <= 90:
        return "61-90"
    return "90+"


@dataclass(frozen=True)
class OpenInvoice:
    id: int
    balance: Decimal


def auto_allocation(amount: Decimal, invoices: Sequence[OpenInvoice]) -> dict[int, Decimal]:
    """Spread ``amount`` over ``invoices`` in the given order (oldest due first), each up to its
    balance. What is left over is not allocated: it stays on the payment as the client's credit."""
    left = amount
    out: dict[int, Decimal] = {}
    for inv in invoices:
        if left <= 0:
            break
        part = min(left, inv.balance)
        if part > 0:
            out[inv.id] = part
            left -= part
    return out


def reminder_level_due(
    days_overdue: int, levels: Sequence[int], already_sent: set[int]
) -> int | None:
    """The reminder level to send now: the highest level reached, unless it or a higher one was
    sent already. Lower levels skipped on the way (e.g. the job did not run for weeks) are not
    sent after a higher one: a client never gets a "first reminder" after the final one."""
    reached = [lvl for lvl in sorted(levels) if lvl <= days_overdue]
    if not reached:
        return None
    highest = reached[-1]
    if any(sent >= highest for sent in already_sent):
        return None
    return highest
