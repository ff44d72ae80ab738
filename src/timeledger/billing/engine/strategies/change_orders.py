"""Approved change orders, on projects of every billing model: each is its own line, once.

claim: ``UPDATE … SET invoice_line = … WHERE invoice_line IS NULL AND status = approved``, one per
order; a zero row count means another run (or a rejection) got there first.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from timeledger.billing import rules
from timeledger.billing.engine.base import Batch, ClaimConflict, Draft, Row, Strategy, project_ids
from timeledger.contracts.models import ChangeOrder, ChangeOrderStatus
from timeledger.invoicing.models import LineKind
from timeledger.projects.models import BillingModel


class ChangeOrderStrategy(Strategy):
    name = "change_orders"
    models = frozenset(m for m in BillingModel.values if m != BillingModel.NON_BILLABLE)

    def collect(self, batch: Batch, drafts: list[Draft]) -> list | None:
        if not drafts:
            return None
        by_project: dict[int, list[ChangeOrder]] = defaultdict(list)
        for co in (
            ChangeOrder.objects.filter(
                project_id__any=project_ids(drafts),
                status=ChangeOrderStatus.APPROVED,
                invoice_line__isnull=True,
            )
            .exclude(amount=0)
            .order_by("decided_at", "id")
        ):
            by_project[co.project_id].append(co)
        orders = []
        for pid, cos in by_project.items():
            d = batch.drafts[pid]
            for co in cos:
                line = d.add(
                    Row(
                        organisation_id=co.organisation_id,
                        kind=LineKind.CHANGE_ORDER,
                        description=rules.change_order_description(
                            co.description, language=d.language
                        )[:500],
                        quantity=Decimal(1),
                        unit="ea",
                        unit_price=co.amount,
                        net_amount=co.amount,
                        group_key=f"co:{co.id}",
                    )
                )
                orders.append((line, co))
        return orders

    def claim(self, batch: Batch, orders: list | None) -> None:
        for line, co in orders or []:
            if not ChangeOrder.objects.filter(
                pk=co.pk, invoice_line__isnull=True, status=ChangeOrderStatus.APPROVED
            ).update(invoice_line_id=line.pk):
                raise ClaimConflict(f"change order {co.pk} was billed meanwhile")


CHANGE_ORDERS = ChangeOrderStrategy()
