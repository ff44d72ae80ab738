"""Which projects a run bills, up to which day and how: one ``Plan`` per project.

- A project without a schedule is billed by every run (trigger ``manual``), grouped by phase.
- ``schedule``: due once a period has ended after the last one billed; bills up to that period end.
- ``milestone`` / ``hybrid``: due when a strategy has something ready (a milestone slice, a due
  instalment, a started retainer period: ``Strategy.ready``).
- Named projects (``project_codes``) are billed whether due or not, paused schedules included.
- A *final* run bills one or more named projects up to the run's date whatever their schedule,
  onto an invoice of kind final; a closed project, or one with a final invoice already, is refused.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext

from timeledger.billing import rules
from timeledger.billing.engine.base import Plan
from timeledger.billing.engine.strategies import STRATEGIES
from timeledger.billing.models import BillingSchedule, RunKind, Trigger
from timeledger.clients.models import Client
from timeledger.invoicing.models import Invoice, InvoiceKind, InvoiceStatus, LineGrouping
from timeledger.projects.models import BillingModel, Project, ProjectStatus

DEFAULT_THRESHOLD = Decimal("10.00")


def schedule_of(project: Project) -> BillingSchedule | None:
    try:
        return project.billing_schedule
    except ObjectDoesNotExist:
        return None


def plan_for(
    project: Project, up_to: dt.date, *, explicit: bool = False, kind: str = RunKind.NORMAL
) -> Plan | None:
    schedule = schedule_of(project)
    if schedule is None:
        return Plan(
            project,
            Trigger.MANUAL,
            up_to,
            LineGrouping.PHASE,
            False,
            DEFAULT_THRESHOLD,
            False,
            kind,
        )
    if kind == RunKind.FINAL:
        # The final invoice closes the project: everything up to the run's date, whatever the
        # schedule's period says.
        return Plan(
            project,
            schedule.trigger,
            up_to,
            schedule.grouping,
            schedule.include_timesheet,
            schedule.reconciliation_threshold,
            False,
            kind,
        )
    if not schedule.is_active and not explicit:
        return None
    cutoff = up_to
    if schedule.trigger == Trigger.SCHEDULE:
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
        schedule.trigger == Trigger.SCHEDULE,
        kind,
    )


def _check_final(projects: list[Project]) -> None:
    """A project has one final invoice (unless voided), and a closed project none."""
    for project in projects:
        if project.status == ProjectStatus.CLOSED:
            raise ValidationError(
                {
                    "non_field_errors": [
                        gettext("Project %(code)s is already closed.") % {"code": project.code}
                    ]
                }
            )
    finals = set(
        Invoice.objects.filter(project__in=projects, kind=InvoiceKind.FINAL)
        .exclude(status=InvoiceStatus.VOID)
        .values_list("project__code", flat=True)
    )
    if finals:
        raise ValidationError(
            {
                "non_field_errors": [
                    gettext("Project %(code)s already has a final invoice.") % {"code": code}
                    for code in sorted(finals)
                ]
            }
        )


def _billable(organisation):
    # The clients prefetched, not joined: one instance per client shared by its projects (500
    # instead of 5,000 on the large workload, whose plans were 15,000 model instances).
    clients = Prefetch("client", Client.objects.select_related("default_tax_category"))
    return (
        Project.objects.filter(organisation=organisation, is_archived=False)
        .exclude(billing_model=BillingModel.NON_BILLABLE)
        .select_related("billing_schedule", "default_tax_category")
        .prefetch_related(clients)
        .order_by("id")
    )


def plans_of(
    organisation, up_to: dt.date, project_ids: list[int], *, named: bool, kind: str
) -> list[Plan]:
    """The plans of projects ``due_plans`` chose earlier (a batch of a shared run, billed later by
    a worker): the same ``plan_for``, without deciding again what is due. A project archived or
    deactivated since is left out, as the next run would leave it."""
    projects = _billable(organisation).filter(pk__any=project_ids)
    plans = (plan_for(project, up_to, explicit=named, kind=kind) for project in projects)
    return [plan for plan in plans if plan is not None]


def due_plans(
    organisation,
    up_to: dt.date,
    project_codes: list[str] | None = None,
    *,
    kind: str = RunKind.NORMAL,
) -> list[Plan]:
    projects = _billable(organisation)
    if kind == RunKind.FINAL and not project_codes:
        raise ValidationError({"project": ["A final invoice is made for a named project."]})
    if project_codes:
        projects = projects.filter(code__in=project_codes)
        found = {p.code for p in projects}
        missing = sorted(set(project_codes) - found)
        if missing:
            raise ValidationError(
                {
                    "project": [
                        gettext("No billable project %(codes)s.") % {"codes": ", ".join(missing)}
                    ]
                }
            )
    projects = list(projects)
    if kind == RunKind.FINAL:
        _check_final(projects)
    plans = [
        plan
        for plan in (
            plan_for(project, up_to, explicit=bool(project_codes), kind=kind)
            for project in projects
        )
        if plan is not None
    ]
    if project_codes:
        return plans
    ready: set[int] = set()
    for strategy in STRATEGIES:
        ready |= strategy.ready(plans)
    due = []
    for plan in plans:
        schedule = schedule_of(plan.project)
        if rules.is_due(
            plan.trigger,
            cutoff=plan.cutoff,
            billed_through=schedule.billed_through if schedule else None,
            milestones_due=plan.project.id in ready,
        ):
            due.append(plan)
    return due
