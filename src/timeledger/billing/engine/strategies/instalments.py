"""Fixed-fee instalments: every unbilled instalment due on or before the cut-off, once. Their
amounts add up to the fee (``contracts.rules.instalment_amounts``); hours are never billed.

collect locks the instalment rows (``SELECT … FOR UPDATE``); claim sets each one's
``invoice_line`` with ``UPDATE … WHERE invoice_line IS NULL`` and checks the row count.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Min

from timeledger.billing import rules
from timeledger.billing.engine.base import Batch, ClaimConflict, Draft, Plan, Row, Strategy
from timeledger.contracts.models import PaymentInstalment
from timeledger.invoicing.models import LineKind
from timeledger.projects.models import BillingModel


class InstalmentStrategy(Strategy):
    name = "instalments"
    models = frozenset({BillingModel.FIXED_FEE})

    def ready(self, plans: list[Plan]) -> set[int]:
        cutoff = {p.project.id: p.cutoff for p in plans if self.applies(p)}
        if not cutoff:
            return set()
        first_due = (
            PaymentInstalment.objects.filter(
                project_id__any=list(cutoff), invoice_line__isnull=True
            )
            .values("project_id")
            .annotate(first=Min("due_date"))
            .values_list("project_id", "first")
        )
        return {pid for pid, first in first_due if first <= cutoff[pid]}

    def collect(self, batch: Batch, drafts: list[Draft]) -> list | None:
        if not drafts:
            return None
        due = []
        for inst in (
            PaymentInstalment.objects.select_for_update()
            .filter(project_id__any=[d.project.id for d in drafts], invoice_line__isnull=True)
            .order_by("project_id", "position")
        ):
            d = batch.drafts[inst.project_id]
            if inst.due_date > d.plan.cutoff:
                continue
            line = d.add(
                Row(
                    organisation_id=inst.organisation_id,
                    kind=LineKind.FIXED_FEE,
                    description=rules.instalment_line_description(
                        inst.label,
                        inst.percent,
                        d.project.fixed_fee,
                        d.currency,
                        language=d.language,
                    )[:500],
                    quantity=Decimal(1),
                    unit="ea",
                    unit_price=inst.amount,
                    net_amount=inst.amount,
                    service_date=inst.due_date,
                    group_key=f"ff:{inst.id}",
                )
            )
            due.append((line, inst))
        return due

    def claim(self, batch: Batch, due: list | None) -> None:
        for line, inst in due or []:
            if not PaymentInstalment.objects.filter(pk=inst.pk, invoice_line__isnull=True).update(
                invoice_line_id=line.pk
            ):
                raise ClaimConflict(f"instalment {inst.pk} was billed meanwhile")


INSTALMENTS = InstalmentStrategy()
