"""Hours: the one place logged seconds become hours, are rounded and are shown.

Durations are stored as whole seconds (``seconds`` logged, ``billable_seconds`` after the
project's rounding). Every other figure is derived here, so a timesheet, a report, an export, an
invoice line and its timesheet annex never disagree:

- **Decimal hours** (``hours_2dp``): seconds / 3600 rounded *half-up* to 0.01 h, once, from the
  seconds (5,418 s = 1.505 h → 1.51 h). Never from an already rounded figure, never half-even.
- **A time line's quantity** is ``hours_2dp`` of the summed seconds of its entries, and its net is
  ``quantity × rate`` rounded to the currency's minor unit (``invoicing.totals.line_net``): the
  quantity and price printed on the invoice multiply to its amount exactly, as EN 16931 (rule
  PEPPOL-EN16931-R120) requires.
- **The timesheet annex** shows each entry's share of its line's quantity (``allocate_hours``):
  hundredths of an hour handed out by largest remainder (``core.money.allocate_units``), so the
  rows of a line always add up to the line's quantity. One entry alone shows ``hours_2dp`` of its
  seconds; entries of whole 0.01 h steps (36 s) show their exact hours.
- **Shown as** ``h:mm`` on screens (``hhmm``: 5,418 s → ``1:30``, seconds dropped, as a timesheet
  counts whole minutes) and as decimal hours on invoices, labelled so that ``1.50`` cannot be read
  as 1 h 50 min (``unit_label``: ``h`` → ``hrs (decimal)``; ``DECIMAL_HOURS_NOTE``). The template
  filters ``hours`` / ``decimal_hours`` / ``quantity`` / ``unit_label`` (``core.templatetags.tl``)
  and the PDF context (``invoicing.rendering``) call these functions and nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from timeledger.core.money import allocate, allocate_units

SECONDS_PER_HOUR = 3600
HOUR = Decimal(SECONDS_PER_HOUR)
HOURS_PLACES = 2
CENTI_HOUR = Decimal("0.01")
HOUR_UNITS = frozenset({"h", "hr", "hrs", "hour", "hours", "HUR"})
DECIMAL_HOURS_LABEL = "hrs (decimal)"
DECIMAL_HOURS_NOTE = "Hours are decimal hours: 1.50 hrs = 1 hour 30 minutes."


def exact_hours(seconds: int) -> Decimal:
    """Exact hours for a whole number of seconds (not rounded; for comparisons, never shown)."""
    return Decimal(seconds) / HOUR


def hours_2dp(seconds: int) -> Decimal:
    """Hours with two decimals, half-up (``5418`` s → ``1.51``): the hours every screen, export,
    report and invoice line shows. ``Decimal.quantize`` alone would round half-even."""
    return exact_hours(seconds).quantize(CENTI_HOUR, rounding=ROUND_HALF_UP)


def allocate_hours(seconds: Sequence[int]) -> list[Decimal]:
    """Split ``hours_2dp(sum(seconds))`` over the entries in proportion to their seconds, in
    hundredths of an hour, so the parts add up exactly to the line's quantity (largest remainder;
    ties go to the earlier entry). Entries of zero seconds get ``0.00``."""
    total = hours_2dp(sum(seconds))
    if not seconds:
        return []
    if total == 0 or sum(seconds) == 0:
        return [Decimal("0.00")] * len(seconds)
    return allocate_units(total, [Decimal(s) for s in seconds], HOURS_PLACES)


def line_shares(
    seconds: Sequence[int], net: Decimal, currency: str
) -> list[tuple[Decimal, Decimal]]:
    """Each entry's share of the invoice line that bills it: ``(hours, amount)``.

    Billed time shows the line's figures: hours are ``allocate_hours`` (hundredths adding up to
    ``hours_2dp`` of the line's seconds: a time line's quantity), amounts the line's net amount
    split in proportion to the billable seconds by largest remainder in the currency's minor
    unit — so the entries of a line add up to what the invoice says, to the cent and the
    hundredth (six 20-minute entries on a 2.00 h × 110.00 line: 0.34/0.33 h and 36.67/36.66,
    adding up to 2.00 h and 220.00, where each entry's own frozen amount, 36.67, would make
    220.02). Entries of zero seconds share the amount only when all have zero seconds.
    """
    if not seconds:
        return []
    weights = [Decimal(s) for s in seconds] if sum(seconds) > 0 else [Decimal(1)] * len(seconds)
    return list(zip(allocate_hours(seconds), allocate(net, weights, currency), strict=True))


def hours_to_seconds(hours: Decimal) -> int:
    """Decimal hours (a budget, an estimate, an allowance) as whole seconds, half-up."""
    return int((hours * HOUR).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def hhmm(seconds: int) -> str:
    """``5400`` → ``"1:30"`` (hours:minutes, what a timesheet shows; seconds are dropped)."""
    sign = "-" if seconds < 0 else ""
    minutes = abs(int(seconds)) // 60
    return f"{sign}{minutes // 60}:{minutes % 60:02d}"


def format_quantity(quantity: Decimal) -> str:
    """A line's quantity as printed: two decimals (``1.51``), more only when the stored quantity
    has more (a manual line of ``0.125`` units), so quantity × price = amount on paper."""
    two = quantity.quantize(CENTI_HOUR)
    if two == quantity:
        return f"{two:,}"
    return f"{quantity.normalize():,f}"


def format_decimal_hours(seconds: int) -> str:
    """``5418`` → ``"1.51"``: ``hours_2dp`` as text (the caller adds ``unit_label('h')``)."""
    return format_quantity(hours_2dp(seconds))


def is_hours(unit: str) -> bool:
    return unit in HOUR_UNITS


def unit_label(unit: str) -> str:
    """How a line's unit is printed on invoices: hours say they are decimal (``hrs (decimal)``),
    other units as they are."""
    return DECIMAL_HOURS_LABEL if is_hours(unit) else unit
