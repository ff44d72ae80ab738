"""The figures of an estimate, checkable on paper (plain values, no ORM).

- a time line: amount = round(hours × rate) half-up to the currency's minor unit, once;
- a fixed item or an expenses allowance: its amount as written;
- an optional line counts only when the client chose it;
- a phase: the sum of its counted lines (hours: of its time lines); the estimate: of its phases;
- the deposit: round(total × deposit % / 100);
- fixed-fee instalments: ``contracts.rules.instalment_amounts`` (they add up to the fee).
An estimate is expired the day after ``valid_until``.

The measured factor of a project type (the baseline for the next quote): per project,
ratio = actual hours (exact, from the logged seconds) ÷ estimated hours, to 0.01 half-up; the
factor = the median of the ratios (a few wild projects do not move it as a mean would), to 0.01
half-up. Applied to an estimate, each hours line becomes round(hours × factor, 0.01 h) half-up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from timeledger.core.hours import exact_hours
from timeledger.core.money import quantize

ZERO = Decimal(0)


@dataclass(frozen=True)
class Line:
    kind: str  # "time" | "fixed" | "expenses"
    hours: Decimal
    rate: Decimal
    amount: Decimal
    is_optional: bool = False
    is_chosen: bool = False

    @property
    def counts(self) -> bool:
        return not self.is_optional or self.is_chosen


def line_amount(line: Line, currency: str) -> Decimal:
    if line.kind == "time":
        return quantize(line.hours * line.rate, currency)
    return quantize(line.amount, currency)


@dataclass(frozen=True)
class Figures:
    hours: Decimal
    amount: Decimal


def phase_figures(lines: list[Line], currency: str) -> Figures:
    counted = [ln for ln in lines if ln.counts]
    return Figures(
        hours=sum((ln.hours for ln in counted if ln.kind == "time"), ZERO),
        amount=sum((line_amount(ln, currency) for ln in counted), quantize(ZERO, currency)),
    )


def estimate_figures(phases: list[list[Line]], currency: str) -> Figures:
    figures = [phase_figures(p, currency) for p in phases]
    return Figures(
        hours=sum((f.hours for f in figures), ZERO),
        amount=sum((f.amount for f in figures), quantize(ZERO, currency)),
    )


def deposit_amount(total: Decimal, percent: Decimal, currency: str) -> Decimal:
    return quantize(total * percent / 100, currency)


def is_expired(valid_until: dt.date, today: dt.date) -> bool:
    return today > valid_until


def accuracy(estimated: Decimal, actual: Decimal) -> Decimal | None:
    """Actual ÷ estimated (1.20: took 20 % more), to 2 decimals; None without an estimate."""
    if not estimated:
        return None
    return quantize(actual / estimated, "EUR")


CENTI = Decimal("0.01")


def ratio(actual_seconds: int, estimate_hours: Decimal) -> Decimal:
    """Actual ÷ estimate, from the exact seconds, to 0.01 half-up."""
    return (exact_hours(actual_seconds) / estimate_hours).quantize(CENTI, rounding=ROUND_HALF_UP)


def factor(ratios: list[Decimal]) -> Decimal:
    """The median ratio, to 0.01 half-up."""
    return Decimal(median(ratios)).quantize(CENTI, rounding=ROUND_HALF_UP)


def factored_hours(hours: Decimal, applied: Decimal) -> Decimal:
    """An hours line with the factor applied, to 0.01 h half-up."""
    return (hours * applied).quantize(CENTI, rounding=ROUND_HALF_UP)
