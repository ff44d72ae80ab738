"""Carried-forward under-runs: the credit for a closed project's unused estimate, on the project's
next draft (``billing.models.CarryForward``).

collect: for drafts that already bill something in this run, the carry-forwards of their projects
still waiting (``CarryForward.WAITING``: no line, or only a line on an invoice voided since — a
void invoice credited nothing; source invoice not void; same currency), oldest first, each taken
whole while the draft's net covers it (``rules.carry_forwards_that_fit``; the net of the whole
draft, an open run draft's earlier lines included); one that does not fit is listed as held back
and waits for a later invoice. A carry-forward never makes a project due by itself, so this
strategy runs last: it sees the lines of every other one.

claim: one conditional ``UPDATE`` per carry-forward, re-checking that it still waits, after the
lines are inserted; a lost claim is a conflict (the batch rolls back). The batch holds its
projects' row locks, so runs over one project take turns anyway.

The line is a credit: quantity 1 × −amount, net −amount, ``group_key`` ``cf:<id>``; its
``carry_forward`` points back to the source invoice. One query per batch to collect, one UPDATE
per carry-forward taken.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext

from timeledger.billing import rules
from timeledger.billing.engine.base import Batch, ClaimConflict, Draft, Held, Row, Strategy
from timeledger.billing.models import CarryForward
from timeledger.invoicing.models import InvoiceStatus, LineKind
from timeledger.projects.models import BillingModel


def _source_label(cf: CarryForward) -> str:
    return cf.source_invoice.number or f"#{cf.source_invoice_id}"


def _net(d: Draft) -> Decimal:
    """The draft's net after this run: its earlier lines (merged ones as they become) and new."""
    earlier = sum(
        (
            d.merged[row.pk].net_amount if row.pk in d.merged else row.net_amount
            for row in d.existing
        ),
        Decimal("0.00"),
    )
    return earlier + sum((line.net_amount for line in d.lines), Decimal("0.00"))


def claim(pairs) -> list[int]:
    """Claim each carry-forward for its inserted line; returns the ids another writer got first."""
    lost = []
    for line, cf in pairs:
        if not CarryForward.objects.filter(CarryForward.WAITING, pk=cf.pk).update(
            invoice_line_id=line.pk
        ):
            lost.append(cf.pk)
    return lost


class CarryForwardStrategy(Strategy):
    name = "carry_forwards"
    models = frozenset(m for m in BillingModel.values if m != BillingModel.NON_BILLABLE)

    def collect(self, batch: Batch, drafts: list[Draft]) -> list | None:
        by_project = {d.project.id: d for d in drafts if d.has_work}
        if not by_project:
            return None
        waiting: dict[int, list[CarryForward]] = defaultdict(list)
        for cf in (
            CarryForward.objects.filter(CarryForward.WAITING, project_id__any=list(by_project))
            .exclude(source_invoice__status=InvoiceStatus.VOID)
            .select_related("source_invoice")
            .order_by("created_at", "id")
        ):
            waiting[cf.project_id].append(cf)
        out = []
        for pid, cfs in waiting.items():
            d = by_project[pid]
            cfs = [cf for cf in cfs if cf.currency == d.currency]
            taken = set(rules.carry_forwards_that_fit(_net(d), [cf.amount for cf in cfs]))
            for i, cf in enumerate(cfs):
                if i not in taken:
                    d.held.append(
                        Held(
                            gettext(
                                "carry-forward of %(amount)s from invoice %(source)s waits for "
                                "an invoice of at least that amount"
                            )
                            % {"amount": rules.fmt(cf.amount), "source": _source_label(cf)},
                            [],
                        )
                    )
                    continue
                line = d.add(
                    Row(
                        organisation_id=cf.organisation_id,
                        kind=LineKind.CREDIT,
                        description=rules.carry_forward_description(
                            _source_label(cf), d.project.code, language=d.language
                        )[:500],
                        quantity=Decimal(1),
                        unit="ea",
                        unit_price=-cf.amount,
                        net_amount=-cf.amount,
                        group_key=f"cf:{cf.id}",
                    )
                )
                out.append((line, cf))
        return out

    def claim(self, batch: Batch, pairs: list | None) -> None:
        if pairs and claim(pairs):
            raise ClaimConflict("a carried-forward under-run was taken meanwhile")


CARRY_FORWARDS = CarryForwardStrategy()
