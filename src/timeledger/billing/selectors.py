"""Reads for billing screens: drafts, the review against the estimate, under-runs and
carry-forwards, progress reconciliation, the timesheet appendix."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Abs

from timeledger.billing import rules
from timeledger.billing.models import BillingSchedule, CarryForward
from timeledger.contracts.models import ChangeOrder, ChangeOrderStatus
from timeledger.invoicing import selectors as invoicing_selectors
from timeledger.invoicing.models import (
    EDITABLE_STATUSES,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    LineKind,
)
from timeledger.projects.models import BillingModel, Project, ProjectStatus, Task, TaskStatus
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


def earlier_invoices(project) -> list[dict]:
    """The summary a final invoice carries: every invoice issued for the project before it
    (credit notes included, proformas and void ones not), in issue order."""
    earlier = (
        Invoice.objects.filter(project=project)
        .exclude(status__in=(*EDITABLE_STATUSES, InvoiceStatus.VOID))
        .exclude(kind=InvoiceKind.PROFORMA)
        .order_by("issue_date", "id")
    )
    return [
        {
            "number": inv.number,
            "kind": inv.get_kind_display(),
            "issue_date": inv.issue_date.isoformat() if inv.issue_date else "",
            "currency": inv.currency,
            "net": str(inv.net_total),
            "gross": str(inv.gross_total),
        }
        for inv in earlier
    ]


# Lines that settle an under-run rather than bill work: the credit line ``settle_underrun`` puts
# on a draft, and the line that takes a carry-forward onto a later draft.
UNDERRUN_CREDIT_KEY = "underrun"
CARRY_FORWARD_KEY = "cf:"


def underrun_settled(project) -> tuple[Decimal, Decimal]:
    """``(settlement lines, settled)`` of a project, for ``rules.underrun_offer``: the under-run
    credit and carried-forward lines on its invoices that are not void (as a positive amount), and
    what was settled — those credits plus every amount carried forward from its invoices."""
    live = InvoiceLine.objects.filter(invoice__project=project).exclude(
        invoice__status=InvoiceStatus.VOID
    )
    sums = live.aggregate(
        credits=Sum("net_amount", filter=Q(group_key=UNDERRUN_CREDIT_KEY)),
        carried_in=Sum("net_amount", filter=Q(group_key__startswith=CARRY_FORWARD_KEY)),
    )
    credits = -(sums["credits"] or ZERO)
    carried_in = -(sums["carried_in"] or ZERO)
    carried_out = (
        CarryForward.objects.filter(project=project)
        .exclude(source_invoice__status=InvoiceStatus.VOID)
        .aggregate(s=Sum("amount"))["s"]
        or ZERO
    )
    return credits + carried_in, credits + carried_out


def underrun_offer(invoice: Invoice) -> Decimal | None:
    """The under-run a closed project's draft may still settle (credit or carry forward)."""
    closed = invoice.project is not None and invoice.project.status == ProjectStatus.CLOSED
    if not closed:
        return None
    lines, settled = underrun_settled(invoice.project)
    return rules.underrun_offer(
        review_for(invoice), project_closed=True, settlement_lines=lines, settled=settled
    )


def carry_forward_from(invoice: Invoice) -> CarryForward | None:
    """The under-run this invoice carried forward, with the line (and invoice) that took it."""
    return (
        CarryForward.objects.filter(source_invoice=invoice)
        .select_related("invoice_line__invoice")
        .first()
    )


# --- progress reconciliation (fixed fee, hybrid T&M) ---------------------------------------------

PROGRESS_KIND = {BillingModel.FIXED_FEE: LineKind.FIXED_FEE, BillingModel.HYBRID: LineKind.TIME}


def progress_figures(projects: list[Project]) -> dict[int, dict]:
    """Per project: what its invoices billed of fixed-fee instalments and time (not void, not a
    converted proforma, less issued credit notes), its tasks' % complete and approved change
    orders. Four queries for any number of projects."""
    ids = [p.id for p in projects]
    out = {pid: {"fee": ZERO, "hours": ZERO, "amount": ZERO, "tasks": []} for pid in ids}
    kinds = [LineKind.FIXED_FEE, LineKind.TIME]
    billed = (
        InvoiceLine.objects.filter(invoice__project_id__any=ids, kind__in=kinds)
        .exclude(invoice__status=InvoiceStatus.VOID)
        .exclude(invoice__kind=InvoiceKind.CREDIT_NOTE)
        .exclude(invoice__converted_to__isnull=False)  # its copy counts instead
        .values("invoice__project_id", line_kind=F("kind"))
        .annotate(q=Sum("quantity"), n=Sum("net_amount"))
    )
    credited = (
        InvoiceLine.objects.filter(
            invoice__project_id__any=ids,
            invoice__kind=InvoiceKind.CREDIT_NOTE,
            credited_line__kind__in=kinds,
        )
        .exclude(invoice__status__in=[*EDITABLE_STATUSES, InvoiceStatus.VOID])
        .values("invoice__project_id", line_kind=F("credited_line__kind"))
        .annotate(q=Sum("quantity"), n=Sum("net_amount"))  # negative
    )
    for row in [*billed, *credited]:
        figures = out[row["invoice__project_id"]]
        if row["line_kind"] == LineKind.FIXED_FEE:
            figures["fee"] += row["n"] or ZERO
        else:
            figures["hours"] += row["q"] or ZERO
            figures["amount"] += row["n"] or ZERO
    for pid, pct, estimate, status in Task.objects.filter(
        project_id__any=ids, is_archived=False
    ).values_list("project_id", "percent_complete", "estimate_hours", "status"):
        out[pid]["tasks"].append((pct, estimate, status == TaskStatus.DONE))
    orders = dict(
        (r["project_id"], r)
        for r in ChangeOrder.objects.filter(project_id__any=ids, status=ChangeOrderStatus.APPROVED)
        .values("project_id")
        .annotate(h=Sum("hours"), a=Sum("amount"))
    )
    for pid, figures in out.items():
        figures["co_hours"] = orders.get(pid, {}).get("h") or ZERO
        figures["co_amount"] = orders.get(pid, {}).get("a") or ZERO
    return out


def _reconcile(project: Project, threshold: Decimal, figures: dict, unsaved=()):
    """``rules.progress_reconciliation`` for one project; ``unsaved`` are lines of a draft not in
    the database yet (the billing run's), added to what its invoices billed."""
    fee, hours, amount = figures["fee"], figures["hours"], figures["amount"]
    for line in unsaved:
        if line.kind == LineKind.FIXED_FEE:
            fee += line.net_amount
        elif line.kind == LineKind.TIME:
            hours += line.quantity
            amount += line.net_amount

    def budget(base, extra):
        return None if base is None else base + extra

    return rules.progress_reconciliation(
        billing_model=project.billing_model,
        percent_complete=rules.project_percent_complete(figures["tasks"]),
        threshold=threshold,
        currency=project.client.currency,
        fee=project.fixed_fee,
        fee_billed=fee,
        budget_hours=budget(project.budget_hours, figures["co_hours"]),
        hours_billed=hours,
        budget_amount=budget(project.budget_amount, figures["co_amount"]),
        amount_billed=amount,
    )


def progress_holds(drafts) -> dict[int, str]:
    """The billing run's reconciliation of fixed-fee instalments and hybrid T&M: for drafts not
    saved yet, ``[(project, threshold, lines)]``, the hold reason per project id (only projects
    whose draft has beyond-threshold figures). A draft is compared only when it bills that part
    (an instalment; time on a hybrid project). No query when no draft of the batch does."""
    wanted = [
        (project, threshold, lines)
        for project, threshold, lines in drafts
        if PROGRESS_KIND.get(project.billing_model) in {line.kind for line in lines}
    ]
    if not wanted:
        return {}
    figures = progress_figures([project for project, _t, _l in wanted])
    out = {}
    for project, threshold, lines in wanted:
        rec = _reconcile(project, threshold, figures[project.id], lines)
        if rec is not None and rec.reason:
            out[project.id] = rec.reason
    return out


def progress_review(invoice: Invoice) -> rules.Reconciliation | None:
    """The same comparison for a saved draft (the draft page): billed so far on the project's
    invoices (this one included) against its % complete, with the schedule's threshold."""
    project = invoice.project
    kind = PROGRESS_KIND.get(project.billing_model) if project is not None else None
    if kind is None or not invoice.lines.filter(kind=kind).exists():
        return None
    threshold = (
        BillingSchedule.objects.filter(project=project)
        .values_list("reconciliation_threshold", flat=True)
        .first()
    )
    if threshold is None:
        threshold = BillingSchedule._meta.get_field("reconciliation_threshold").default
    return _reconcile(project, threshold, progress_figures([project])[project.id])


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
