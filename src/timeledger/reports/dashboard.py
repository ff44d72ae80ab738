"""The reports home: the figures an owner opens the app for, this month (or the range asked).

Each figure comes from the report that shows it in full (billable hours from ``time_report``,
unbilled value from ``wip``, receivables from ``receivables``, utilisation from ``utilisation``'s
team row), so the dashboard and the reports cannot disagree. The three figures made of entries
are summed in one scan: each report's own condition and sums (``time_sums``, ``team_sums``,
``Wip.time_q``) as filtered aggregates of one ``GROUP BY`` day and currency, where they were
three scans (large workload, approved, year: 1.51–1.92 → 0.88–0.98 s; BENCHMARKS.md "Reports on
large — one scan for the dashboard").
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import F, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from timeledger.autosend.selectors import figures as touchless_figures
from timeledger.reports.filters import Filters, Scope
from timeledger.reports.receivables import aging_by_currency
from timeledger.reports.table import HOURS, MONEY, PERCENT, TEXT, Column, Report
from timeledger.reports.time_report import entries_q, from_sums, time_sums
from timeledger.reports.utilisation import counted, team_row, team_sums
from timeledger.reports.wip import Wip
from timeledger.timesheets.models import TimeEntry

ZERO = Decimal(0)


def dashboard(scope: Scope, f: Filters, *, today: dt.date) -> Report:
    week = f.narrowed(group="week")
    members, counts_q = counted(scope, f)
    sums = {**time_sums(entries_q(scope, week)), **team_sums(counts_q)}
    wip = Wip(scope, f) if scope.money else None
    scan = TimeEntry.objects.filter(organisation=scope.organisation, date__lte=f.date_to)
    if wip is not None:
        sums["wip_v"] = Sum("amount", filter=wip.time_q())
    else:
        scan = scan.filter(date__gte=f.date_from)  # WIP reaches back before the range
    days = list(scan.values(key=F("date"), cur=F("client__currency")).annotate(**sums).order_by())

    by_week = from_sums(scope, week, days)
    billable = sum((r["billable_hours"] for r in by_week.rows), ZERO)
    team = team_row(members, f, {k: _total(days, k) for k in ("util_s", "util_b")})
    rows = [
        _figure(_("Billable hours"), billable, HOURS, "", "time"),
        _figure(_("Utilisation %"), team["utilisation"], PERCENT, "", "utilisation"),
    ]
    if wip is not None:
        time_wip: dict[str, Decimal] = {}
        for r in days:
            if r["wip_v"] is not None:
                time_wip[r["cur"]] = time_wip.get(r["cur"], ZERO) + r["wip_v"]
        for cur, value in sorted(wip.totals(time_wip).items()):
            rows.append(_figure(_("Unbilled value"), value, MONEY, cur, "wip"))
        for cur, buckets in sorted(aging_by_currency(scope, f, today=today).items()):
            rows.append(
                _figure(_("Outstanding"), sum(buckets.values(), ZERO), MONEY, cur, "receivables")
            )
            overdue = sum((v for b, v in buckets.items() if b != "current"), ZERO)
            rows.append(_figure(_("Overdue"), overdue, MONEY, cur, "receivables"))
    if scope.money and scope.member_id is None and scope.project_ids is None:
        rows += _touchless(scope.organisation)
    columns = [
        Column("figure", _("Figure"), TEXT),
        Column("value", _("Value"), TEXT),
        Column("currency", _("Currency"), TEXT),
    ]
    chart = by_week.chart
    if chart is not None:
        chart.categories = [r["group"] for r in by_week.rows]
    return Report("dashboard", _("Reports"), columns, rows, chart)


def _total(rows: list[dict], key: str) -> int:
    return sum(r[key] or 0 for r in rows)


def _touchless(organisation) -> list[dict]:
    """Touchless invoicing this month (``autosend.selectors.figures``; the review queue links
    its page, not a report)."""
    fig = touchless_figures(organisation)
    queue = f"{fig.queue_size}" + (
        " " + _("(oldest %(days)s d)") % {"days": fig.queue_oldest_days}
        if fig.queue_oldest_days is not None
        else ""
    )

    def days(value) -> str:
        return "—" if value is None else _("%(days)s d") % {"days": value}

    rows = [
        _figure(_("Sent touchless this month %"), fig.touchless_percent, PERCENT, "", ""),
        _figure(_("Days period end → sent, median"), days(fig.days_median), TEXT, "", ""),
        _figure(_("Days period end → sent, 90th percentile"), days(fig.days_p90), TEXT, "", ""),
        _figure(_("Invoices waiting for review"), queue, TEXT, "", ""),
    ]
    for row in rows:
        row["link"] = reverse("autosend_review")
    return rows


def _figure(label: str, value, kind: str, currency: str, report: str) -> dict:
    return {
        "figure": label,
        "value": value,
        "kind": kind,
        "currency": currency,
        "report": report,
        "drill": {},
    }
