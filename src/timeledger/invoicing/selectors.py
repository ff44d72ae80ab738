"""Reads for invoice documents: the timesheet annex (the entries behind an invoice's lines).

The annex lists every entry billed on the invoice — date, member, task, description, hours. Its
hours are each entry's share of its line's quantity (``core.hours.allocate_hours``), so the rows
of a line add up exactly to the quantity printed on the line (a retainer's closing line: to the
hours used in the period, which its text shows). Invoicing knows entries (``timesheets`` is below
it) but nothing of how billing grouped them: the line each entry points at is all it needs.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from timeledger.core.hours import line_shares
from timeledger.invoicing.models import EDITABLE_STATUSES, Invoice
from timeledger.timesheets.models import TimeEntry


def visible_invoices(member):
    """The invoices ``member`` may see: all of the organisation's, or a client viewer's client's
    issued ones (the one rule for the invoice pages, the e-invoice and the receipts annex)."""
    qs = Invoice.objects.filter(organisation_id=member.organisation_id)
    if member.role == "client_viewer":
        qs = qs.filter(client_id=member.client_id).exclude(status__in=EDITABLE_STATUSES)
    return qs


@dataclass(frozen=True)
class AnnexRow:
    """One entry of the timesheet annex, with the hours the invoice bills for it."""

    entry_id: int
    line_id: int
    date: dt.date
    member: str
    task: str
    description: str
    seconds: int
    hours: Decimal
    amount: Decimal | None = None  # its share of the line's net amount (``line_shares``)

    def as_dict(self) -> dict:
        return {
            "date": self.date,
            "member": self.member,
            "task": self.task,
            "description": self.description,
            "hours": self.hours,
        }


def timesheet_annex(invoice) -> list[AnnexRow]:
    """The entries billed on ``invoice``, by date then member, with allocated hours."""
    rows = (
        TimeEntry.objects.filter(invoice_line__invoice=invoice)
        .order_by("invoice_line_id", "date", "id")
        .values(
            "id",
            "invoice_line_id",
            "date",
            "member__user__first_name",
            "member__user__last_name",
            "member__user__email",
            "description",
            "billable_seconds",
            "task__name",
            "invoice_line__net_amount",
        )
    )
    by_line: dict[int, list[dict]] = defaultdict(list)
    for r in rows:
        by_line[r["invoice_line_id"]].append(r)
    out = []
    for line_id, entries in by_line.items():
        shares = line_shares(
            [r["billable_seconds"] for r in entries],
            entries[0]["invoice_line__net_amount"],
            invoice.currency,
        )
        for r, (hours, amount) in zip(entries, shares, strict=True):
            name = f"{r['member__user__first_name']} {r['member__user__last_name']}".strip()
            out.append(
                AnnexRow(
                    entry_id=r["id"],
                    line_id=line_id,
                    date=r["date"],
                    member=name or r["member__user__email"],
                    task=r["task__name"] or "",
                    description=r["description"],
                    seconds=r["billable_seconds"],
                    hours=hours,
                    amount=amount,
                )
            )
    out.sort(key=lambda a: (a.date, a.member, a.entry_id))
    return out


def annex_hours_by_entry(invoice) -> dict[int, Decimal]:
    """``{entry_id: hours}`` as the annex shows them (for the draft screen's entry lists)."""
    return {row.entry_id: row.hours for row in timesheet_annex(invoice)}
