"""Carried-forward under-runs: the line kind that credits a closed project's unused estimate on
the project's next draft (``billing.models.CarryForward``), with the two steps of every line kind.

1. ``collect``: for drafts that already bill something, the carry-forwards of their projects
   still waiting (``CarryForward.WAITING``: no line, or only a line on an invoice voided since —
   a void invoice credited nothing; source invoice not void; same currency), oldest first,
   each taken whole while the draft's net covers it (``rules.carry_forwards_that_fit``); one
   that does not fit is listed as held back and waits for a later invoice. A carry-forward never
   makes a project due by itself.
2. ``claim``: one conditional ``UPDATE`` per carry-forward, re-checking that it still waits, after
   the lines are inserted; the caller treats a lost claim as a conflict (the batch rolls back).
   The batch holds its projects' row locks, so runs over one project take turns anyway.

The line is a credit: quantity 1 × −amount, net −amount, ``group_key`` ``cf:<id>``; its
``carry_forward`` points back to the source invoice. One query per batch to collect, one UPDATE
per carry-forward taken.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from timeledger.billing import rules
from timeledger.billing.models import CarryForward
from timeledger.invoicing.models import InvoiceStatus, LineKind


def _source_label(cf: CarryForward) -> str:
    return cf.source_invoice.number or f"#{cf.source_invoice_id}"


def collect(drafts, row) -> list[tuple[object, CarryForward]]:
    """Append a credit line (built with ``row(**fields)``) to each draft for every waiting
    carry-forward of its project that fits. ``drafts`` have ``plan.project``, ``invoice.currency``,
    ``lines`` (with ``net_amount``) and ``held``. Returns ``[(line, carry_forward)]`` to claim."""
    by_project = {d.plan.project.id: d for d in drafts if d.lines}
    if not by_project:
        return []
    waiting: dict[int, list[CarryForward]] = defaultdict(list)
    for cf in (
        CarryForward.objects.filter(CarryForward.WAITING, project_id__in=list(by_project))
        .exclude(source_invoice__status=InvoiceStatus.VOID)
        .select_related("source_invoice")
        .order_by("created_at", "id")
    ):
        waiting[cf.project_id].append(cf)
    out = []
    for pid, cfs in waiting.items():
        draft = by_project[pid]
        cfs = [cf for cf in cfs if cf.currency == draft.invoice.currency]
        net = sum((line.net_amount for line in draft.lines), Decimal("0.00"))
        taken = set(rules.carry_forwards_that_fit(net, [cf.amount for cf in cfs]))
        project = draft.plan.project
        for i, cf in enumerate(cfs):
            if i not in taken:
                draft.held.append(
                    {
                        "reason": f"carry-forward of {rules.fmt(cf.amount)} from invoice "
                        f"{_source_label(cf)} waits for an invoice of at least that amount",
                        "entries": 0,
                    }
                )
                continue
            line = row(
                organisation_id=cf.organisation_id,
                kind=LineKind.CREDIT,
                description=rules.carry_forward_description(_source_label(cf), project.code)[:500],
                quantity=Decimal(1),
                unit="ea",
                unit_price=-cf.amount,
                net_amount=-cf.amount,
                group_key=f"cf:{cf.id}",
            )
            draft.lines.append(line)
            out.append((line, cf))
    return out


def claim(pairs) -> list[int]:
    """Claim each carry-forward for its inserted line; returns the ids another writer got first."""
    lost = []
    for line, cf in pairs:
        if not CarryForward.objects.filter(CarryForward.WAITING, pk=cf.pk).update(
            invoice_line_id=line.pk
        ):
            lost.append(cf.pk)
    return lost
