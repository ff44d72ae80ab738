"""Retainers: the fee of every period that has started by the cut-off (in advance), and the close
of every period that has ended by it.

A close is one line with the period's hours against its allowance
(``contracts.rules.retainer_usage``: included + carried-in hours with rollover) and the overage at
the overage rate (0.00 within the allowance). The period's approved billable entries are claimed
onto that closing line, so retainer hours are billed exactly once and never also as time. A period
whose entries still await approval is not closed (held back, with their ids) until they are
decided. Entries dated before the retainer started, or approved after their period was closed,
stay unbilled and are listed as held back: a finance person adds them by hand if wanted.

claim: the period rows are locked first; the fee and the close each set their one-to-one column
with ``UPDATE … WHERE … IS NULL``; the close's entries with one ``UPDATE`` (``sql.claim_period``)
whose row count must match. verify: the entries on each closing line add up to the usage billed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import gettext, gettext_noop

from timeledger.billing import rules
from timeledger.billing.engine import sql
from timeledger.billing.engine.base import (
    Batch,
    ClaimConflict,
    Draft,
    Held,
    Plan,
    Row,
    Strategy,
    project_ids,
)
from timeledger.contracts import rules as contract_rules
from timeledger.contracts.models import Retainer, RetainerPeriod
from timeledger.contracts.retainers import ensure_period
from timeledger.core.hours import hours_2dp
from timeledger.core.money import quantize
from timeledger.invoicing.models import LineKind
from timeledger.projects.models import BillingModel, Project

BEFORE_START = gettext_noop("retainer project: dated before the retainer started")
AFTER_CLOSE = gettext_noop(
    "approved after their retainer period was closed; add them by hand if billable"
)


def period_spans(retainer: Retainer, cutoff: dt.date) -> list[tuple[dt.date, dt.date]]:
    """``[(first day, last day)]`` of the retainer's periods that have started by ``cutoff``."""
    out = []
    day = retainer.starts_on
    while day <= cutoff:
        start, end = contract_rules.period_bounds(retainer.starts_on, retainer.period, day)
        out.append((start, end))
        day = end + dt.timedelta(days=1)
    return out


class PeriodUsage(NamedTuple):
    entries: int  # approved, unbilled, billable: what the closing line claims
    seconds: int
    pending: int  # billable entries still awaiting approval

    @property
    def closes(self) -> bool:
        """A period closes once none of its entries awaits approval, if it has any to claim."""
        return not self.pending and self.entries > 0


def period_to_close(project: Project, period, cutoff: dt.date) -> PeriodUsage | None:
    """The usage of a retainer period a run up to ``cutoff`` closes now (``usage.closes``) or holds
    back (``usage.pending``); ``None`` while the period runs past the cut-off or is closed already.
    ``period`` needs ``start``, ``end`` and ``overage_invoice_line_id`` (a row, or a stand-in for a
    period not created yet). ``engine.selection`` asks the same question without running."""
    if period.end > cutoff or period.overage_invoice_line_id is not None:
        return None
    return PeriodUsage(
        *sql.period_usage(project.organisation_id, project.id, period.start, period.end)
    )


def periods_until(retainer: Retainer, cutoff: dt.date) -> list[RetainerPeriod]:
    """The retainer's periods that have started by ``cutoff``, rows locked, created when
    missing (``contracts.retainers.ensure_period``: carried-in hours with rollover)."""
    existing = {
        p.start: p for p in RetainerPeriod.objects.select_for_update().filter(retainer=retainer)
    }
    out = [
        existing.get(start) or ensure_period(retainer, start)
        for start, _end in period_spans(retainer, cutoff)
    ]
    missing = [p.pk for p in out if p.start not in existing]
    if missing:  # created just now: lock them too
        list(RetainerPeriod.objects.select_for_update().filter(pk__any=missing).values_list("pk"))
    return out


@dataclass
class _State:
    fees: list[tuple[Row, RetainerPeriod]] = field(default_factory=list)
    closes: list[tuple[Row, RetainerPeriod, int, Draft]] = field(default_factory=list)


class RetainerStrategy(Strategy):
    name = "retainers"
    models = frozenset({BillingModel.RETAINER})

    def ready(self, plans: list[Plan]) -> set[int]:
        cutoff = {p.project.id: p.cutoff for p in plans if self.applies(p)}
        if not cutoff:
            return set()
        starts = Retainer.objects.filter(project_id__any=list(cutoff)).values_list(
            "project_id", "starts_on"
        )
        return {pid for pid, starts_on in starts if starts_on <= cutoff[pid]}

    def collect(self, batch: Batch, drafts: list[Draft]) -> _State | None:
        if not drafts:
            return None
        state = _State()
        for retainer in Retainer.objects.filter(project_id__any=project_ids(drafts)).order_by("id"):
            d = batch.drafts[retainer.project_id]
            retainer.project = d.project
            if retainer.starts_on <= d.plan.cutoff:
                self._periods(d, retainer, state)
        return state

    def _stragglers(self, d: Draft, retainer: Retainer, periods) -> None:
        """Approved entries no closing line will take: listed as held back; a person decides."""
        closed = [(p.start, p.end) for p in periods if p.overage_invoice_line_id is not None]
        if not closed and d.plan.cutoff < retainer.starts_on:
            return
        last = max([retainer.starts_on - dt.timedelta(days=1), *(end for _s, end in closed)])
        before, after = Held(gettext(BEFORE_START), [], 0), Held(gettext(AFTER_CLOSE), [], 0)
        for day, entry_id, seconds in sql.unbilled_entries(
            d.project.organisation_id, d.project.id, last
        ):
            if day < retainer.starts_on:
                held = before
            elif any(start <= day <= end for start, end in closed):
                held = after
            else:
                continue
            held.entry_ids.append(entry_id)
            held.seconds += seconds
        d.held += [h for h in (before, after) if h.entry_ids]

    def _periods(self, d: Draft, retainer: Retainer, state: _State) -> None:
        project = d.project
        periods = periods_until(retainer, d.plan.cutoff)
        self._stragglers(d, retainer, periods)
        for period in periods:
            if period.fee_invoice_line_id is None and retainer.fee > 0:
                line = d.add(
                    Row(
                        organisation_id=project.organisation_id,
                        kind=LineKind.RETAINER_FEE,
                        description=rules.retainer_fee_description(
                            period.start, period.end, retainer.included_hours, language=d.language
                        )[:500],
                        quantity=Decimal(1),
                        unit="ea",
                        unit_price=retainer.fee,
                        net_amount=quantize(retainer.fee, d.currency),
                        service_date=period.start,
                        group_key=f"rf:{period.pk}",
                    )
                )
                state.fees.append((line, period))
            usage = period_to_close(project, period, d.plan.cutoff)
            if usage is None:
                continue
            if usage.pending:
                d.held.append(
                    Held(
                        gettext(
                            "retainer period %(start)s – %(end)s has entries awaiting approval; "
                            "it closes once they are decided"
                        )
                        % {"start": period.start, "end": period.end},
                        sql.pending_in_period(
                            project.organisation_id, project.id, period.start, period.end
                        ),
                    )
                )
                continue
            if not usage.closes:  # nothing to claim
                continue
            count, seconds = usage.entries, usage.seconds
            usage = contract_rules.retainer_usage(
                included_hours=retainer.included_hours,
                carried_in_hours=period.carried_in_hours,
                used_hours=hours_2dp(seconds),
                overage_rate=retainer.overage_rate,
                rollover=retainer.rollover,
                warn_percent=retainer.warn_percent,
                currency=d.currency,
                period_closed=True,
            )
            line = d.add(
                Row(
                    organisation_id=project.organisation_id,
                    kind=LineKind.RETAINER_OVERAGE,
                    description=rules.retainer_usage_description(
                        period.start,
                        period.end,
                        used_hours=usage.used_hours,
                        allowance_hours=usage.allowance_hours,
                        overage_hours=usage.overage_hours,
                        overage_rate=retainer.overage_rate,
                        overage_amount=usage.overage_amount,
                        currency=d.currency,
                        language=d.language,
                    )[:500],
                    quantity=usage.overage_hours.quantize(Decimal("0.0001")),
                    unit="h",
                    unit_price=retainer.overage_rate,
                    net_amount=usage.overage_amount,
                    entry_count=count,
                    service_date=period.end,
                    group_key=f"ro:{period.pk}",
                )
            )
            state.closes.append((line, period, seconds, d))

    def claim(self, batch: Batch, state: _State | None) -> None:
        if state is None:
            return
        for line, period in state.fees:
            if not RetainerPeriod.objects.filter(
                pk=period.pk, fee_invoice_line__isnull=True
            ).update(fee_invoice_line_id=line.pk):
                raise ClaimConflict(f"retainer fee of period {period.pk} was billed meanwhile")
        for line, period, _seconds, d in state.closes:
            if not RetainerPeriod.objects.filter(
                pk=period.pk, overage_invoice_line__isnull=True
            ).update(overage_invoice_line_id=line.pk):
                raise ClaimConflict(f"retainer period {period.pk} was closed meanwhile")
            claimed = sql.claim_period(
                batch.organisation.id,
                d.project.id,
                period.start,
                period.end,
                line.pk,
                now=batch.now,
            )
            if claimed != line.entry_count:
                raise ClaimConflict(
                    f"retainer period {period.pk}: claimed {claimed}, counted {line.entry_count}"
                )

    def verify(self, batch: Batch, state: _State | None) -> None:
        if not state or not state.closes:
            return
        actual = sql.billed_by_line([line.pk for line, *_ in state.closes])
        for line, _period, seconds, _d in state.closes:
            if actual.get(line.pk, (0, 0)) != (seconds, line.entry_count):
                raise ClaimConflict(
                    f"retainer line {line.pk}: entries differ from the usage billed"
                )


RETAINERS = RetainerStrategy()
