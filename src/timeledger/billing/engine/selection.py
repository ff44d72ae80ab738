"""What a billing run would bill, without running one (a run locks rows and writes; a report
must not).

``due_entries(organisation, up_to=…)`` are the time entries a run up to ``up_to`` would claim now,
decided by the run's own parts rather than a second copy of its rules:

- which projects and cut-offs: ``plans.due_plans`` (billing model, active schedule, due or not);
- projects the time strategy bills (hourly, hybrid): the conditions the run's SQL claims with
  (``sql.TIME_CLAIMABLE``) up to the plan's cut-off, priced in the client's currency. The run
  freezes unfrozen rates before it claims (``strategies.time.lock_rates``), so an approved entry
  without a frozen rate is billed when a rate resolves for it now
  (``rates.locking.rate_expression``, the rule the lock applies). The run applies the
  not-to-exceed cap before it claims, so for a capped project the cap as it stands now
  (``contracts.selectors.cap_check``) decides, not the stored ``needs_acceptance`` flag;
- projects the retainer strategy bills: the entries of every period the run would close
  (``strategies.retainers.period_to_close``), on the conditions of the closing claim
  (``sql.PERIOD_CLAIMABLE``).

Fixed-fee and milestone projects bill instalments and slices, never hours: no entry of theirs is
ever due. Work the run holds back (over the not-to-exceed cap, retainer periods with entries
awaiting approval, retainer stragglers) is not due either. The weekly audit's "approved, not
billed" lists the old ones; a test holds it equal to what ``preview`` and ``run_billing`` bill.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from types import SimpleNamespace

from django.db.models import Q, QuerySet

from timeledger.billing.engine import sql
from timeledger.billing.engine.base import Plan
from timeledger.billing.engine.plans import due_plans
from timeledger.billing.engine.strategies.retainers import RETAINERS, period_spans, period_to_close
from timeledger.billing.engine.strategies.time import TIME
from timeledger.contracts.models import Retainer, RetainerPeriod
from timeledger.contracts.selectors import cap_check
from timeledger.rates import rules as rate_rules
from timeledger.rates.locking import rate_expression
from timeledger.timesheets.models import TimeEntry


def _time_entries(
    organisation, project_ids: list[int], cutoff: dt.date, currency: str, capped=None
) -> Q:
    conditions = sql.TIME_CLAIMABLE
    if capped is not None:  # the cap as it stands, not the flag (the run re-applies it)
        conditions = tuple(c for c in conditions if c[0] != "needs_acceptance")
    claimable = sql.conditions_q(conditions) & Q(project_id__any=project_ids, date__lte=cutoff)
    if capped is not None:
        claimable &= ~Q(pk__any=sorted(capped.held))
    # As ``sql.Source.where``: a frozen rate in the client's currency (the partition's).
    frozen = Q(rate__isnull=False, currency=currency)
    will_freeze = (
        TimeEntry.objects.filter(organisation=organisation, rate_locked_at__isnull=True)
        .filter(claimable)
        .annotate(resolved=rate_expression(rate_rules.BILLING))
        .filter(resolved__isnull=False)
        .values("pk")
    )
    return claimable & (frozen | Q(pk__in=will_freeze))


def _retainer_entries(plans: dict[int, Plan]) -> Q:
    which = Q(pk__any=[])
    claimable = sql.conditions_q(sql.PERIOD_CLAIMABLE)
    for retainer in Retainer.objects.filter(project_id__any=list(plans)).order_by("id"):
        plan = plans[retainer.project_id]
        closed = dict(
            RetainerPeriod.objects.filter(retainer=retainer).values_list(
                "start", "overage_invoice_line_id"
            )
        )
        for start, end in period_spans(retainer, plan.cutoff):
            period = SimpleNamespace(
                start=start, end=end, overage_invoice_line_id=closed.get(start)
            )
            usage = period_to_close(plan.project, period, plan.cutoff)
            if usage is not None and usage.closes:
                which |= claimable & Q(project_id=retainer.project_id, date__range=(start, end))
    return which


def due_entries(organisation, *, up_to: dt.date) -> QuerySet[TimeEntry]:
    """The time entries of ``organisation`` a billing run up to ``up_to`` would bill now."""
    plans = due_plans(organisation, up_to)
    partitions: dict[tuple[dt.date, str], list[int]] = defaultdict(list)
    for plan in plans:
        if TIME.applies(plan):
            partitions[(plan.cutoff, plan.project.client.currency)].append(plan.project.id)
    check = cap_check([pid for ids in partitions.values() for pid in ids])
    which = Q(pk__any=[])
    for (cutoff, currency), ids in partitions.items():
        free = [pid for pid in ids if pid not in check.capped]
        capped = [pid for pid in ids if pid in check.capped]
        if free:
            which |= _time_entries(organisation, free, cutoff, currency)
        if capped:
            which |= _time_entries(organisation, capped, cutoff, currency, capped=check)
    which |= _retainer_entries({p.project.id: p for p in plans if RETAINERS.applies(p)})
    return TimeEntry.objects.filter(organisation=organisation).filter(which)
