"""Milestone slices of milestone and hybrid projects.

A milestone is ready when its target (100 % once complete, else its % complete) is beyond what
was billed of it; the next slice bills the difference of the rounded cumulative values
(``billing.rules.milestone_slice``), so the slices add up to the milestone's value exactly.
A slice whose billed share differs from the % complete by more than the schedule's threshold
holds the draft for a manager (``billing.rules.reconciliation_hold``).

claim: one ``MilestoneRelease`` row per slice; its unique start and end percent are the claim (two
runs racing on a milestone cannot both insert the same slice).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Max

from timeledger.billing import rules
from timeledger.billing.engine.base import Batch, Draft, Plan, Row, Strategy, project_ids
from timeledger.billing.models import MilestoneRelease
from timeledger.invoicing.models import LineKind
from timeledger.projects.models import BillingModel, Milestone, MilestoneStatus


def milestones_of(ids) -> dict[int, list[Milestone]]:
    """Each project's milestones in due order, with ``billed``: the percent billed so far."""
    out: dict[int, list[Milestone]] = defaultdict(list)
    for m in (
        Milestone.objects.filter(project_id__any=list(ids))
        .annotate(billed=Max("releases__to_percent"))
        .order_by("due_date", "id")
    ):
        m.billed = m.billed or Decimal(0)
        out[m.project_id].append(m)
    return out


def target(m: Milestone) -> Decimal:
    return Decimal(100) if m.status == MilestoneStatus.COMPLETE else m.percent_complete


class MilestoneStrategy(Strategy):
    name = "milestones"
    models = frozenset({BillingModel.MILESTONE, BillingModel.HYBRID})

    def ready(self, plans: list[Plan]) -> set[int]:
        ids = [p.project.id for p in plans if self.applies(p)]
        if not ids:
            return set()
        return {
            pid for pid, ms in milestones_of(ids).items() if any(target(m) > m.billed for m in ms)
        }

    def collect(self, batch: Batch, drafts: list[Draft]) -> list | None:
        if not drafts:
            return None
        milestones = milestones_of(project_ids(drafts))
        slices = []
        for d in drafts:
            for m in milestones.get(d.project.id, []):
                piece = rules.milestone_slice(m.value, m.billed, target(m), d.currency)
                if piece is None:
                    continue
                text = rules.milestone_line_description(
                    m.name,
                    piece.from_percent,
                    piece.to_percent,
                    m.value,
                    d.currency,
                    language=d.language,
                )
                line = d.add(
                    Row(
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
                )
                slices.append((line, m, piece))
                reason = rules.reconciliation_hold(
                    billed_share=piece.to_percent,
                    percent_complete=m.percent_complete,
                    threshold=d.plan.threshold,
                    what=rules.milestone_what(m.name),
                )
                if reason:
                    d.hold_reasons.append(reason)
        return slices

    def claim(self, batch: Batch, slices: list | None) -> None:
        if not slices:
            return
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
                for line, m, piece in slices
            ]
        )


MILESTONES = MilestoneStrategy()
