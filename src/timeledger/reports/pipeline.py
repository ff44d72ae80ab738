"""Billing pipeline: what will be billed in the next 4, 8 and 12 weeks from ``today``.

- **Next billing run**: the billing engine's own dry run up to today (``billing.engine.runs.preview``:
  the run's own collect step — every strategy's lines, the cap and progress holds, the totals —
  without writing drafts or claiming, rolled back) — time, due instalments and milestones, started
  retainer periods, whatever a run would bill now. Counted in the first four weeks.
- **Instalments** and **milestones** due after today within 12 weeks, not yet billed (a
  milestone at its value less what was billed of it).
- **Retainer fees** of the periods that start after today within 12 weeks.
- **Recurring invoices**: each run of an active schedule within 12 weeks, quantity × price.

Amounts are net and per currency; the chart is cumulative per horizon.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Sum
from django.utils.translation import gettext as _

from timeledger.billing.engine.runs import preview
from timeledger.contracts.models import PaymentInstalment, Retainer
from timeledger.contracts.rules import period_bounds
from timeledger.core.money import quantize
from timeledger.invoicing.models import InvoiceLine, InvoiceStatus, RecurringSchedule
from timeledger.invoicing.recurring import next_period
from timeledger.projects.models import Milestone, MilestoneStatus, Project, ProjectStatus
from timeledger.reports.filters import Filters, Scope
from timeledger.reports.table import DATE, MONEY, TEXT, Chart, Column, Report, Series

ZERO = Decimal(0)
HORIZONS = (4, 8, 12)


class _Project(NamedTuple):
    pk: int
    code: str
    name: str
    currency: str


def horizon_of(today: dt.date, day: dt.date) -> int | None:
    weeks = max((day - today).days, 0) / 7
    for h in HORIZONS:
        if weeks <= h:
            return h
    return None


def pipeline(scope: Scope, f: Filters, *, today: dt.date) -> Report:
    end = today + dt.timedelta(weeks=HORIZONS[-1])
    projects = {
        pk: _Project(pk, code, name, currency)
        for pk, code, name, currency in Project.objects.filter(scope.projects_q())
        .filter(f.projects_q())
        .exclude(status=ProjectStatus.CLOSED)
        .values_list("pk", "code", "name", "client__currency")
    }
    items: list[dict] = []
    within = {h: _("%(weeks)s weeks") % {"weeks": h} for h in HORIZONS}

    def add(source: str, p: _Project | None, label: str, day: dt.date, amount, currency: str):
        if not amount:
            return
        weeks = horizon_of(today, day)
        items.append(
            {
                "source": source,
                "project": f"{p.code} — {p.name}" if p else label,
                "what": label,
                "date": day,
                "weeks": weeks,
                "horizon": within[weeks],
                "amount": quantize(Decimal(amount), currency),
                "currency": currency,
                "drill": {"project": p.pk} if p else {},
            }
        )

    codes = [projects[f.project_id].code] if f.project_id in projects else None
    if projects:
        next_run, dry_run = _("Next billing run"), _("dry run")
        for r in preview(scope.organisation, up_to=today, project_codes=codes).billed:
            if r.project_id in projects:
                add(next_run, projects[r.project_id], dry_run, today, r.net, r.currency)

    for i in PaymentInstalment.objects.filter(
        project_id__any=projects, invoice_line__isnull=True, due_date__gt=today, due_date__lte=end
    ):
        p = projects[i.project_id]
        add(_("Instalment"), p, i.label, i.due_date, i.amount, p.currency)

    billed = dict(
        InvoiceLine.objects.filter(milestone__project_id__any=projects)
        .exclude(invoice__status=InvoiceStatus.VOID)
        .values_list("milestone_id")
        .annotate(s=Sum("net_amount"))
    )
    for m in Milestone.objects.filter(
        project_id__any=projects, due_date__gt=today, due_date__lte=end
    ).exclude(status=MilestoneStatus.COMPLETE):
        p = projects[m.project_id]
        add(
            _("Milestone"),
            p,
            m.name,
            m.due_date,
            m.value - (billed.get(m.pk) or ZERO),
            p.currency,
        )

    for r in Retainer.objects.filter(project_id__any=projects):
        p = projects[r.project_id]
        if today < r.starts_on:
            start = r.starts_on
        else:
            start = period_bounds(r.starts_on, r.period, today)[1] + dt.timedelta(days=1)
        while start <= end:
            add(
                _("Retainer fee"),
                p,
                _("period from %(start)s") % {"start": start},
                start,
                r.fee,
                p.currency,
            )
            start = period_bounds(r.starts_on, r.period, start)[1] + dt.timedelta(days=1)

    schedules = RecurringSchedule.objects.filter(
        organisation=scope.organisation, is_active=True, next_run__lte=end
    ).select_related("client")
    if f.client_id:
        schedules = schedules.filter(client_id=f.client_id)
    if not scope.sees_all or f.project_id or f.project_type:
        schedules = schedules.filter(project_id__any=projects)
    for s in schedules:
        run = s.next_run
        while run <= end and (s.end_date is None or run <= s.end_date):
            if run >= today:
                p = projects.get(s.project_id)
                amount = quantize(s.quantity * s.unit_price, s.client.currency)
                add(_("Recurring"), p, s.name, run, amount, s.client.currency)
            run = next_period(run, s.frequency)

    items.sort(key=lambda r: (r["date"], r["project"]))
    currencies = sorted({r["currency"] for r in items})
    series = [
        Series(
            cur,
            [
                sum(
                    (r["amount"] for r in items if r["currency"] == cur and r["weeks"] <= h),
                    ZERO,
                )
                for h in HORIZONS
            ],
        )
        for cur in currencies
    ]
    chart = Chart(
        categories=[_("next %(weeks)s weeks") % {"weeks": h} for h in HORIZONS],
        series=series,
        unit=" ".join(currencies) or "money",
        is_money=True,
    )
    columns = [
        Column("source", _("Source"), TEXT),
        Column("project", _("Project"), TEXT),
        Column("what", _("What"), TEXT),
        Column("date", _("Date"), DATE),
        Column("horizon", _("Within"), TEXT),
        Column("amount", _("Net amount"), MONEY),
        Column("currency", _("Currency"), TEXT, money=True),
    ]
    return Report("pipeline", _("Billing pipeline"), columns, items, chart)
