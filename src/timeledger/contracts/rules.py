"""Billing-model rules a finance person can check on paper. Plain values in and out; no ORM.

Rounding is written down here once: every money result is ``core.money.quantize`` (half-up to
the currency's minor unit); splits use ``core.money.allocate`` so parts add up to the whole.

- **Not-to-exceed cap** (hourly T&M): entries are taken in the order the work happened (date,
  then start — entries without a start first on their day — then id), whole entries only. An
  entry whose cumulative total goes beyond the cap — in money (the entries' amounts) or in hours —
  is *over the cap*: flagged ``needs_acceptance`` and not billed until a manager accepts it; once
  the cap is passed every later entry is over it too. Accepted entries still count toward the cap
  (the cap measures the work, not the invoices). Every billing run and preview applies this rule
  (``services.flag_cap_overruns_in``), so no background job is needed for the cap to hold.
- **Fixed fee schedule**: instalment amounts are the fee allocated by the instalments' percents;
  the percents must add up to exactly 100 and the amounts to exactly the fee.
- **Milestones**: releasable now = round(value × % complete) − already billed, never below zero
  and never beyond the value: a milestone never bills more than 100 % of itself.
- **Retainers**: allowance = included hours + hours carried in (only with rollover). Hours beyond
  the allowance are overage, billed at the overage rate. The overage flag goes up as soon as
  usage reaches ``warn_percent`` of the allowance while the period is still open. With rollover,
  unused hours carry into the next period (never negative; overage does not carry).
- **Budgets**: burn % = used / budget × 100 (budget + approved change orders); thresholds crossed
  are those ≤ burn %; each is alerted once.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from timeledger.core.hours import exact_hours
from timeledger.core.money import allocate, quantize

HUNDRED = Decimal(100)
ZERO = Decimal(0)


# --- not-to-exceed cap ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CapEntry:
    id: int
    date: dt.date
    seconds: int
    amount: Decimal | None  # None: no rate yet (counts for hours only)
    start: dt.datetime | None = None

    @property
    def work_order(self) -> tuple:
        return (self.date, self.start is not None, self.start or dt.datetime.min, self.id)


def over_cap(
    entries: Iterable[CapEntry],
    *,
    cap_amount: Decimal | None = None,
    cap_hours: Decimal | None = None,
) -> set[int]:
    """Ids of the entries whose cumulative money or hours (in work order) exceed the cap."""
    flagged: set[int] = set()
    if cap_amount is None and cap_hours is None:
        return flagged
    money = ZERO
    seconds = 0
    for e in sorted(entries, key=lambda x: x.work_order):
        money += e.amount or ZERO
        seconds += e.seconds
        if cap_amount is not None and money > cap_amount:
            flagged.add(e.id)
        elif cap_hours is not None and exact_hours(seconds) > cap_hours:
            flagged.add(e.id)
    return flagged


# --- fixed fee payment schedule ------------------------------------------------------------------


def schedule_errors(percents: list[Decimal]) -> str | None:
    if not percents:
        return _("Add at least one instalment.")
    if any(p <= 0 or p > HUNDRED for p in percents):
        # A mapping: the message is %-formatted (its "%%" become "%") whatever the translation holds.
        return _("Each instalment is more than 0 %% and at most 100 %% of the fee.") % {}
    total = sum(percents, ZERO)
    if total != HUNDRED:
        return _("The instalments add up to %(total)s %%, not 100 %%.") % {"total": total}
    return None


def instalment_amounts(fee: Decimal, percents: list[Decimal], currency: str) -> list[Decimal]:
    """The fee split by ``percents`` (which add up to 100), parts adding up exactly to the fee."""
    error = schedule_errors(percents)
    if error:
        raise ValueError(error)
    return allocate(fee, percents, currency)


# --- milestones ----------------------------------------------------------------------------------


def percent_errors(percent: Decimal) -> str | None:
    if percent < 0 or percent > HUNDRED:
        return "% complete must be between 0 and 100."
    return None


def milestone_releasable(
    value: Decimal, percent_complete: Decimal, already_billed: Decimal, currency: str
) -> Decimal:
    """What may be billed now for a milestone: never negative, never beyond its value in total."""
    error = percent_errors(percent_complete)
    if error:
        raise ValueError(error)
    earned = quantize(value * percent_complete / HUNDRED, currency)
    ceiling = quantize(value, currency) - already_billed
    return max(ZERO, min(earned - already_billed, ceiling))


# --- retainers -----------------------------------------------------------------------------------

PERIOD_MONTHS = {"monthly": 1, "quarterly": 3}


def _add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_bounds(starts_on: dt.date, period: str, on: dt.date) -> tuple[dt.date, dt.date]:
    """The retainer period (first and last day) that contains ``on`` (periods start on
    ``starts_on`` and repeat every month or quarter from it)."""
    months = PERIOD_MONTHS[period]
    if on < starts_on:
        raise ValueError("the retainer has not started on that date")
    k = ((on.year - starts_on.year) * 12 + on.month - starts_on.month) // months
    while k > 0 and _add_months(starts_on, k * months) > on:
        k -= 1
    while _add_months(starts_on, (k + 1) * months) <= on:
        k += 1
    start = _add_months(starts_on, k * months)
    end = _add_months(starts_on, (k + 1) * months) - dt.timedelta(days=1)
    return start, end


@dataclass(frozen=True)
class RetainerUsage:
    allowance_hours: Decimal
    used_hours: Decimal
    overage_hours: Decimal
    overage_amount: Decimal
    carry_out_hours: Decimal
    percent_used: Decimal | None
    should_flag: bool


def retainer_usage(
    *,
    included_hours: Decimal,
    carried_in_hours: Decimal,
    used_hours: Decimal,
    overage_rate: Decimal,
    rollover: bool,
    warn_percent: int,
    currency: str,
    period_closed: bool = False,
) -> RetainerUsage:
    allowance = included_hours + (carried_in_hours if rollover else ZERO)
    overage = max(ZERO, used_hours - allowance)
    percent = None if allowance == 0 else (used_hours / allowance * HUNDRED)
    reached = used_hours > 0 and (percent is None or percent >= warn_percent)
    return RetainerUsage(
        allowance_hours=allowance,
        used_hours=used_hours,
        overage_hours=overage,
        overage_amount=quantize(overage * overage_rate, currency),
        carry_out_hours=max(ZERO, allowance - used_hours) if rollover else ZERO,
        percent_used=None if percent is None else percent.quantize(Decimal("0.1")),
        should_flag=reached and not period_closed,
    )


# --- budgets -------------------------------------------------------------------------------------


def parse_thresholds(text: str) -> list[int]:
    """ "80,100" → [80, 100]; raises ValueError with a message for anything else."""
    values = []
    for part in (text or "").replace(" ", "").split(","):
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= 1000:
            raise ValueError(
                _("%(part)s is not a whole percent between 1 and 1000.") % {"part": repr(part)}
            )
        values.append(int(part))
    if not values:
        raise ValueError(_("Give at least one threshold, e.g. 80,100."))
    return sorted(set(values))


def burn_percent(used: Decimal, budget: Decimal | None) -> Decimal | None:
    if not budget:
        return None
    return (used / budget * HUNDRED).quantize(Decimal("0.1"))


def crossed(used: Decimal, budget: Decimal | None, thresholds: list[int]) -> list[int]:
    """Thresholds (percent) reached by ``used`` of ``budget`` (exact comparison, no rounding)."""
    if not budget:
        return []
    return [t for t in thresholds if used * HUNDRED >= budget * t]
