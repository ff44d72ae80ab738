"""Billing runs: find due projects, build their drafts, claim what they bill — exactly once.

A run works through the due projects in batches. Each batch is one transaction that
1. locks the batch's project rows (``SELECT … FOR UPDATE`` in id order, so concurrent runs
   serialise per project and never deadlock),
2. freezes the rates of approved entries that are not frozen yet (``rates.locking``, set-based),
3. aggregates the approved unbilled entries in SQL (``engine.sql.aggregate``),
4. creates the invoices and lines with two ``bulk_create``s,
5. claims the entries with one ``UPDATE … FROM`` per partition and checks the row count, claims
   milestone slices through unique ``MilestoneRelease`` rows; change orders, fixed-fee
   instalments and retainer periods (fee, close) through their one-to-one ``invoice_line``
   columns, set by a conditional ``UPDATE … WHERE invoice_line IS NULL`` on rows locked first,
6. re-reads what the claimed entries add up to per line and compares it with what was billed.

Any difference or error rolls the whole batch back: no partial draft survives. A failed batch is
retried project by project, so one bad project does not hold back the others. A dry run is the
same code inside a transaction that is rolled back at the end: the preview shows exactly what a run
would bill. Nothing here loops over entries; the queries per batch do not grow with them.

Billing models:
- hourly / hybrid: approved unbilled entries up to the cut-off become time lines. Entries above a
  not-to-exceed cap (``needs_acceptance``, no manager acceptance yet) are left unbilled and listed
  in the result as held back until accepted (``projects.contracts.accept_overruns``).
- milestone / hybrid: due milestone slices (hybrid: a ready milestone unlocks the invoice, and the
  approved hours fill its T&M part).
- fixed fee: every unbilled payment instalment due on or before the cut-off, once.
- retainer: every period that has started by the cut-off bills its fee once (in advance); every
  period that has ended by the cut-off is *closed* once: one line with its hours against the
  allowance (``contract_rules.retainer_usage``: included + carried-in hours with rollover) and the
  overage at the overage rate (0.00 when within the allowance). The period's approved billable
  entries are claimed onto that closing line, so retainer hours are marked billed exactly once
  and never also billed as T&M. A period whose entries still await approval is not closed (held
  back, listed in the result) until they are decided. Entries approved after their period was
  closed stay unbilled (listed as held back) — a finance person adds them by hand if wanted.
- approved change orders of every model, once.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace
from typing import NamedTuple

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import connection, transaction
from django.db.models import F, Max, Min
from django.utils import timezone

from timeledger.accounts.models import Member
from timeledger.billing import rules, selectors
from timeledger.billing.engine import carry_forwards, sql
from timeledger.billing.models import BillingRun, BillingSchedule, MilestoneRelease
from timeledger.contracts import rules as contract_rules
from timeledger.contracts.models import (
    ChangeOrder,
    ChangeOrderStatus,
    PaymentInstalment,
    Retainer,
    RetainerPeriod,
)
from timeledger.core.hours import hours_2dp
from timeledger.core.models import AuditLog
from timeledger.core.money import quantize
from timeledger.invoicing.models import Invoice, InvoiceLine, InvoiceStatus, LineGrouping, LineKind
from timeledger.invoicing.totals import line_net, totals
from timeledger.projects.models import (
    BillingModel,
    Milestone,
    MilestoneStatus,
    Phase,
    Project,
    Task,
)
from timeledger.timesheets.models import EntryStatus, TimeEntry

log = logging.getLogger(__name__)

HOURLY_MODELS = {BillingModel.HOURLY, BillingModel.HYBRID}
MILESTONE_MODELS = {BillingModel.MILESTONE, BillingModel.HYBRID}
DEFAULT_THRESHOLD = Decimal("10.00")
HELD_ONLY = "held_back"  # a project result with nothing billed, only work held back


class Row(SimpleNamespace):
    """A row to insert (an invoice or a line): plain attributes, ``pk`` once inserted. Model
    instances cost more to build than the SQL that writes them (see ``sql.insert_rows``)."""

    pk = None

    def values(self) -> dict:
        return {k: v for k, v in vars(self).items() if k != "pk"}


def insert(model, rows: list[Row], now: dt.datetime) -> None:
    for row, pk in zip(
        rows, sql.insert_rows(model, [r.values() for r in rows], now=now), strict=True
    ):
        row.pk = pk


class ClaimConflict(Exception):
    """What the UPDATE claimed differs from what was counted: another writer got in between."""


@dataclass
class Plan:
    """What a run will do for one project."""

    project: Project
    trigger: str
    cutoff: dt.date
    grouping: str
    include_timesheet: bool
    threshold: Decimal
    scheduled: bool

    @property
    def bills_hours(self) -> bool:
        return self.project.billing_model in HOURLY_MODELS

    @property
    def bills_milestones(self) -> bool:
        return self.project.billing_model in MILESTONE_MODELS

    @property
    def bills_instalments(self) -> bool:
        return self.project.billing_model == BillingModel.FIXED_FEE

    @property
    def bills_retainer(self) -> bool:
        return self.project.billing_model == BillingModel.RETAINER


@dataclass
class ProjectResult:
    code: str
    project_id: int
    currency: str
    cutoff: dt.date
    invoice_id: int | None = None
    net: Decimal = Decimal("0.00")
    gross: Decimal = Decimal("0.00")
    entries: int = 0
    status: str = ""
    hold_reason: str = ""
    error: str = ""
    lines: list[dict] = field(default_factory=list)
    held_back: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "project": self.code,
            "currency": self.currency,
            "cutoff": self.cutoff.isoformat(),
            "invoice": self.invoice_id,
            "net": str(self.net),
            "gross": str(self.gross),
            "entries": self.entries,
            "status": self.status,
            "hold_reason": self.hold_reason,
            "error": self.error,
            "lines": self.lines,
            "held_back": self.held_back,
        }


@dataclass
class RunResult:
    up_to: dt.date
    dry_run: bool
    run: BillingRun | None = None
    projects: list[ProjectResult] = field(default_factory=list)

    @property
    def billed(self) -> list[ProjectResult]:
        return [p for p in self.projects if not p.error and p.status != HELD_ONLY]

    @property
    def held_back(self) -> list[ProjectResult]:
        """Projects with work held back (cap not accepted, retainer hours awaiting approval)."""
        return [p for p in self.projects if p.held_back]

    @property
    def errors(self) -> list[ProjectResult]:
        return [p for p in self.projects if p.error]

    @property
    def entries(self) -> int:
        return sum(p.entries for p in self.billed)

    def totals_by_currency(self) -> dict[str, Decimal]:
        out: dict[str, Decimal] = defaultdict(lambda: Decimal("0.00"))
        for p in self.billed:
            out[p.currency] += p.net
        return dict(out)


# --- planning ------------------------------------------------------------------------------------


def _schedule(project: Project) -> BillingSchedule | None:
    try:
        return project.billing_schedule
    except ObjectDoesNotExist:
        return None


def plan_for(project: Project, up_to: dt.date, *, explicit: bool = False) -> Plan | None:
    schedule = _schedule(project)
    if schedule is None:
        return Plan(project, "manual", up_to, LineGrouping.PHASE, False, DEFAULT_THRESHOLD, False)
    if not schedule.is_active and not explicit:
        return None
    cutoff = up_to
    if schedule.trigger == "schedule":
        cutoff = rules.period_end_on_or_before(
            schedule.frequency,
            up_to,
            day_of_month=schedule.day_of_month,
            weekday=schedule.weekday,
            anchor=schedule.anchor_date,
        )
    return Plan(
        project,
        schedule.trigger,
        cutoff,
        schedule.grouping,
        schedule.include_timesheet,
        schedule.reconciliation_threshold,
        schedule.trigger == "schedule",
    )


def _milestones(project_ids) -> dict[int, list[Milestone]]:
    out: dict[int, list[Milestone]] = defaultdict(list)
    for m in (
        Milestone.objects.filter(project_id__in=project_ids)
        .annotate(billed=Max("releases__to_percent"))
        .order_by("due_date", "id")
    ):
        m.billed = m.billed or Decimal(0)
        out[m.project_id].append(m)
    return out


def _target(m: Milestone) -> Decimal:
    return Decimal(100) if m.status == MilestoneStatus.COMPLETE else m.percent_complete


def due_plans(organisation, up_to: dt.date, project_codes: list[str] | None = None) -> list[Plan]:
    projects = (
        Project.objects.filter(organisation=organisation, is_archived=False)
        .exclude(billing_model=BillingModel.NON_BILLABLE)
        .select_related("client", "billing_schedule")
        .order_by("id")
    )
    if project_codes:
        projects = projects.filter(code__in=project_codes)
        found = {p.code for p in projects}
        missing = sorted(set(project_codes) - found)
        if missing:
            raise ValidationError({"project": [f"No billable project {', '.join(missing)}."]})
    projects = list(projects)
    milestone_ids = [p.id for p in projects if p.billing_model in MILESTONE_MODELS]
    milestones = _milestones(milestone_ids) if milestone_ids else {}
    instalments_from = dict(
        PaymentInstalment.objects.filter(
            project_id__in=[p.id for p in projects if p.billing_model == BillingModel.FIXED_FEE],
            invoice_line__isnull=True,
        )
        .values("project_id")
        .annotate(first=Min("due_date"))
        .values_list("project_id", "first")
    )
    retainers_from = dict(
        Retainer.objects.filter(
            project_id__in=[p.id for p in projects if p.billing_model == BillingModel.RETAINER]
        ).values_list("project_id", "starts_on")
    )
    plans = []
    for project in projects:
        plan = plan_for(project, up_to, explicit=bool(project_codes))
        if plan is None:
            continue
        ready = any(_target(m) > m.billed for m in milestones.get(project.id, []))
        first_due = instalments_from.get(project.id) or retainers_from.get(project.id)
        ready = ready or (first_due is not None and first_due <= plan.cutoff)
        schedule = _schedule(project)
        if project_codes or rules.is_due(
            plan.trigger,
            cutoff=plan.cutoff,
            billed_through=schedule.billed_through if schedule else None,
            milestones_due=ready,
        ):
            plans.append(plan)
    return plans


# --- building a batch ----------------------------------------------------------------------------


def _lock_rates(organisation_id: int, project_ids, up_to: dt.date, now: dt.datetime) -> int:
    """Freeze rates of approved entries not frozen yet (set-based, helper ``rates.locking``)."""
    try:
        from timeledger.rates.locking import lock_entries
    except ImportError:  # rates locking not installed: only entries locked at approval bill
        return 0
    qs = TimeEntry.objects.filter(
        organisation_id=organisation_id,
        project_id__in=list(project_ids),
        status=EntryStatus.APPROVED,
        invoice_line__isnull=True,
        rate_locked_at__isnull=True,
        date__lte=up_to,
    )
    if not qs.exists():  # the usual case: approval froze them already
        return 0
    return lock_entries(qs, at=now)


def _member_names(ids) -> dict[str, str]:
    rows = Member.objects.filter(id__in=ids).values_list(
        "id", "user__first_name", "user__last_name", "user__email"
    )
    return {str(i): (f"{f} {last}".strip() or e) for i, f, last, e in rows}


def _labels(grouping: str, keys: set[str]) -> dict[str, tuple]:
    """``{key: (sort, label)}`` for the non-empty group keys of one grouping."""
    ids = [int(k) for k in keys if k and grouping in ("phase", "task", "member")]
    if grouping == "phase":
        return {
            str(i): ((pos, name), name)
            for i, name, pos in Phase.objects.filter(id__in=ids).values_list(
                "id", "name", "position"
            )
        }
    if grouping == "task":
        return {
            str(i): ((0, name), name)
            for i, name in Task.objects.filter(id__in=ids).values_list("id", "name")
        }
    if grouping == "member":
        return {k: ((0, v), v) for k, v in _member_names(ids).items()}
    if grouping == "date":
        return {k: ((0, k), f"{dt.date.fromisoformat(k[:10]):%a %d %b %Y}") for k in keys if k}
    return {}


@dataclass
class _Draft:
    plan: Plan
    invoice: Row | Invoice
    lines: list[Row] = field(default_factory=list)
    groups: list[sql.Group] = field(default_factory=list)
    releases: list[tuple[Row, Milestone, rules.Slice]] = field(default_factory=list)
    change_orders: list[tuple[Row, ChangeOrder]] = field(default_factory=list)
    instalments: list[tuple[Row, PaymentInstalment]] = field(default_factory=list)
    retainer_fees: list[tuple[Row, RetainerPeriod]] = field(default_factory=list)
    retainer_closes: list[tuple[Row, RetainerPeriod, int]] = field(default_factory=list)
    held: list[dict] = field(default_factory=list)


def _time_lines(draft: _Draft, labels: dict[str, tuple]) -> None:
    project = draft.plan.project
    grouping = draft.plan.grouping
    fallback = project.name

    def order(g: sql.Group):
        sort, _ = labels.get(g.key, ((10**9, ""), fallback))
        return (sort, g.rate)

    for g in sorted(draft.groups, key=order):
        _, label = labels.get(g.key, (None, fallback))
        quantity = hours_2dp(g.seconds)
        net = line_net(quantity, g.rate, project.client.currency)
        line = Row(
            organisation_id=project.organisation_id,
            kind=LineKind.TIME,
            description=rules.time_line_description(
                label, g.seconds, g.rate, net, project.client.currency
            )[:500],
            quantity=quantity,
            unit="h",
            unit_price=g.rate,
            net_amount=net,
            group_key=g.group_key,
            entry_count=g.count,
            phase_id=None,
            task_id=None,
            member_id=None,
            service_date=None,
        )
        if g.key:
            if grouping == "phase":
                line.phase_id = int(g.key)
            elif grouping == "task":
                line.task_id = int(g.key)
            elif grouping == "member":
                line.member_id = int(g.key)
            elif grouping == "date":
                line.service_date = dt.date.fromisoformat(g.key[:10])
        draft.lines.append(line)


def _milestone_lines(draft: _Draft, milestones: list[Milestone]) -> None:
    currency = draft.plan.project.client.currency
    for m in milestones:
        piece = rules.milestone_slice(m.value, m.billed, _target(m), currency)
        if piece is None:
            continue
        if piece.from_percent == 0 and piece.to_percent == 100:
            text = f"Milestone: {m.name} — complete"
        else:
            text = f"Milestone: {m.name} — {piece.from_percent}% → {piece.to_percent}% of {rules.fmt(m.value, currency)}"
        line = Row(
            organisation_id=m.organisation_id,
            kind=LineKind.MILESTONE,
            description=text[:500],
            quantity=Decimal(1),
            unit="ea",
            unit_price=piece.amount,
            net_amount=piece.amount,
            milestone_id=m.id,
            phase_id=m.phase_id,
            group_key=f"ms:{m.id}:{piece.to_percent}",
        )
        draft.lines.append(line)
        draft.releases.append((line, m, piece))


def _change_order_lines(draft: _Draft, orders: list[ChangeOrder]) -> None:
    for co in orders:
        line = Row(
            organisation_id=co.organisation_id,
            kind=LineKind.CHANGE_ORDER,
            description=f"Change order: {co.description}"[:500],
            quantity=Decimal(1),
            unit="ea",
            unit_price=co.amount,
            net_amount=co.amount,
            group_key=f"co:{co.id}",
        )
        draft.lines.append(line)
        draft.change_orders.append((line, co))


def _instalment_lines(draft: _Draft, instalments: list[PaymentInstalment]) -> None:
    project = draft.plan.project
    for inst in instalments:
        line = Row(
            organisation_id=inst.organisation_id,
            kind=LineKind.FIXED_FEE,
            description=rules.instalment_line_description(
                inst.label, inst.percent, project.fixed_fee, project.client.currency
            )[:500],
            quantity=Decimal(1),
            unit="ea",
            unit_price=inst.amount,
            net_amount=inst.amount,
            service_date=inst.due_date,
            group_key=f"ff:{inst.id}",
        )
        draft.lines.append(line)
        draft.instalments.append((line, inst))


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


def _retainer_periods(retainer: Retainer, cutoff: dt.date) -> list[RetainerPeriod]:
    """The retainer's periods that have started by ``cutoff``, rows locked, created when
    missing (``contracts.retainers.ensure_period``: carried-in hours with rollover)."""
    from timeledger.contracts.retainers import ensure_period

    existing = {
        p.start: p for p in RetainerPeriod.objects.select_for_update().filter(retainer=retainer)
    }
    out = [
        existing.get(start) or ensure_period(retainer, start)
        for start, _end in period_spans(retainer, cutoff)
    ]
    missing = [p.pk for p in out if p.start not in existing]
    if missing:  # created just now: lock them too
        list(RetainerPeriod.objects.select_for_update().filter(pk__in=missing).values_list("pk"))
    return out


def _retainer_stragglers(draft: _Draft, retainer: Retainer, periods) -> None:
    """Approved entries no closing line will take: dated before the retainer started, or
    approved after their period was closed. Listed as held back; a person decides."""
    closed = [(p.start, p.end) for p in periods if p.overage_invoice_line_id is not None]
    if not closed and draft.plan.cutoff < retainer.starts_on:
        return
    last = max([retainer.starts_on - dt.timedelta(days=1), *(end for _s, end in closed)])
    before = after = (0, 0)
    project = draft.plan.project
    for day, count, seconds in sql.unbilled_by_day(project.organisation_id, project.id, last):
        if day < retainer.starts_on:
            before = (before[0] + count, before[1] + seconds)
        elif any(start <= day <= end for start, end in closed):
            after = (after[0] + count, after[1] + seconds)
    for (count, seconds), reason in (
        (before, "retainer project: dated before the retainer started"),
        (after, "approved after their retainer period was closed; add them by hand if billable"),
    ):
        if count:
            draft.held.append(
                {
                    "reason": reason,
                    "entries": count,
                    "hours": str(hours_2dp(seconds)),
                }
            )


def _retainer_lines(draft: _Draft, retainer: Retainer) -> None:
    plan = draft.plan
    project = plan.project
    currency = project.client.currency
    periods = _retainer_periods(retainer, plan.cutoff)
    _retainer_stragglers(draft, retainer, periods)
    for period in periods:
        if period.fee_invoice_line_id is None and retainer.fee > 0:
            line = Row(
                organisation_id=project.organisation_id,
                kind=LineKind.RETAINER_FEE,
                description=rules.retainer_fee_description(
                    period.start, period.end, retainer.included_hours
                )[:500],
                quantity=Decimal(1),
                unit="ea",
                unit_price=retainer.fee,
                net_amount=quantize(retainer.fee, currency),
                service_date=period.start,
                group_key=f"rf:{period.pk}",
            )
            draft.lines.append(line)
            draft.retainer_fees.append((line, period))
        usage = period_to_close(project, period, plan.cutoff)
        if usage is None:
            continue
        if usage.pending:
            draft.held.append(
                {
                    "reason": f"retainer period {period.start} – {period.end} has entries "
                    "awaiting approval; it closes once they are decided",
                    "entries": usage.pending,
                }
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
            currency=currency,
            period_closed=True,
        )
        line = Row(
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
                currency=currency,
            )[:500],
            quantity=usage.overage_hours.quantize(Decimal("0.0001")),
            unit="h",
            unit_price=retainer.overage_rate,
            net_amount=usage.overage_amount,
            entry_count=count,
            service_date=period.end,
            group_key=f"ro:{period.pk}",
        )
        draft.lines.append(line)
        draft.retainer_closes.append((line, period, seconds))


def _hold_reason(draft: _Draft) -> str:
    """Reconciliation: a milestone's billed share against its % complete (threshold in points)."""
    reasons = []
    for _line, m, piece in draft.releases:
        reason = rules.reconciliation_hold(
            billed_share=piece.to_percent,
            percent_complete=m.percent_complete,
            threshold=draft.plan.threshold,
            what=f"Milestone '{m.name}'",
        )
        if reason:
            reasons.append(reason)
    return " ".join(reasons)


def _audit_rows(drafts: list[_Draft], actor_id, run: BillingRun | None) -> list[Row]:
    return [
        Row(
            organisation_id=d.invoice.organisation_id,
            actor_id=actor_id,
            action="bill",
            object_type="billing.invoice",
            object_id=str(d.invoice.pk),
            object_repr=f"Draft #{d.invoice.pk}",
            after={
                "project": d.plan.project.code,
                "net_total": str(d.invoice.net_total),
                "lines": len(d.lines),
                "entries": sum(g.count for g in d.groups),
                "billing_run": run.pk if run else None,
                "status": d.invoice.status,
            },
        )
        for d in drafts
    ]


def bill_batch(
    organisation, plans: list[Plan], *, run: BillingRun | None, actor_id, now: dt.datetime
) -> list[ProjectResult]:
    """Bill a batch of projects. Call inside ``transaction.atomic()``: all of it or nothing."""
    ids = [p.project.id for p in plans]
    if connection.vendor == "postgresql":
        # Room for the claim's hash join of entries to lines to stay in memory.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '64MB'")
    # Row locks in id order: concurrent runs over the same projects queue here, one at a time.
    list(Project.objects.select_for_update().filter(id__in=ids).order_by("id").values_list("id"))
    hourly = [p for p in plans if p.bills_hours]
    if hourly:
        _lock_rates(
            organisation.id, [p.project.id for p in hourly], max(p.cutoff for p in hourly), now
        )

    drafts = {
        p.project.id: _Draft(
            p,
            Row(
                organisation_id=organisation.id,
                client_id=p.project.client_id,
                project_id=p.project.id,
                currency=p.project.client.currency,
                period_start=None,
                period_end=p.cutoff,
                grouping=p.grouping,
                include_timesheet=p.include_timesheet,
                billing_run_id=run.pk if run else None,
                status=InvoiceStatus.DRAFT,
                hold_reason="",
            ),
        )
        for p in plans
    }

    partitions: dict[tuple, list[int]] = defaultdict(list)
    for p in hourly:
        partitions[(p.grouping, p.cutoff, p.project.client.currency)].append(p.project.id)
    keys_by_grouping: dict[str, set[str]] = defaultdict(set)
    for (grouping, cutoff, currency), pids in partitions.items():
        for g in sql.aggregate(organisation.id, pids, grouping, sql.Source(cutoff, currency)):
            drafts[g.project_id].groups.append(g)
            keys_by_grouping[grouping].add(g.key)
    labels = {g: _labels(g, keys) for g, keys in keys_by_grouping.items()}
    for d in drafts.values():
        _time_lines(d, labels.get(d.plan.grouping, {}))

    milestone_ids = [p.project.id for p in plans if p.bills_milestones]
    if milestone_ids:
        milestones = _milestones(milestone_ids)
        for pid in milestone_ids:
            _milestone_lines(drafts[pid], milestones.get(pid, []))
    orders = ChangeOrder.objects.filter(
        project_id__in=ids, status=ChangeOrderStatus.APPROVED, invoice_line__isnull=True
    ).exclude(amount=0)
    by_project: dict[int, list[ChangeOrder]] = defaultdict(list)
    for co in orders.order_by("decided_at", "id"):
        by_project[co.project_id].append(co)
    for pid, cos in by_project.items():
        _change_order_lines(drafts[pid], cos)

    fixed = [p.project.id for p in plans if p.bills_instalments]
    if fixed:
        due: dict[int, list[PaymentInstalment]] = defaultdict(list)
        for inst in (
            PaymentInstalment.objects.select_for_update()
            .filter(project_id__in=fixed, invoice_line__isnull=True)
            .order_by("project_id", "position")
        ):
            if inst.due_date <= drafts[inst.project_id].plan.cutoff:
                due[inst.project_id].append(inst)
        for pid, insts in due.items():
            _instalment_lines(drafts[pid], insts)
    retainer_ids = [p.project.id for p in plans if p.bills_retainer]
    if retainer_ids:
        for retainer in Retainer.objects.filter(project_id__in=retainer_ids).order_by("id"):
            draft = drafts[retainer.project_id]
            retainer.project = draft.plan.project
            if retainer.starts_on <= draft.plan.cutoff:
                _retainer_lines(draft, retainer)

    # Work the cap holds back: listed in the result (and the preview), left unbilled.
    for (_grouping, cutoff, currency), pids in partitions.items():
        for pid, (count, seconds) in sql.held_back(
            organisation.id, pids, sql.Source(cutoff, currency)
        ).items():
            drafts[pid].held.append(
                {
                    "reason": "above the not-to-exceed cap; bills once a manager accepts it",
                    "entries": count,
                    "hours": str(hours_2dp(seconds)),
                }
            )

    billed = [d for d in drafts.values() if d.lines]
    # Under-runs carried forward from earlier invoices ride on a draft that bills something.
    carried = carry_forwards.collect(billed, Row)
    progress = selectors.progress_holds(
        [(d.plan.project, d.plan.threshold, d.lines) for d in billed]
    )
    for d in billed:
        for position, line in enumerate(d.lines, start=1):
            line.position = position
        result = totals([(line.net_amount, "", Decimal(0)) for line in d.lines], d.invoice.currency)
        d.invoice.net_total, d.invoice.tax_total, d.invoice.gross_total = (
            result.net,
            result.tax,
            result.gross,
        )
        if d.groups:
            d.invoice.period_start = min(g.first_date for g in d.groups)
        reason = " ".join(filter(None, [_hold_reason(d), progress.get(d.plan.project.id)]))
        if reason:
            d.invoice.status = InvoiceStatus.ON_HOLD
            d.invoice.hold_reason = reason

    insert(Invoice, [d.invoice for d in billed], now)
    for d in billed:
        for line in d.lines:
            line.invoice_id = d.invoice.pk
    insert(InvoiceLine, [line for d in billed for line in d.lines], now)

    # Claim the entries: one UPDATE per partition, and the row count must match.
    for (grouping, cutoff, currency), pids in partitions.items():
        expected = sum(g.count for pid in pids for g in drafts[pid].groups)
        invoice_ids = [drafts[pid].invoice.pk for pid in pids if drafts[pid].groups]
        if not invoice_ids:
            continue
        claimed = sql.claim(
            organisation.id, pids, grouping, sql.Source(cutoff, currency), invoice_ids, now=now
        )
        if claimed != expected:
            raise ClaimConflict(f"claimed {claimed} entries, counted {expected}")
    # Milestone slices and change orders: the unique rows are the claim.
    MilestoneRelease.objects.bulk_create(
        [
            MilestoneRelease(
                organisation_id=m.organisation_id,
                milestone=m,
                from_percent=piece.from_percent,
                to_percent=piece.to_percent,
                amount=piece.amount,
                invoice_line_id=line.pk,
            )
            for d in billed
            for line, m, piece in d.releases
        ]
    )
    for d in billed:
        for line, co in d.change_orders:
            if not ChangeOrder.objects.filter(
                pk=co.pk, invoice_line__isnull=True, status=ChangeOrderStatus.APPROVED
            ).update(invoice_line_id=line.pk):
                raise ClaimConflict(f"change order {co.pk} was billed meanwhile")
        for line, inst in d.instalments:
            if not PaymentInstalment.objects.filter(pk=inst.pk, invoice_line__isnull=True).update(
                invoice_line_id=line.pk
            ):
                raise ClaimConflict(f"instalment {inst.pk} was billed meanwhile")
        for line, period in d.retainer_fees:
            if not RetainerPeriod.objects.filter(
                pk=period.pk, fee_invoice_line__isnull=True
            ).update(fee_invoice_line_id=line.pk):
                raise ClaimConflict(f"retainer fee of period {period.pk} was billed meanwhile")
        for line, period, _seconds in d.retainer_closes:
            if not RetainerPeriod.objects.filter(
                pk=period.pk, overage_invoice_line__isnull=True
            ).update(overage_invoice_line_id=line.pk):
                raise ClaimConflict(f"retainer period {period.pk} was closed meanwhile")
            claimed = sql.claim_period(
                organisation.id, d.plan.project.id, period.start, period.end, line.pk, now=now
            )
            if claimed != line.entry_count:
                raise ClaimConflict(
                    f"retainer period {period.pk}: claimed {claimed}, counted {line.entry_count}"
                )

    if carry_forwards.claim(carried):
        raise ClaimConflict("a carried-forward under-run was taken meanwhile")

    # Read back what the claimed entries add up to, per line: it must be what we billed.
    time_lines = {line.pk: line for d in billed for line in d.lines if line.kind == LineKind.TIME}
    closes = {line.pk: (line, s) for d in billed for line, _p, s in d.retainer_closes}
    actual = sql.billed_by_line([*time_lines, *closes])
    for pk, line in time_lines.items():
        seconds, count = actual.get(pk, (0, 0))
        if count != line.entry_count or hours_2dp(seconds) != line.quantity:
            raise ClaimConflict(
                f"line {pk}: entries add up to {seconds}s/{count}, billed otherwise"
            )
    for pk, (line, counted) in closes.items():
        if actual.get(pk, (0, 0)) != (counted, line.entry_count):
            raise ClaimConflict(f"retainer line {pk}: entries differ from the usage billed")

    insert(AuditLog, _audit_rows(billed, actor_id, run), now)
    scheduled = defaultdict(list)
    for d in drafts.values():
        if d.plan.scheduled and (d.lines or d.plan.trigger == "schedule"):
            scheduled[d.plan.cutoff].append(d.plan.project.id)
    for cutoff, pids in scheduled.items():
        BillingSchedule.objects.filter(project_id__in=pids).update(billed_through=cutoff)

    results = []
    for d in billed:
        p = d.plan.project
        results.append(
            ProjectResult(
                code=p.code,
                project_id=p.id,
                currency=d.invoice.currency,
                cutoff=d.plan.cutoff,
                invoice_id=d.invoice.pk,
                net=d.invoice.net_total,
                gross=d.invoice.gross_total,
                entries=sum(g.count for g in d.groups),
                status=d.invoice.status,
                hold_reason=d.invoice.hold_reason,
                lines=[
                    {
                        "kind": line.kind,
                        "description": line.description,
                        "quantity": str(line.quantity),
                        "unit_price": str(line.unit_price),
                        "net": str(line.net_amount),
                    }
                    for line in d.lines
                ],
                held_back=d.held,
            )
        )
    for d in drafts.values():
        if d.held and not d.lines:
            p = d.plan.project
            results.append(
                ProjectResult(
                    code=p.code,
                    project_id=p.id,
                    currency=p.client.currency,
                    cutoff=d.plan.cutoff,
                    status=HELD_ONLY,
                    held_back=d.held,
                )
            )
    return results


# --- the run -------------------------------------------------------------------------------------


def _beat(run: BillingRun | None) -> None:
    """The run's heartbeat. Called last inside a batch's transaction, so it commits with the batch:
    if the process dies, ``batches_committed`` says exactly what survived it (and a batch that
    runs longer than the stale threshold would look dead: keep batches short)."""
    if run is not None:
        BillingRun.objects.filter(pk=run.pk).update(
            heartbeat_at=timezone.now(), batches_committed=F("batches_committed") + 1
        )


def _bill_one_by_one(organisation, batch, *, run, actor_id, now) -> list[ProjectResult]:
    results = []
    for plan in batch:
        for attempt in (1, 2):
            try:
                with transaction.atomic():
                    billed = bill_batch(organisation, [plan], run=run, actor_id=actor_id, now=now)
                    _beat(run)
                results += billed
                break
            except ClaimConflict as exc:
                if attempt == 2:
                    results.append(_failed(plan, exc))
            except Exception as exc:  # one project's failure must not stop the others
                log.exception("billing project %s failed", plan.project.code)
                results.append(_failed(plan, exc))
                break
    return results


def _failed(plan: Plan, exc: Exception) -> ProjectResult:
    message = "; ".join(getattr(exc, "messages", [])) or str(exc) or type(exc).__name__
    return ProjectResult(
        code=plan.project.code,
        project_id=plan.project.id,
        currency=plan.project.client.currency,
        cutoff=plan.cutoff,
        error=message,
    )


class _DryRunRollback(Exception):
    pass


def run_billing(
    organisation,
    *,
    by: Member | None = None,
    up_to: dt.date | None = None,
    project_codes: list[str] | None = None,
    dry_run: bool = False,
    batch_size: int = 200,
    progress: Callable[[int, int], None] | None = None,
) -> RunResult:
    """Bill every due project of ``organisation`` (or only ``project_codes``) up to ``up_to``.

    Re-running is harmless: what is billed is no longer unbilled. ``progress(done, total)`` is
    called after each batch. A dry run writes nothing (it rolls back) and returns the same result.
    """
    now = timezone.now()
    up_to = up_to or timezone.localdate()
    plans = due_plans(organisation, up_to, project_codes)
    result = RunResult(up_to=up_to, dry_run=dry_run)
    actor_id = by.user_id if by is not None else None
    run = None
    if not dry_run:
        run = BillingRun.objects.create(
            organisation=organisation,
            started_by_id=actor_id,
            up_to=up_to,
            dry_run=False,
            heartbeat_at=timezone.now(),
        )
        result.run = run

    def work() -> None:
        done = 0
        for start in range(0, len(plans), batch_size):
            batch = plans[start : start + batch_size]
            try:
                with transaction.atomic():
                    projects = bill_batch(organisation, batch, run=run, actor_id=actor_id, now=now)
                    _beat(run)
                result.projects += projects
            except Exception:
                result.projects += _bill_one_by_one(
                    organisation, batch, run=run, actor_id=actor_id, now=now
                )
            done += len(batch)
            if progress:
                progress(done, len(plans))

    if dry_run:
        try:
            with transaction.atomic():
                work()
                raise _DryRunRollback
        except _DryRunRollback:
            pass
        for p in result.projects:
            p.invoice_id = None
        return result

    try:
        work()
    except BaseException as exc:
        BillingRun.objects.filter(pk=run.pk).update(
            status=BillingRun.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    run.status = BillingRun.Status.DONE if not result.errors else BillingRun.Status.FAILED
    run.projects_billed = len(result.billed)
    run.invoices_created = len(result.billed)
    run.entries_billed = result.entries
    run.net_total = sum((p.net for p in result.billed), Decimal("0.00"))
    run.error = "\n".join(f"{p.code}: {p.error}" for p in result.errors)[:5000]
    run.summary = {
        "projects": [
            {k: v for k, v in p.as_dict().items() if k != "lines"} for p in result.projects
        ][:1000]
    }
    run.finished_at = timezone.now()
    # Not the heartbeat columns: the batches wrote those, this instance holds stale copies.
    run.save(
        update_fields=[
            "status",
            "projects_billed",
            "invoices_created",
            "entries_billed",
            "net_total",
            "error",
            "summary",
            "finished_at",
            "updated_at",
        ]
    )
    return result


def preview(organisation, *, up_to: dt.date | None = None, project_codes=None) -> RunResult:
    """What would be billed now: a dry run (same code, rolled back)."""
    return run_billing(organisation, up_to=up_to, project_codes=project_codes, dry_run=True)
