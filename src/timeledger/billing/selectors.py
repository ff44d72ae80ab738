"""Reads for billing screens: drafts, the review against the estimate, the timesheet appendix."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Abs

from timeledger.billing import rules
from timeledger.contracts.models import ChangeOrderStatus
from timeledger.invoicing import selectors as invoicing_selectors
from timeledger.invoicing.models import (
    EDITABLE_STATUSES,
    Invoice,
    InvoiceKind,
    InvoiceStatus,
    LineKind,
)
from timeledger.projects.models import ProjectStatus
from timeledger.timesheets.models import TimeEntry

ZERO = Decimal("0.00")


def drafts(organisation):
    """Drafts and held drafts, newest first, with their project and client."""
    return (
        Invoice.objects.filter(organisation=organisation, status__in=EDITABLE_STATUSES)
        .select_related("project", "client", "billing_run")
        .annotate(line_count=Count("lines"))
        .order_by("-created_at", "-id")
    )


def estimate_of(project) -> Decimal | None:
    """Estimate / SOW: the estimate amount (else fixed fee, else money budget) plus approved
    change orders, which amend it."""
    base = project.estimate_amount
    if base is None:
        base = project.fixed_fee if project.fixed_fee is not None else project.budget_amount
    if base is None:
        return None
    extra = project.change_orders.filter(status=ChangeOrderStatus.APPROVED).aggregate(
        s=Sum("amount")
    )["s"]
    return base + (extra or ZERO)


def review_for(invoice: Invoice) -> rules.Review:
    project = invoice.project
    if project is None:
        return rules.review(None, ZERO, invoice.net_total, currency=invoice.currency)
    others = Invoice.objects.filter(project=project).exclude(pk=invoice.pk)
    issued = others.exclude(status__in=[*EDITABLE_STATUSES, InvoiceStatus.VOID]).aggregate(
        billed=Sum("net_total", filter=~Q(kind=InvoiceKind.CREDIT_NOTE)),
        credited=Sum(Abs("net_total"), filter=Q(kind=InvoiceKind.CREDIT_NOTE)),
    )
    drafts_total = others.filter(status__in=EDITABLE_STATUSES).aggregate(s=Sum("net_total"))["s"]
    billed = (issued["billed"] or ZERO) - (issued["credited"] or ZERO)
    return rules.review(
        estimate_of(project), billed, invoice.net_total, drafts_total or ZERO, invoice.currency
    )


def underrun_offer(invoice: Invoice) -> Decimal | None:
    closed = invoice.project is not None and invoice.project.status == ProjectStatus.CLOSED
    return rules.underrun_offer(review_for(invoice), project_closed=closed)


def line_entries(invoice: Invoice) -> dict[int, list[TimeEntry]]:
    """The entries behind each time line (for the draft screen's remove buttons), each with the
    ``hours`` the timesheet annex bills for it (they add up to the line's quantity)."""
    hours = invoicing_selectors.annex_hours_by_entry(invoice)
    out: dict[int, list[TimeEntry]] = {}
    for entry in (
        TimeEntry.objects.filter(invoice_line__invoice=invoice)
        .select_related("member__user", "task")
        .order_by("date", "id")
    ):
        entry.hours = hours[entry.pk]
        out.setdefault(entry.invoice_line_id, []).append(entry)
    return out


def timesheet_appendix(invoice: Invoice) -> list[dict]:
    """Date, member, task, description, hours of every entry billed on the invoice: the same
    rows the PDF's timesheet annex prints (``invoicing.selectors.timesheet_annex``)."""
    return [row.as_dict() for row in invoicing_selectors.timesheet_annex(invoice)]


def time_line_kinds() -> tuple[str, ...]:
    return (LineKind.TIME,)
