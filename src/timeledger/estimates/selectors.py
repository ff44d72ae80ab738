"""Reads of estimates: estimate vs actual per phase (the baseline for the next quote), and the
measured factor of a project type for the next estimate."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from timeledger.core.hours import hours_2dp
from timeledger.estimates import rules
from timeledger.estimates.models import Estimate, EstimateStatus
from timeledger.projects.models import Project, ProjectStatus
from timeledger.timesheets.models import EntryStatus, TimeEntry


@dataclass(frozen=True)
class PhaseComparison:
    name: str
    estimated_hours: Decimal
    actual_hours: Decimal
    estimated_amount: Decimal
    actual_amount: Decimal  # frozen amounts of the phase's entries (approved or billed)
    factor: Decimal | None  # actual ÷ estimated hours


def estimate_vs_actual(estimate: Estimate) -> list[PhaseComparison]:
    """Per phase of an accepted estimate: hours and money estimated against logged (all entries
    on the project phase it became; money from frozen amounts)."""
    if estimate.status != EstimateStatus.ACCEPTED or estimate.project_id is None:
        return []
    out = []
    for phase in estimate.phases.prefetch_related("lines").select_related("project_phase"):
        fig = rules.phase_figures(
            [
                rules.Line(x.kind, x.hours, x.rate, x.amount, x.is_optional, x.is_chosen)
                for x in phase.lines.all()
            ],
            estimate.currency,
        )
        seconds, amount = 0, Decimal(0)
        if phase.project_phase_id:
            agg = TimeEntry.objects.filter(
                project_id=estimate.project_id, task__phase_id=phase.project_phase_id
            ).aggregate(
                s=Sum("seconds"),
            )
            seconds = agg["s"] or 0
            amount = TimeEntry.objects.filter(
                project_id=estimate.project_id,
                task__phase_id=phase.project_phase_id,
                status__in=(EntryStatus.APPROVED, EntryStatus.INVOICED),
            ).aggregate(a=Sum("amount"))["a"] or Decimal(0)
        actual = hours_2dp(seconds)
        out.append(
            PhaseComparison(
                phase.name,
                fig.hours,
                actual,
                fig.amount,
                amount,
                rules.accuracy(fig.hours, actual),
            )
        )
    return out


@dataclass(frozen=True)
class MeasuredFactor:
    """Actual ÷ estimate over the completed projects of a type (``rules.factor``)."""

    project_type: str
    factor: Decimal
    sample: int  # how many completed projects it is measured on
    lowest: Decimal
    highest: Decimal


def measured_factors(organisation) -> dict[str, MeasuredFactor]:
    """Per project type: the factor measured on its completed (closed) projects that had an
    estimate in hours, from all the time logged on them. Two queries, whatever the count."""
    projects = list(
        Project.objects.filter(
            organisation=organisation, status=ProjectStatus.CLOSED, estimate_hours__gt=0
        )
        .exclude(project_type="")
        .values_list("pk", "project_type", "estimate_hours")
    )
    actual = dict(
        TimeEntry.objects.filter(organisation=organisation, project_id__in=[p[0] for p in projects])
        .values_list("project_id")
        .annotate(s=Sum("seconds"))
    )
    ratios: dict[str, list[Decimal]] = {}
    for pk, kind, estimate_hours in projects:
        ratios.setdefault(kind, []).append(rules.ratio(actual.get(pk) or 0, estimate_hours))
    return {
        kind: MeasuredFactor(kind, rules.factor(rs), len(rs), min(rs), max(rs))
        for kind, rs in sorted(ratios.items())
    }


def estimate_type(estimate: Estimate) -> str:
    """The estimate's project type: its own, else that of the project it updates."""
    if estimate.project_type:
        return estimate.project_type
    return estimate.project.project_type if estimate.project_id else ""


def measured_factor(estimate: Estimate) -> MeasuredFactor | None:
    """The factor offered to ``estimate`` (None: no type, or no completed project of it)."""
    kind = estimate_type(estimate)
    return measured_factors(estimate.organisation).get(kind) if kind else None
