"""The ORM side of rate resolution: load an entry's candidate rates, ask ``rates.rules``.

The precedence and effective dating are decided in ``rules.resolve`` and nowhere else; this module
only turns rows into plain values. ``locking`` implements the same rule in SQL for bulk freezing
and is tested against ``rules`` for equality.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q

from timeledger.core.money import quantize
from timeledger.rates import rules
from timeledger.rates.models import Rate

ENTRY_RELATED = ("member", "project__client", "project__organisation", "client", "organisation")


def candidate(rate: Rate) -> rules.Candidate:
    return rules.Candidate(
        level=rate.level,
        amount=rate.amount,
        currency=rate.currency,
        effective_from=rate.effective_from,
        kind=rate.kind,
        job_role_id=rate.job_role_id,
        member_id=rate.member_id,
        client_id=rate.client_id,
        project_id=rate.project_id,
        task_id=rate.task_id,
        label=rate.label,
        rate_id=rate.pk,
    )


def rates_for_scope(
    organisation_id: int,
    *,
    member_id=None,
    job_role_id=None,
    client_id=None,
    project_id=None,
    task_id=None,
    kind: str | None = None,
    up_to: dt.date | None = None,
):
    """Every rate row that could apply to work in this scope (any date unless ``up_to``)."""
    scope = Q(level=rules.ORGANISATION)
    if job_role_id:
        scope |= Q(level=rules.ROLE, job_role_id=job_role_id)
    if member_id:
        scope |= Q(level=rules.MEMBER, member_id=member_id)
    if client_id:
        scope |= Q(level=rules.CLIENT, client_id=client_id)
    if project_id:
        scope |= Q(level=rules.PROJECT, project_id=project_id)
    if project_id and member_id:
        scope |= Q(level=rules.PROJECT_MEMBER, project_id=project_id, member_id=member_id)
    if task_id:
        scope |= Q(level=rules.TASK, task_id=task_id)
    qs = Rate.objects.filter(scope, organisation_id=organisation_id)
    if kind:
        qs = qs.filter(kind=kind)
    if up_to:
        qs = qs.filter(effective_from__lte=up_to)
    return qs


def work_for(entry, kind: str = rules.BILLING, *, override: Decimal | None = None) -> rules.Work:
    """The plain facts of an entry (``override`` replaces the entry's own, for previews)."""
    if kind == rules.BILLING:
        currency = entry.client.currency if entry.client_id else entry.project.client.currency
    else:
        currency = entry.organisation.currency
    return rules.Work(
        member_id=entry.member_id,
        job_role_id=entry.member.job_role_id,
        client_id=entry.client_id,
        project_id=entry.project_id,
        task_id=entry.task_id,
        date=entry.date,
        currency=currency,
        override=(override if override is not None else entry.rate_override)
        if kind == rules.BILLING
        else None,
    )


def candidates_for(entry, kind: str = rules.BILLING) -> list[rules.Candidate]:
    rows = rates_for_scope(
        entry.organisation_id,
        member_id=entry.member_id,
        job_role_id=entry.member.job_role_id,
        client_id=entry.client_id,
        project_id=entry.project_id,
        task_id=entry.task_id,
        kind=kind,
        up_to=entry.date,
    )
    return [candidate(r) for r in rows]


def resolve_entry(entry, kind: str = rules.BILLING) -> rules.Resolution:
    """The rate the rule gives ``entry`` today (ignores any frozen snapshot on the entry)."""
    return rules.resolve(candidates_for(entry, kind), work_for(entry, kind), kind)


def explain_entry(entry) -> dict:
    """Everything a person needs to check an entry's price: the frozen snapshot (if locked), the
    rule's current answer for billing and cost, and each level's offer on the work date."""
    billing_candidates = candidates_for(entry, rules.BILLING)
    cost_candidates = candidates_for(entry, rules.COST)
    billing_work = work_for(entry, rules.BILLING)
    cost_work = work_for(entry, rules.COST)
    billing = rules.resolve(billing_candidates, billing_work, rules.BILLING)
    cost = rules.resolve(cost_candidates, cost_work, rules.COST)
    return {
        "entry": entry.pk,
        "date": entry.date,
        "is_locked": entry.rate_locked_at is not None,
        "locked": {
            "rate": entry.rate,
            "cost_rate": entry.cost_rate,
            "currency": entry.currency,
            "amount": entry.amount,
            "rate_source": entry.rate_source,
            "rate_locked_at": entry.rate_locked_at,
        }
        if entry.rate_locked_at is not None
        else None,
        "billing": billing,
        "cost": cost,
        "billing_steps": rules.explain(billing_candidates, billing_work, rules.BILLING),
        "cost_steps": rules.explain(cost_candidates, cost_work, rules.COST),
    }


def resolution_dict(resolution: rules.Resolution) -> dict:
    return {
        "found": resolution.found,
        "amount": None
        if resolution.amount is None
        else str(quantize(resolution.amount, resolution.currency)),
        "currency": resolution.currency,
        "level": resolution.level,
        "label": resolution.label,
        "effective_from": resolution.effective_from,
        "explanation": resolution.explanation,
        "rate": resolution.rate_id,
    }


def step_dict(step: rules.Step) -> dict:
    return {
        "level": step.level,
        "name": step.name,
        "rate": step.candidate.rate_id if step.candidate else None,
        "text": step.text,
        "wins": step.wins,
    }
