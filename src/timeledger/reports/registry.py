"""The reports, by name: the one list the pages, the API, the CLI and the exports are built from.

``run(name, member, filters, today=...)`` checks the role rules (``reports.filters.scope_for``),
calls the report's one selector and drops the money columns the asker may not see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_noop

from timeledger.accounts.roles import Cap
from timeledger.core.memory import without_cycle_collection
from timeledger.reports.budget import budget_burn
from timeledger.reports.dashboard import dashboard
from timeledger.reports.estimates import estimate_accuracy
from timeledger.reports.filters import Filters, Scope, scope_for
from timeledger.reports.pipeline import pipeline
from timeledger.reports.profitability import profitability
from timeledger.reports.receivables import receivables
from timeledger.reports.table import Report
from timeledger.reports.team_week import team_week
from timeledger.reports.time_report import time_report
from timeledger.reports.utilisation import utilisation
from timeledger.reports.wip import wip


@dataclass(frozen=True)
class Spec:
    name: str
    title: str
    select: Callable[..., Report]
    groups: tuple[str, ...] = ()
    default_group: str = "project"
    for_members: bool = False  # members may open it (their own time only)
    money_only: bool = False  # a report of money: only for roles that may see money
    with_today: bool = False
    blurb: str = ""

    def __post_init__(self) -> None:
        # Every report builds its rows with the cycle collector paused (``core.memory``): a
        # large workload's report holds tens of thousands of rows, none of them garbage.
        object.__setattr__(self, "select", without_cycle_collection()(self.select))


REPORTS: dict[str, Spec] = {
    s.name: s
    for s in [
        Spec("dashboard", gettext_noop("Dashboard"), dashboard, for_members=True, with_today=True),
        Spec(
            "time",
            gettext_noop("Time"),
            time_report,
            groups=("client", "project", "task", "member", "day", "week", "month"),
            for_members=True,
            blurb=gettext_noop("Hours by client, project, task, member or day."),
        ),
        Spec(
            "team-week",
            gettext_noop("Team week"),
            team_week,
            for_members=True,
            with_today=True,
            blurb=gettext_noop(
                "Members × days against working hours; missing days; approval state."
            ),
        ),
        Spec(
            "budget",
            gettext_noop("Budget burn"),
            budget_burn,
            blurb=gettext_noop("Hours and money against budget."),
        ),
        Spec(
            "profitability",
            gettext_noop("Profitability"),
            profitability,
            groups=("project", "client", "member"),
            money_only=True,
            blurb=gettext_noop("Revenue against internal cost; margin; effective rate."),
        ),
        Spec(
            "utilisation",
            gettext_noop("Utilisation"),
            utilisation,
            groups=("member", "week"),
            default_group="member",
            for_members=True,
            blurb=gettext_noop("Billable hours ÷ capacity, against a target."),
        ),
        Spec(
            "wip",
            gettext_noop("Work in progress"),
            wip,
            money_only=True,
            blurb=gettext_noop("Unbilled, per billing model, aged."),
        ),
        Spec(
            "pipeline",
            gettext_noop("Billing pipeline"),
            pipeline,
            money_only=True,
            with_today=True,
            blurb=gettext_noop("What will be billed in the next 4, 8 and 12 weeks."),
        ),
        Spec(
            "estimate-accuracy",
            gettext_noop("Estimate vs actual"),
            estimate_accuracy,
            blurb=gettext_noop(
                "Actual ÷ estimate per project type: the factor for the next quote."
            ),
        ),
        Spec(
            "receivables",
            gettext_noop("Invoices & receivables"),
            receivables,
            money_only=True,
            with_today=True,
            blurb=gettext_noop("Invoiced, paid, outstanding; aging; DSO."),
        ),
    ]
}


def may_open(spec: Spec, member) -> bool:
    scope = scope_for(member)
    if spec.money_only and not scope.money:
        return False
    return member.can(Cap.VIEW_REPORTS) or (spec.for_members and member.can(Cap.LOG_TIME))


def visible_reports(member) -> list[Spec]:
    return [s for s in REPORTS.values() if may_open(s, member)]


def run(name: str, member, f: Filters, *, today: dt.date, target: Decimal | None = None) -> Report:
    spec = REPORTS[name]
    if not may_open(spec, member):
        raise PermissionDenied(f"Your role cannot see the {spec.title.lower()} report.")
    scope: Scope = scope_for(member)
    kwargs: dict = {}
    if spec.with_today:
        kwargs["today"] = today
    if name == "utilisation" and target is not None:
        kwargs["target"] = target
    report = spec.select(scope, f, **kwargs)
    return report.visible(money=scope.money)
