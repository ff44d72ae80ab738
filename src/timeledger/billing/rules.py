"""Billing rules a finance person can check on paper: periods, line texts, milestone slices,
review against the estimate, under-runs and carry-forwards, reconciliation holds. Plain values in, plain values out; no ORM.

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
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from timeledger.billing.models import Trigger
from timeledger.core.hours import format_quantity, hours_2dp
from timeledger.core.money import format_money, quantize
from timeledger.core.stored_text import msgid_pattern

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
    if trigger in (Trigger.MILESTONE, Trigger.HYBRID):
        return milestones_due
    if trigger == Trigger.SCHEDULE:
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


# --- the words and numbers of a line text, in the invoice's language ----------------------------
# A line text is written once, when the engine makes the line, in the language the invoice will be
# printed in (the client's, ``Client.document_language``). English keeps the neutral figures
# (1,234.50) and dates (01 Jan 2026) it always had; de/nl/fr write numbers with their own
# separators (1.234,50) and dates as they do on invoices (01.01.2026). The " — " between a time
# line's label and its figures is the same in every language (``strategies.time._label_of``).


def words(language: str | None):
    """``with words(language):`` — gettext speaks the invoice's language (English when none)."""
    return translation.override(language or "en")


def _is_english(language: str | None) -> bool:
    return not language or language == "en"


def localise(neutral: str, language: str | None) -> str:
    """A number written neutrally (``1,234.50``) with ``language``'s separators (``1.234,50``)."""
    if _is_english(language):
        return neutral
    table = {
        ",": formats.get_format("THOUSAND_SEPARATOR", language),
        ".": formats.get_format("DECIMAL_SEPARATOR", language),
    }
    return neutral.translate(str.maketrans(table))


def _day(day: dt.date, language: str | None) -> str:
    if _is_english(language):
        return f"{day:%d %b %Y}"
    with words(language):
        return formats.date_format(
            day, pgettext("invoice line: a date (Django date format)", "d M Y")
        )


def day_label(day: dt.date, language: str | None = None) -> str:
    """The label of a line of one day's time (grouping by date): "Mon 02 Mar 2026"; German
    "Mo, 02.03.2026"."""
    if _is_english(language):
        return f"{day:%a %d %b %Y}"  # as it always read (and no catalogue on the hot path)
    with words(language):
        return formats.date_format(
            day, pgettext("invoice line: a day (Django date format)", "D d M Y")
        )


def _hours_unit(language: str | None) -> str:
    if _is_english(language):
        return "h"  # the source text; no catalogue look-up on the engine's hot path
    with words(language):
        return pgettext("hours, in an invoice line's text", "h")


def time_line_description(
    label: str,
    seconds: int,
    rate: Decimal,
    net: Decimal,
    currency: str = "EUR",
    *,
    language: str | None = None,
) -> str:
    """ "Discovery and architecture review — 12.00 h × 150.00 = 1,800.00": the line's quantity
    (``hours_2dp`` of its seconds), its rate and its net, in the currency's decimals (German:
    "… — 12,00 Std. × 150,00 = 1.800,00")."""
    shown = localise(format_quantity(hours_2dp(seconds)), language)
    price = localise(format_money(rate, currency, price=True), language)
    return (
        f"{label} — {shown} {_hours_unit(language)} × {price}"
        f" = {localise(format_money(net, currency), language)}"
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
            "estimate_note": _(
                "This invoice takes the project %(over)s over its estimate of %(estimate)s; "
                "explain why before approving."
            )
            % {"over": fmt(-r.remaining, r.currency), "estimate": fmt(r.estimate, r.currency)}
        }
    return {}


def underrun_offer(
    r: Review,
    *,
    project_closed: bool,
    settlement_lines: Decimal = ZERO,
    settled: Decimal = ZERO,
) -> Decimal | None:
    """At project close, an under-run (the project cost less than its estimate) is offered as a
    credit on this draft or as a carry-forward onto the project's next invoice.

    under-run = estimate − work billed, where work billed is billed to date + other drafts + this
    invoice *before* any under-run settlement: ``settlement_lines`` (the under-run credit lines
    and carried-forward lines already on the project's invoices, as a positive amount) are added
    back, because they lowered the totals without being work. What was already settled
    (``settled``: under-run credits given and amounts carried forward, pending or applied) is not
    offered again. Example: estimate 1,000.00, 840.00 billed → 160.00; after a 60.00 credit on
    the draft (net 780.00) the offer is 1,000 − (780 + 60) − 60 = 100.00; after carrying those
    100.00 forward it is 0 (no offer).
    """
    if not project_closed or r.remaining is None:
        return None
    left = r.remaining - settlement_lines - settled
    return left if left > 0 else None


def carry_forward_description(
    source: str, project_code: str, *, language: str | None = None
) -> str:
    """ "Carried forward from invoice INV-2026-00012: unused estimate of project WEB"."""
    with words(language):
        return _(
            "Carried forward from invoice %(source)s: unused estimate of project %(project)s"
        ) % {"source": source, "project": project_code}


def carry_forwards_that_fit(invoice_net: Decimal, amounts: list[Decimal]) -> list[int]:
    """Which pending carry-forwards (oldest first) a new draft takes: each whole, while the draft's
    net stays at or above zero — a carried-forward credit never turns an invoice into a credit
    note. One that does not fit waits for a later invoice (the ones after it may still fit)."""
    taken, left = [], invoice_net
    for i, amount in enumerate(amounts):
        if amount <= left:
            taken.append(i)
            left -= amount
    return taken


def reconciliation_hold(
    *, billed_share: Decimal, percent_complete: Decimal, threshold: Decimal, what: str
) -> str | None:
    """Hold reason when the billed share (in % of the agreed value) and the % complete differ by
    more than ``threshold`` points; None when they agree closely enough. In the active language
    (a billing run writes it in English: ``engine.batch.bill_batch``; a preview in the reader's)."""
    gap = (billed_share - percent_complete).copy_abs()
    if gap > threshold:
        if billed_share > percent_complete:
            text = _(
                "%(what)s: billed %(billed)s%% is ahead of %(complete)s%% complete by %(gap)s "
                "points (threshold %(threshold)s points)."
            )
        else:
            text = _(
                "%(what)s: billed %(billed)s%% is behind %(complete)s%% complete by %(gap)s "
                "points (threshold %(threshold)s points)."
            )
        return text % {
            "what": what,
            "billed": billed_share.quantize(Decimal("0.1")),
            "complete": percent_complete.quantize(Decimal("0.1")),
            "gap": gap.quantize(Decimal("0.1")),
            "threshold": threshold,
        }
    return None


def milestone_what(name: str) -> str:
    """The ``what`` of a milestone's reconciliation hold: "Milestone 'Launch'"."""
    return _("Milestone '%(name)s'") % {"name": name}


# --- progress: fixed-fee instalments and hybrid T&M against % complete --------------------------

TENTH = Decimal("0.1")


def _tenth(value: Decimal) -> Decimal:
    return value.quantize(TENTH, rounding=ROUND_HALF_UP)


def _points(value: Decimal) -> str:
    """10.00 → "10", 7.50 → "7.5"."""
    return format(value.normalize(), "f")


def project_percent_complete(
    tasks: list[tuple[Decimal, Decimal | None, bool]],
) -> Decimal | None:
    """A project's % complete from its tasks: ``(percent complete, estimate hours, is done)`` of
    each task that is not archived. A done task counts as 100 %.

    Weighted by estimate hours: Σ(% × estimate) ÷ Σ estimate over the tasks with an estimate above
    zero; tasks without one are left out then. When no task has an estimate, the plain average of
    all tasks. None when the project has no tasks (nothing to compare with). Rounded to 0.1 half-up.
    """
    if not tasks:
        return None
    percents = [(HUNDRED if done else pct, est) for pct, est, done in tasks]
    weighted = [(pct, est) for pct, est in percents if est]
    if weighted:
        value = sum(pct * est for pct, est in weighted) / sum(est for _pct, est in weighted)
    else:
        value = sum(pct for pct, _est in percents) / len(percents)
    return _tenth(value)


# The comparison's sentence per basis (``Reconciliation.basis``), translated where it is shown.
_SUMMARIES = {
    "the fee": gettext_noop(
        "Fixed fee: billed %(share)s%% of the fee (%(billed)s of %(agreed)s), "
        "project %(complete)s%% complete"
    ),
    "the budget hours": gettext_noop(
        "T&M: billed %(share)s%% of the budget hours (%(billed)s of %(agreed)s), "
        "project %(complete)s%% complete"
    ),
    "the budget": gettext_noop(
        "T&M: billed %(share)s%% of the budget (%(billed)s of %(agreed)s), "
        "project %(complete)s%% complete"
    ),
}


@dataclass(frozen=True)
class Reconciliation:
    """What is billed against how far the work is: one comparison, with the figures behind it."""

    what: str  # "Fixed fee", "T&M"
    basis: str  # "the fee", "the budget hours", "the budget"
    billed: Decimal  # billed so far, this draft included (money, or hours)
    agreed: Decimal  # the fee or the budget (money, or hours)
    unit: str  # "h" for hours, else the currency
    billed_share: Decimal  # billed ÷ agreed × 100, to 0.1
    percent_complete: Decimal  # to 0.1
    threshold: Decimal

    @property
    def gap(self) -> Decimal:
        return (self.billed_share - self.percent_complete).copy_abs()

    @property
    def is_beyond(self) -> bool:
        return self.gap > self.threshold

    def _amount(self, value: Decimal) -> str:
        return f"{value.quantize(Decimal('0.01'))} h" if self.unit == "h" else fmt(value)

    @property
    def summary(self) -> str:
        """ "Fixed fee: billed 60.0% of the fee (7,200.00 of 12,000.00), project 30.0% complete",
        in the active language (the draft page shows it in the reader's)."""
        return _(_SUMMARIES[self.basis]) % {
            "share": self.billed_share,
            "billed": self._amount(self.billed),
            "agreed": self._amount(self.agreed),
            "complete": self.percent_complete,
        }

    @property
    def reason(self) -> str | None:
        """The hold reason, or None when within the threshold."""
        if not self.is_beyond:
            return None
        return _("%(summary)s; %(gap)s points apart, threshold %(threshold)s points.") % {
            "summary": self.summary,
            "gap": self.gap,
            "threshold": _points(self.threshold),
        }


def progress_reconciliation(
    *,
    billing_model: str,
    percent_complete: Decimal | None,
    threshold: Decimal,
    currency: str = "",
    fee: Decimal | None = None,
    fee_billed: Decimal = ZERO,
    budget_hours: Decimal | None = None,
    hours_billed: Decimal = ZERO,
    budget_amount: Decimal | None = None,
    amount_billed: Decimal = ZERO,
) -> Reconciliation | None:
    """Reconciliation hold for fixed-fee instalments and for the T&M part of a hybrid project
    (milestones are compared slice by slice in ``reconciliation_hold``).

    - fixed fee: billed share = fixed-fee instalments billed so far, this draft included, less
      what credit notes took back (``fee_billed``) ÷ the project's fixed fee × 100;
    - hybrid, T&M part: billed share = hours on the time lines billed so far, this draft included
      (``hours_billed``) ÷ the budget hours × 100; without budget hours, the amount of those time
      lines ÷ the money budget. Budgets include approved change orders.
    - the share and the project's % complete (``project_percent_complete``) are rounded to 0.1
      and compared; more than ``threshold`` points apart, either way, and the draft is held.

    None when there is nothing to compare: another billing model, no fee or budget (or zero), or
    no % complete (a project without tasks). Example: fee 12,000.00, 7,200.00 billed → 60.0 %;
    project 30.0 % complete; 30.0 points apart > 10 → "Fixed fee: billed 60.0% of the fee
    (7,200.00 of 12,000.00), project 30.0% complete; 30.0 points apart, threshold 10 points."
    """
    if percent_complete is None:
        return None
    if billing_model == "fixed_fee" and fee:
        what, basis, billed, agreed, unit = "Fixed fee", "the fee", fee_billed, fee, currency
    elif billing_model == "hybrid" and budget_hours:
        what, basis, billed, agreed, unit = (
            "T&M",
            "the budget hours",
            hours_billed,
            budget_hours,
            "h",
        )
    elif billing_model == "hybrid" and budget_amount:
        what, basis, billed, agreed, unit = (
            "T&M",
            "the budget",
            amount_billed,
            budget_amount,
            currency,
        )
    else:
        return None
    return Reconciliation(
        what=what,
        basis=basis,
        billed=billed,
        agreed=agreed,
        unit=unit,
        billed_share=_tenth(billed * HUNDRED / agreed),
        percent_complete=_tenth(percent_complete),
        threshold=threshold,
    )


# --- fixed fee instalments and retainers (amounts come from projects.contract_rules) -------------


def instalment_line_description(
    label: str,
    percent: Decimal,
    fee: Decimal | None,
    currency: str | None = None,
    *,
    language: str | None = None,
) -> str:
    """ "Fixed fee: Kick-off — 30.00% of 12,000.00"."""
    with words(language):
        if fee is None:
            return _("Fixed fee: %(label)s") % {"label": label}
        return _("Fixed fee: %(label)s — %(percent)s%% of %(fee)s") % {
            "label": label,
            "percent": localise(str(percent), language),
            "fee": localise(fmt(fee, currency), language),
        }


def milestone_line_description(
    name: str,
    from_percent: Decimal,
    to_percent: Decimal,
    value: Decimal,
    currency: str,
    *,
    language: str | None = None,
) -> str:
    """ "Milestone: Launch — complete", or a slice: "Milestone: Launch — 0% → 50% of 8,000.00"."""
    with words(language):
        if from_percent == 0 and to_percent == 100:
            return _("Milestone: %(name)s — complete") % {"name": name}
        return _("Milestone: %(name)s — %(from)s%% → %(to)s%% of %(value)s") % {
            "name": name,
            "from": localise(str(from_percent), language),
            "to": localise(str(to_percent), language),
            "value": localise(fmt(value, currency), language),
        }


def change_order_description(description: str, *, language: str | None = None) -> str:
    """ "Change order: Extra payment provider"."""
    with words(language):
        return _("Change order: %(description)s") % {"description": description}


def final_invoice_note(code: str, name: str, *, language: str | None = None) -> str:
    """The final invoice's note: "Final invoice for project WEB — Web shop."."""
    with words(language):
        return _("Final invoice for project %(code)s — %(name)s.") % {"code": code, "name": name}


def _span(start: dt.date, end: dt.date, language: str | None = None) -> str:
    return f"{_day(start, language)} – {_day(end, language)}"


def retainer_fee_description(
    start: dt.date, end: dt.date, included_hours: Decimal, *, language: str | None = None
) -> str:
    """ "Retainer 01 Jan 2026 – 31 Jan 2026 (40.00 h included)"."""
    with words(language):
        return _("Retainer %(period)s (%(hours)s h included)") % {
            "period": _span(start, end, language),
            "hours": localise(str(included_hours), language),
        }


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
    language: str | None = None,
) -> str:
    """The closing line of a retainer period: its hours against the allowance, and the overage.
    "Retainer hours 01 Jan 2026 – 31 Jan 2026: 45.50 h of 40.00 h — overage 5.50 h × 95.00 = 522.50"."""
    facts = {
        "period": _span(start, end, language),
        "used": localise(format_quantity(used_hours), language),
        "allowance": localise(format_quantity(allowance_hours), language),
        "over": localise(format_quantity(overage_hours), language),
        "rate": localise(
            format_money(overage_rate, currency, price=True) if currency else fmt(overage_rate),
            language,
        ),
        "amount": localise(fmt(overage_amount, currency), language),
    }
    with words(language):
        if overage_hours <= 0:
            return (
                _("Retainer hours %(period)s: %(used)s h of %(allowance)s h — no overage") % facts
            )
        return (
            _(
                "Retainer hours %(period)s: %(used)s h of %(allowance)s h — overage %(over)s h"
                " × %(rate)s = %(amount)s"
            )
            % facts
        )


# --- a stored hold reason, shown in the reader's language ------------------------------------------

_PROGRESS_REASON = gettext_noop(
    "%(summary)s; %(gap)s points apart, threshold %(threshold)s points."
)
_MILESTONE_HOLDS = (
    gettext_noop(
        "%(what)s: billed %(billed)s%% is ahead of %(complete)s%% complete by %(gap)s "
        "points (threshold %(threshold)s points)."
    ),
    gettext_noop(
        "%(what)s: billed %(billed)s%% is behind %(complete)s%% complete by %(gap)s "
        "points (threshold %(threshold)s points)."
    ),
)
_MILESTONE_WHAT = gettext_noop("Milestone '%(name)s'")


@cache
def _hold_patterns() -> list[tuple[re.Pattern, object]]:
    """Compiled once; the texts are translated when a match is rendered."""
    summaries = "|".join(
        f"(?P<s{i}>{msgid_pattern(msgid).replace('(?P<', f'(?P<s{i}_')})"
        for i, msgid in enumerate(_SUMMARIES.values())
    )
    progress = re.compile(msgid_pattern(_PROGRESS_REASON, summary=f"(?:{summaries})") + "(?= |$)")
    what = msgid_pattern(_MILESTONE_WHAT).replace("(?P<name>", "(?P<what_name>")
    milestones = [re.compile(msgid_pattern(m, what=what) + "(?= |$)") for m in _MILESTONE_HOLDS]

    def progress_text(m: re.Match) -> str:
        for i, msgid in enumerate(_SUMMARIES.values()):
            if m.group(f"s{i}") is not None:
                names = ("share", "billed", "agreed", "complete")
                summary = _(msgid) % {n: m.group(f"s{i}_{n}") for n in names}
                break
        return _(_PROGRESS_REASON) % {
            "summary": summary,
            "gap": m.group("gap"),
            "threshold": m.group("threshold"),
        }

    def milestone_text(msgid):
        def text(m: re.Match) -> str:
            facts = {n: m.group(n) for n in ("billed", "complete", "gap", "threshold")}
            facts["what"] = _(_MILESTONE_WHAT) % {"name": m.group("what_name")}
            return _(msgid) % facts

        return text

    return [(progress, progress_text)] + [
        (p, milestone_text(msgid)) for p, msgid in zip(milestones, _MILESTONE_HOLDS, strict=True)
    ]


def hold_reason_text(stored: str) -> str:
    """A draft's ``hold_reason`` as the billing engine stored it (English, its reasons joined by
    spaces) in the active language: each reason recognised is translated with its own figures.
    Anything not recognised (a reason written by hand or by an older version) is shown as it is
    stored, whole — never half translated."""
    if not stored or translation.get_language() in (None, "en", "en-gb", "en-us"):
        return stored
    out, at = [], 0
    patterns = _hold_patterns()
    while at < len(stored):
        for pattern, text in patterns:
            m = pattern.match(stored, at)
            if m:
                out.append(text(m))
                at = m.end() + 1
                break
        else:
            return stored
    return " ".join(out)
