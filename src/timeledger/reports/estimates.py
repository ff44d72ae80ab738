"""Estimate vs actual by project type: the baseline for the next quote.

For every project with an estimate (``Project.estimate_hours``) the hours logged up to
``date_to`` ÷ the estimate, and the same per phase (``Phase.estimate_hours`` against the entries
on the phase's tasks). Per project type (``Project.project_type``; "—" when not set) the
distribution of the projects' ratios — count, lowest, median, highest — and the **factor** for the
next quote of that type: the median ratio (``estimates.rules``, the same rule the estimate
screen offers from the completed projects of a type), to two decimals, half-up.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from timeledger.core.hours import hours_2dp
from timeledger.estimates.rules import factor, ratio
from timeledger.projects.models import Phase, Project
from timeledger.reports.filters import Filters, Scope
from timeledger.reports.table import HOURS, NUMBER, TEXT, Chart, Column, Report, Series
from timeledger.timesheets.models import TimeEntry

CENTI = Decimal("0.01")
UNTYPED = "—"


def estimate_accuracy(scope: Scope, f: Filters) -> Report:
    projects = list(
        Project.objects.filter(scope.projects_q())
        .filter(f.projects_q())
        .filter(estimate_hours__gt=0)
        .order_by("project_type", "code")
    )
    ids = [p.pk for p in projects]
    base = TimeEntry.objects.filter(
        organisation=scope.organisation, project_id__any=ids, date__lte=f.date_to
    )
    actual = dict(base.values_list("project_id").annotate(s=Sum("seconds")))
    per_phase = dict(
        base.filter(task__phase__isnull=False)
        .values_list("task__phase_id")
        .annotate(s=Sum("seconds"))
    )
    phases: dict[int, list[Phase]] = {}
    for ph in Phase.objects.filter(project_id__any=ids, estimate_hours__gt=0).order_by("position"):
        phases.setdefault(ph.project_id, []).append(ph)
    rows: list[dict] = []
    by_type: dict[str, list[Decimal]] = {}
    for p in projects:
        seconds = actual.get(p.pk) or 0
        r = ratio(seconds, p.estimate_hours)
        kind = p.project_type or UNTYPED
        by_type.setdefault(kind, []).append(r)
        rows.append(
            _row("project", kind, p.code, "", p.estimate_hours, seconds, r, {"project": p.pk})
        )
        for ph in phases.get(p.pk, []):
            s = per_phase.get(ph.pk) or 0
            rows.append(
                _row(
                    "phase",
                    kind,
                    p.code,
                    ph.name,
                    ph.estimate_hours,
                    s,
                    ratio(s, ph.estimate_hours),
                    {"project": p.pk, "phase": ph.pk},
                )
            )
    types = []
    for kind in sorted(by_type):
        ratios = by_type[kind]
        types.append(
            {
                "level": "type",
                "project_type": kind,
                "project": "",
                "phase": "",
                "estimate_hours": None,
                "actual_hours": None,
                "ratio": None,
                "projects": len(ratios),
                "lowest": min(ratios),
                "median": factor(ratios),
                "highest": max(ratios),
                "factor": factor(ratios),
                "drill": {"project_type": kind if kind != UNTYPED else ""},
            }
        )
    columns = [
        Column("level", _("Level"), TEXT),
        Column("project_type", _("Project type"), TEXT),
        Column("project", _("Project"), TEXT),
        Column("phase", _("Phase"), TEXT),
        Column("estimate_hours", _("Estimate"), HOURS),
        Column("actual_hours", _("Actual"), HOURS),
        Column("ratio", _("Actual ÷ estimate"), NUMBER),
        Column("projects", _("Projects"), NUMBER),
        Column("lowest", _("Lowest"), NUMBER),
        Column("median", _("Median"), NUMBER),
        Column("highest", _("Highest"), NUMBER),
        Column("factor", _("Factor for next quote"), NUMBER),
    ]
    chart = Chart(
        categories=[t["project_type"] for t in types],
        series=[
            Series(_("Lowest"), [t["lowest"] for t in types]),
            Series(_("Median (factor)"), [t["factor"] for t in types]),
            Series(_("Highest"), [t["highest"] for t in types]),
        ],
        unit="×",
        target=Decimal(1),
    )
    return Report(
        "estimate-accuracy", _("Estimate vs actual by project type"), columns, types + rows, chart
    )


def _row(level, kind, project, phase, estimate, seconds, r, drill) -> dict:
    return {
        "level": level,
        "project_type": kind,
        "project": project,
        "phase": phase,
        "estimate_hours": estimate,
        "actual_hours": hours_2dp(seconds),
        "ratio": r,
        "projects": None,
        "lowest": None,
        "median": None,
        "highest": None,
        "factor": None,
        "drill": drill,
    }
