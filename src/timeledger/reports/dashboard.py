"""The reports home: the figures an owner opens the app for, this month (or the range asked).

Each figure comes from the report that shows it in full (billable hours from ``time_report``,
unbilled value from ``wip``, receivables from ``receivables``, utilisation from ``utilisation``'s
team row), so the dashboard and the reports cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from timeledger.autosend.selectors import figures as touchless_figures
from timeledger.reports.filters import Filters, Scope
from timeledger.reports.receivables import aging_by_currency
from timeledger.reports.table import HOURS, MONEY, PERCENT, TEXT, Column, Report
from timeledger.reports.time_report import time_report
from timeledger.reports.utilisation import team_utilisation
from timeledger.reports.wip import wip_by_project

ZERO = Decimal(0)


def dashboard(scope: Scope, f: Filters, *, today: dt.date) -> Report:
    by_week = time_report(scope, f.narrowed(group="week"))
    billable = sum((r["billable_hours"] for r in by_week.rows), ZERO)
    team = team_utilisation(scope, f)
    rows = [
        _figure(_("Billable hours"), billable, HOURS, "", "time"),
        _figure(_("Utilisation %"), team["utilisation"], PERCENT, "", "utilisation"),
    ]
    if scope.money:
        unbilled: dict[str, Decimal] = {}
        for r in wip_by_project(scope, f, aged=False).values():
            unbilled[r["currency"]] = unbilled.get(r["currency"], ZERO) + r["total"]
        for cur, value in sorted(unbilled.items()):
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
