"""Billing rules a finance person can check on paper: periods, line texts, milestone slices,
review against the estimate, reconciliation holds. Plain values in, plain values out; no ORM.

Where money is rounded (written down once):
- a time line bills the *summed* billable seconds of its group at one rate. Its quantity is
  ``core.hours.hours_2dp(seconds)`` (decimal hours, half-up to 0.01 h) and its net is
  ``invoicing.totals.line_net(quantity, rate)`` = quantity × rate, half-up to the currency's minor
  unit. So the quantity and price on the invoice multiply to its amount exactly (EN 16931 /
  PEPPOL-EN16931-R120), and the timesheet annex rows (``core.hours.allocate_hours``) add up to
  the quantity. The line text shows the same three figures (``time_line_description``);
- a milestone slice from a% to b% of value V is ``round(V·b/100) − round(V·a/100)``, so the
  slices of a milestone always add up to exactly ``round(V)`` at 100 %;
- a retainer's closing line bills its overage hours (``hours_2dp`` of the period's seconds less the
  allowance) × the overage rate, rounded once;
- invoice totals then follow ``invoicing.totals`` (EN 16931).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from timeledger.core.hours import format_quantity, hours_2dp
from timeledger.core.money import format_money, quantize

HUNDRED = Decimal(100)
ZERO = Decimal("0.00")


# --- periods -------------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _day_in_month(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def period_end_on_or_before(
    frequency: str,
    on: dt.date,
    *,
    day_of_month: int = 31,
    weekday: int = 7,
    anchor: dt.date | None = None,
) -> dt.date:
    """The last day of the latest billing period that ends on or before ``on``.

    weekly: periods end on ISO ``weekday`` (7 = Sunday). biweekly: 14-day periods starting at
    ``anchor`` (default 2024-01-01, a Monday). semi_monthly: the 15th and the month end.
    monthly: day ``day_of_month`` (clamped to the month's length; 31 = month end).
    period_end: the month end.
    """
    if frequency == "weekly":
        return on - dt.timedelta(days=(on.isoweekday() - weekday) % 7)
    if frequency == "biweekly":
        start = anchor or dt.date(2024, 1, 1)
        days = (on - start).days + 1  # days elapsed including ``on``
        return on - dt.timedelta(days=days % 14)
    if frequency == "semi_monthly":
        end = _month_end(on.year, on.month)
        if on == end:
            return on
        if on.day >= 15:
            return on.replace(day=15)
        return _month_end(*_previous_month(on.year, on.month))
    if frequency == "monthly":
        this = _day_in_month(on.year, on.month, day_of_month)
        if this <= on:
            return this
        return _day_in_month(*_previous_month(on.year, on.month), day_of_month)
    if frequency == "period_end":
        end = _month_end(on.year, on.month)
        return on if on == end else _month_end(*_previous_month(on.year, on.month))
    raise ValueError(f"unknown frequency {frequency!r}")


def is_due(trigger: str, *, cutoff: dt.date, billed_through: dt.date | None, milestones_due: bool):
    """Is a project due for billing? ``cutoff`` is its latest period end (or the run's date).

    schedule: a period ended after the last billed one. milestone / hybrid: a milestone (or a
    further % of one) is ready. manual: always (a run bills whatever is ready).
    """
    if trigger in ("milestone", "hybrid"):
        return milestones_due
    if trigger == "schedule":
        return billed_through is None or cutoff > billed_through
    return True


# --- lines ---------------------------------------------------------------------------------------


def fmt(amount: Decimal, currency: str | None = None) -> str:
    """An amount in a line text: in the currency's decimals (``core.money.format_money``);
    without a currency, at least two decimals and a third only when it is there."""
    if currency is not None:
        return format_money(amount, currency)
    two = amount.quantize(Decimal("0.01"))
    return f"{two if two == amount else amount:,}"


def time_line_description(
    label: str, seconds: int, rate: Decimal, net: Decimal, currency: str = "EUR"
) -> str:
    """ "Discovery and architecture review — 12.00 h × 150.00 = 1,800.00": the line's quantity
    (``hours_2dp`` of its seconds), its rate and its net, in the currency's decimals."""
    shown = format_quantity(hours_2dp(seconds))
    return (
        f"{label} — {shown} h × {format_money(rate, currency, price=True)}"
        f" = {format_money(net, currency)}"
    )


@dataclass(frozen=True)
class Slice:
    from_percent: Decimal
    to_percent: Decimal
    amount: Decimal


def milestone_slice(
    value: Decimal, billed_percent: Decimal, target_percent: Decimal, currency: str
) -> Slice | None:
    """The next slice of a milestone to bill, or None when nothing more is ready.

    ``target_percent`` is 100 for a completed milestone, else its % complete; it is never billed
    beyond 100 %. Amounts are differences of rounded cumulative values (they add up exactly).
    """
    target = min(max(target_percent, Decimal(0)), HUNDRED)
    if target <= billed_percent:
        return None
    amount = quantize(value * target / HUNDRED, currency) - quantize(
        value * billed_percent / HUNDRED, currency
    )
    return Slice(billed_percent, target, amount)


# --- review against the estimate -----------------------------------------------------------------


@dataclass(frozen=True)
class Review:
    """Estimate / SOW, billed to date (issued, less credit notes), this invoice, remaining."""

    estimate: Decimal | None
    billed_to_date: Decimal
    other_drafts: Decimal
    this_invoice: Decimal
    remaining: Decimal | None
    currency: str | None = None

    @property
    def is_over(self) -> bool:
        return self.remaining is not None and self.remaining < 0

    @property
    def percent_used(self) -> Decimal | None:
        if not self.estimate:
            return None
        used = self.billed_to_date + self.other_drafts + self.this_invoice
        return (used * HUNDRED / self.estimate).quantize(Decimal("0.1"))


def review(
    estimate: Decimal | None,
    billed_to_date: Decimal,
    this_invoice: Decimal,
    other_drafts: Decimal = ZERO,
    currency: str | None = None,
) -> Review:
    remaining = None
    if estimate is not None:
        remaining = estimate - billed_to_date - other_drafts - this_invoice
    return Review(estimate, billed_to_date, other_drafts, this_invoice, remaining, currency)


def approval_errors(r: Review, note: str) -> dict[str, str]:
    """Over the estimate, a draft is approved only with a note that explains why."""
    if r.is_over and not note.strip():
        return {
            "estimate_note": f"This invoice takes the project {fmt(-r.remaining, r.currency)} over "
            f"its estimate of {fmt(r.estimate, r.currency)}; explain why before approving."
        }
    return {}


def underrun_offer(r: Review, *, project_closed: bool) -> Decimal | None:
    """At project close, an under-run (estimate not used up) is offered as a credit or carry-forward."""
    if project_closed and r.remaining is not None and r.remaining > 0:
        return r.remaining
    return None


def reconciliation_hold(
    *, billed_share: Decimal, percent_complete: Decimal, threshold: Decimal, what: str
) -> str | None:
    """Hold reason when the billed share (in % of the agreed value) and the % complete differ by
    more than ``threshold`` points; None when they agree closely enough."""
    gap = (billed_share - percent_complete).copy_abs()
    if gap > threshold:
        direction = "ahead of" if billed_share > percent_complete else "behind"
        return (
            f"{what}: billed {billed_share.quantize(Decimal('0.1'))}% is {direction} "
            f"{percent_complete.quantize(Decimal('0.1'))}% complete by "
            f"{gap.quantize(Decimal('0.1'))} points (threshold {threshold} points)."
        )
    return None


# --- fixed fee instalments and retainers (amounts come from projects.contract_rules) -------------


def instalment_line_description(
    label: str, percent: Decimal, fee: Decimal | None, currency: str | None = None
) -> str:
    """ "Fixed fee: Kick-off — 30.00% of 12,000.00"."""
    if fee is None:
        return f"Fixed fee: {label}"
    return f"Fixed fee: {label} — {percent}% of {fmt(fee, currency)}"


def _span(start: dt.date, end: dt.date) -> str:
    return f"{start:%d %b %Y} – {end:%d %b %Y}"


def retainer_fee_description(start: dt.date, end: dt.date, included_hours: Decimal) -> str:
    """ "Retainer 01 Jan 2026 – 31 Jan 2026 (40.00 h included)"."""
    return f"Retainer {_span(start, end)} ({included_hours} h included)"


def retainer_usage_description(
    start: dt.date,
    end: dt.date,
    *,
    used_hours: Decimal,
    allowance_hours: Decimal,
    overage_hours: Decimal,
    overage_rate: Decimal,
    overage_amount: Decimal,
    currency: str | None = None,
) -> str:
    """The closing line of a retainer period: its hours against the allowance, and the overage.
    "Retainer hours 01 Jan 2026 – 31 Jan 2026: 45.50 h of 40.00 h — overage 5.50 h × 95.00 = 522.50"."""
    used = format_quantity(used_hours)
    allowance = format_quantity(allowance_hours)
    head = f"Retainer hours {_span(start, end)}: {used} h of {allowance} h"
    if overage_hours <= 0:
        return f"{head} — no overage"
    over = format_quantity(overage_hours)
    rate = format_money(overage_rate, currency, price=True) if currency else fmt(overage_rate)
    return f"{head} — overage {over} h × {rate} = {fmt(overage_amount, currency)}"
