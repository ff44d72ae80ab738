"""Budget burn: per project with a budget, hours and money used up to ``date_to`` against the
budget plus approved change orders, the burn rate, and where it ends.

- **Used** counts every entry up to ``date_to`` (billable or not: a budget is spent by all work);
  money used is the entries' frozen amounts.
- **Burn rate** is the hours of the range (``date_from``..``date_to``) per week of the range.
- **Projected completion**: the date the remaining budget hours run out at that burn rate.
- **Estimate at completion** (EAC) in hours: used ÷ % complete (the tasks' weighted % complete,
  ``billing.rules.project_percent_complete``); its cost is EAC hours × the average amount per hour
  used so far. Empty when there is no % complete yet.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from timeledger.billing.rules import project_percent_complete
from timeledger.contracts.models import ChangeOrder, ChangeOrderStatus
from timeledger.core.hours import exact_hours, hours_2dp
from timeledger.core.money import quantize
from timeledger.projects.models import Project, Task, TaskStatus
from timeledger.reports.filters import Filters, Scope
from timeledger.reports.table import (
    DATE,
    HOURS,
    MONEY,
    PERCENT,
    TEXT,
    Chart,
    Column,
    Report,
    Series,
    pct,
)
from timeledger.timesheets.models import TimeEntry

ZERO = Decimal(0)
CENTI = Decimal("0.01")


def budget_projects(scope: Scope, f: Filters):
    return (
        Project.objects.filter(scope.projects_q())
        .filter(f.projects_q())
        .filter(Q(budget_hours__gt=0) | Q(budget_amount__gt=0))
        .select_related("client")
        .order_by("code")
    )


def budget_burn(scope: Scope, f: Filters) -> Report:
    projects = list(budget_projects(scope, f))
    ids = [p.pk for p in projects]
    base = TimeEntry.objects.filter(organisation=scope.organisation, project_id__any=ids)
    used = {
        r["project_id"]: r
        for r in base.filter(date__lte=f.date_to)
        .values("project_id")
        .annotate(s=Sum("seconds"), a=Sum("amount"))
    }
    in_range = dict(
        base.filter(date__gte=f.date_from, date__lte=f.date_to)
        .values_list("project_id")
        .annotate(s=Sum("seconds"))
    )
    orders = {
        r["project_id"]: r
        for r in ChangeOrder.objects.filter(project_id__any=ids, status=ChangeOrderStatus.APPROVED)
        .values("project_id")
        .annotate(h=Sum("hours"), a=Sum("amount"))
    }
    tasks: dict[int, list] = {}
    for pid, pc, est, status in Task.objects.filter(
        project_id__any=ids, is_archived=False
    ).values_list("project_id", "percent_complete", "estimate_hours", "status"):
        tasks.setdefault(pid, []).append((pc, est, status == TaskStatus.DONE))
    weeks = Decimal((f.date_to - f.date_from).days + 1) / 7
    rows = []
    for p in projects:
        cur = p.client.currency
        seconds = (used.get(p.pk) or {}).get("s") or 0
        amount = quantize((used.get(p.pk) or {}).get("a") or ZERO, cur)
        co = orders.get(p.pk) or {}
        budget_h = (p.budget_hours or ZERO) + (co.get("h") or ZERO) if p.budget_hours else None
        budget_a = (
            quantize((p.budget_amount or ZERO) + (co.get("a") or ZERO), cur)
            if p.budget_amount
            else None
        )
        hours = exact_hours(seconds)
        rate = exact_hours(in_range.get(p.pk) or 0) / weeks if weeks else ZERO
        projected = None
        if budget_h is not None and rate > 0 and budget_h > hours:
            days = ((budget_h - hours) / rate * 7).to_integral_value(ROUND_HALF_UP)
            if days < 365 * 100:  # further than a century: no date worth showing
                projected = f.date_to + dt.timedelta(days=int(days))
        complete = project_percent_complete(tasks.get(p.pk, []))
        eac_h = eac_a = None
        if complete:
            eac_h = (hours * 100 / complete).quantize(CENTI, rounding=ROUND_HALF_UP)
            if seconds:
                eac_a = quantize(amount / hours * eac_h, cur)
        rows.append(
            {
                "project": f"{p.code} — {p.name}",
                "hours_used": hours_2dp(seconds),
                "budget_hours": budget_h,
                "hours_pct": pct(hours, budget_h) if budget_h else None,
                "amount_used": amount,
                "budget_amount": budget_a,
                "amount_pct": pct(amount, budget_a) if budget_a else None,
                "currency": cur,
                "burn_rate": rate.quantize(CENTI, rounding=ROUND_HALF_UP),
                "percent_complete": complete,
                "projected_date": projected,
                "eac_hours": eac_h,
                "eac_amount": eac_a,
                "drill": {"project": p.pk, "date_from": "", "date_to": f.date_to.isoformat()},
            }
        )
    columns = [
        Column("project", _("Project"), TEXT),
        Column("hours_used", _("Hours used"), HOURS),
        Column("budget_hours", _("Budget hours"), HOURS),
        Column("hours_pct", _("Hours %"), PERCENT),
        Column("amount_used", _("Money used"), MONEY),
        Column("budget_amount", _("Budget"), MONEY),
        Column("amount_pct", _("Money %"), PERCENT, money=True),
        Column("currency", _("Currency"), TEXT, money=True),
        Column("burn_rate", _("Burn h/week"), HOURS),
        Column("percent_complete", _("Complete %"), PERCENT),
        Column("projected_date", _("Budget runs out"), DATE),
        Column("eac_hours", _("EAC hours"), HOURS),
        Column("eac_amount", _("EAC cost"), MONEY),
    ]
    chart = Chart(
        categories=[r["project"] for r in rows],
        series=[
            Series(_("Hours used %"), [r["hours_pct"] for r in rows]),
            Series(_("Complete %"), [r["percent_complete"] for r in rows]),
        ],
        unit="%",
        target=Decimal(100),
    )
    return Report("budget", _("Budget burn"), columns, rows, chart)
