"""The checks a draft must pass to go out untouched: small named rules over plain values.

Each rule takes the draft's ``Facts`` (gathered by ``selectors.facts_for``) and the policy's
``Limits`` and returns ``None`` when the draft passes, else the sentence a finance person reads
in the review queue. ``CHECKS`` is the one list: the pass applies all of them, the review queue
names the failed ones, the audit row of an automatic issue lists the passed ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext, gettext_noop

from timeledger.core import stored_text
from timeledger.core.money import format_money, quantize

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Limits:
    """The organisation's bounds on what goes out untouched (``InvoicingPolicy``)."""

    currency: str  # the organisation's: the amount limit is in it
    amount_limit: Decimal
    band_percent: Decimal
    allow_first_invoice: bool


@dataclass(frozen=True)
class Facts:
    """What the checks need to know of one draft, as plain values."""

    currency: str
    gross_total: Decimal
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    pending_entries: int = 0  # the project's entries of the period still draft or submitted
    unapproved_on_draft: int = 0  # entries on the draft that are not approved/invoiced
    held_by_cap: int = 0  # approved entries the not-to-exceed cap holds back, not accepted
    change_orders_requested: int = 0  # change orders awaiting a decision
    estimate: Decimal | None = None
    over_estimate: Decimal = Decimal(0)  # by how much this draft takes the project over
    estimate_note: str = ""
    on_hold: bool = False
    hold_reason: str = ""
    delivery_problems: tuple[str, ...] = ()
    einvoice_problems: tuple[str, ...] = ()
    issue_problems: tuple[str, ...] = ()
    trailing_average: Decimal | None = None  # of the client's recent invoices, same currency
    trailing_count: int = 0
    earlier_invoices: int = 0  # the client's issued invoices (not void, not proforma)
    added_lines: tuple[str, ...] = field(default_factory=tuple)  # manual lines and discounts


def _money(amount: Decimal, currency: str) -> str:
    return f"{format_money(quantize(amount, currency), currency)} {currency}"


# What a check says, stored in English with the review queue (``services.run_pass``) and shown
# in the reader's language by ``message_text``: each a marked msgid, filled in with ``%``.
UNAPPROVED = gettext_noop("%(count)s entr(y/ies) on the draft are not approved.")
PENDING_IN_PERIOD = gettext_noop(
    "%(count)s time entr(y/ies) of %(start)s – %(end)s are still draft or submitted; "
    "approve (or reject) them, then re-run billing."
)
PENDING = gettext_noop(
    "%(count)s time entr(y/ies) are still draft or submitted; "
    "approve (or reject) them, then re-run billing."
)
HELD_AND_ORDERS = gettext_noop(
    "%(held)s approved entr(y/ies) are held back by the not-to-exceed cap until a manager "
    "accepts them; %(orders)s change order(s) await a decision."
)
HELD = gettext_noop(
    "%(held)s approved entr(y/ies) are held back by the not-to-exceed cap until a manager "
    "accepts them."
)
ORDERS = gettext_noop("%(orders)s change order(s) await a decision.")
OVER_ESTIMATE = gettext_noop(
    "This invoice takes the project %(over)s over its estimate of %(estimate)s; "
    "add the over-run note."
)
ON_HOLD = gettext_noop("On hold: %(reason)s A manager must release it.")
OTHER_CURRENCY = gettext_noop(
    "The limit is in %(limit_currency)s and this invoice is in %(currency)s; "
    "amounts are not compared across currencies."
)
ABOVE_LIMIT = gettext_noop("%(gross)s is above the limit of %(limit)s for automatic sending.")
OUTSIDE_BAND = gettext_noop(
    "%(gross)s is outside ±%(band)s %% of the client's average of %(average)s over its last "
    "%(count)s invoice(s) (%(low)s – %(high)s)."
)
FIRST_INVOICE = gettext_noop("This is the client's first invoice; a person sends the first one.")
LINES_ADDED_MORE = gettext_noop(
    "A manual line or discount was added after the billing run: %(lines)s and %(more)s more."
)
LINES_ADDED = gettext_noop("A manual line or discount was added after the billing run: %(lines)s.")
DAILY_COUNT = gettext_noop("The daily limit of %(limit)s automatic invoice(s) is reached.")
DAILY_CURRENCY = gettext_noop(
    "The daily total is kept in the organisation's currency; this invoice is not."
)
DAILY_TOTAL = gettext_noop("The daily total limit of %(limit)s would be exceeded.")
MESSAGES = (
    UNAPPROVED,
    PENDING_IN_PERIOD,
    PENDING,
    HELD_AND_ORDERS,
    HELD,
    ORDERS,
    OVER_ESTIMATE,
    ON_HOLD,
    OTHER_CURRENCY,
    ABOVE_LIMIT,
    OUTSIDE_BAND,
    FIRST_INVOICE,
    LINES_ADDED_MORE,
    LINES_ADDED,
    DAILY_COUNT,
    DAILY_CURRENCY,
    DAILY_TOTAL,
)


def message_text(stored: str) -> str:
    """A check's stored message in the active language; one it does not know, as stored. An
    on-hold message's reason is the draft's hold reason, translated as the draft page does."""
    from timeledger.billing.rules import hold_reason_text

    found = stored_text.match(stored, MESSAGES)
    if found:
        msgid, facts = found
        if msgid == ON_HOLD:
            facts["reason"] = hold_reason_text(facts["reason"])
        return gettext(msgid) % facts
    # A message without figures that another part of the app wrote (issuing's own refusals):
    # its catalogue entry, if it has one.
    return gettext(stored) if stored else stored


def time_approved(f: Facts, limits: Limits) -> str | None:
    """All of the draft's time approved, and nothing of its period still submitted or draft."""
    if f.unapproved_on_draft:
        return UNAPPROVED % {"count": f.unapproved_on_draft}
    if f.pending_entries:
        if f.period_start and f.period_end:
            return PENDING_IN_PERIOD % {
                "count": f.pending_entries,
                "start": f"{f.period_start:%d %b}",
                "end": f"{f.period_end:%d %b %Y}",
            }
        return PENDING % {"count": f.pending_entries}
    return None


def nothing_held_back(f: Facts, limits: Limits) -> str | None:
    """Nothing held back by the not-to-exceed cap, no change order awaiting acceptance."""
    facts = {"held": f.held_by_cap, "orders": f.change_orders_requested}
    if f.held_by_cap and f.change_orders_requested:
        return HELD_AND_ORDERS % facts
    if f.held_by_cap:
        return HELD % facts
    if f.change_orders_requested:
        return ORDERS % facts
    return None


def within_estimate(f: Facts, limits: Limits) -> str | None:
    """Within the estimate, or the over-run explained in the draft's estimate note."""
    if f.over_estimate > 0 and not f.estimate_note.strip():
        return OVER_ESTIMATE % {
            "over": _money(f.over_estimate, f.currency),
            "estimate": _money(f.estimate or Decimal(0), f.currency),
        }
    return None


def no_reconciliation_hold(f: Facts, limits: Limits) -> str | None:
    """Not on a reconciliation hold (billed share far from % complete)."""
    if f.on_hold:
        return ON_HOLD % {"reason": f.hold_reason or "no reason given"}
    return None


def delivery_complete(f: Facts, limits: Limits) -> str | None:
    """The client's delivery data complete (e-mail; e-invoice format and address where
    required), and nothing else that issuing itself would refuse."""
    problems = (*f.delivery_problems, *f.issue_problems)
    return " ".join(problems) if problems else None


def einvoice_valid(f: Facts, limits: Limits) -> str | None:
    """The e-invoice, as it would be issued, passes e-invoicing's validation."""
    return " ".join(f.einvoice_problems) if f.einvoice_problems else None


def within_amount_limit(f: Facts, limits: Limits) -> str | None:
    """The gross within the organisation's limit (which is in the organisation's currency: an
    invoice in another currency is not compared across currencies; it waits)."""
    if f.currency != limits.currency:
        return OTHER_CURRENCY % {"limit_currency": limits.currency, "currency": f.currency}
    if f.gross_total > limits.amount_limit:
        return ABOVE_LIMIT % {
            "gross": _money(f.gross_total, f.currency),
            "limit": _money(limits.amount_limit, limits.currency),
        }
    return None


def _percent(value: Decimal) -> str:
    """``50.00`` → ``50``, ``12.50`` → ``12.5`` (never ``5E+1``)."""
    return format(value.normalize(), "f")


def band_bounds(average: Decimal, band_percent: Decimal, currency: str) -> tuple[Decimal, Decimal]:
    """``average ± band_percent %``, each end rounded to the minor unit."""
    spread = average * band_percent / HUNDRED
    return quantize(average - spread, currency), quantize(average + spread, currency)


def within_band(f: Facts, limits: Limits) -> str | None:
    """Within ``band_percent`` of the client's trailing average (no history: nothing to
    compare; the first-invoice check decides)."""
    if f.trailing_average is None or f.trailing_count == 0:
        return None
    low, high = band_bounds(f.trailing_average, limits.band_percent, f.currency)
    if low <= f.gross_total <= high:
        return None
    return OUTSIDE_BAND % {
        "gross": _money(f.gross_total, f.currency),
        "band": _percent(limits.band_percent),
        "average": _money(f.trailing_average, f.currency),
        "count": f.trailing_count,
        "low": _money(low, f.currency),
        "high": _money(high, f.currency),
    }


def not_first_invoice(f: Facts, limits: Limits) -> str | None:
    """Not the client's first invoice, unless the policy allows it."""
    if f.earlier_invoices == 0 and not limits.allow_first_invoice:
        return FIRST_INVOICE
    return None


def no_lines_added(f: Facts, limits: Limits) -> str | None:
    """No manual line or discount added since the billing run made the draft."""
    if f.added_lines:
        shown = "; ".join(f"'{d}'" for d in f.added_lines[:3])
        if len(f.added_lines) > 3:
            return LINES_ADDED_MORE % {"lines": shown, "more": len(f.added_lines) - 3}
        return LINES_ADDED % {"lines": shown}
    return None


@dataclass(frozen=True)
class Check:
    code: str
    label: str
    rule: Callable[[Facts, Limits], str | None]


# The checks' names are stored with the review queue's reasons in English and translated where
# shown (``{% translate r.label %}`` on the review page).
CHECKS: tuple[Check, ...] = (
    Check("time_approved", gettext_noop("All time approved"), time_approved),
    Check(
        "nothing_held_back",
        gettext_noop("Nothing held back by a cap or awaiting acceptance"),
        nothing_held_back,
    ),
    Check(
        "within_estimate", gettext_noop("Within the estimate (or over-run note)"), within_estimate
    ),
    Check("no_reconciliation_hold", gettext_noop("No reconciliation hold"), no_reconciliation_hold),
    Check("delivery_complete", gettext_noop("Client delivery data complete"), delivery_complete),
    Check("einvoice_valid", gettext_noop("E-invoice valid"), einvoice_valid),
    Check("within_amount_limit", gettext_noop("Within the amount limit"), within_amount_limit),
    Check("within_band", gettext_noop("Within the band around the client's average"), within_band),
    Check("not_first_invoice", gettext_noop("Not the client's first invoice"), not_first_invoice),
    Check("no_lines_added", gettext_noop("No manual line or discount added"), no_lines_added),
)
CHECK_LABELS = {c.code: c.label for c in CHECKS}


@dataclass(frozen=True)
class Outcome:
    passed: tuple[str, ...]
    failed: tuple[tuple[str, str], ...]  # (code, message)

    @property
    def ok(self) -> bool:
        return not self.failed


def evaluate(f: Facts, limits: Limits) -> Outcome:
    """Every check, in order: which passed, which failed and why."""
    passed, failed = [], []
    for check in CHECKS:
        message = check.rule(f, limits)
        if message is None:
            passed.append(check.code)
        else:
            failed.append((check.code, message))
    return Outcome(tuple(passed), tuple(failed))


def send_due_at(made_at_local: dt.datetime, send_at: dt.time) -> dt.datetime:
    """The first instant at ``send_at`` (local wall time) at or after the draft was made: a
    draft of 02:00 with 09:00 goes out at 09:00 that day, one of 15:00 at 09:00 the next."""
    same_day = made_at_local.replace(
        hour=send_at.hour, minute=send_at.minute, second=0, microsecond=0
    )
    if same_day >= made_at_local:
        return same_day
    return same_day + dt.timedelta(days=1)


def within_daily_limits(
    *,
    sent_count: int,
    sent_total: Decimal,
    count_limit: int,
    total_limit: Decimal,
    gross: Decimal,
    same_currency: bool,
) -> str | None:
    """Today's automatic sends stay within the count and the total (organisation's currency)."""
    if sent_count + 1 > count_limit:
        return DAILY_COUNT % {"limit": count_limit}
    if not same_currency:
        return DAILY_CURRENCY
    if sent_total + gross > total_limit:
        return DAILY_TOTAL % {"limit": total_limit}
    return None


def percentile(values: list[Decimal | int], pct: int) -> Decimal | None:
    """Nearest-rank percentile (``pct`` 50 = median of an odd list; no interpolation)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-pct * len(ordered) // 100))  # ceil(pct/100 × n)
    return Decimal(ordered[rank - 1])
