"""Reads of the policy: the policy in force for a draft, the facts its checks read, the review
queue, and the dashboard's figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Count, Min, Q, Sum

from timeledger.autosend import rules
from timeledger.autosend.models import (
    DEFAULT_SEND_AT,
    Dispatch,
    InvoicingPolicy,
    Mode,
    ReviewItem,
)
from timeledger.billing.selectors import review_for
from timeledger.contracts.models import ChangeOrderStatus
from timeledger.contracts.selectors import cap_check
from timeledger.core import timeutil
from timeledger.einvoicing import selectors as einvoicing_selectors
from timeledger.einvoicing import services as einvoicing_services
from timeledger.einvoicing.models import Format
from timeledger.invoicing import issuing
from timeledger.invoicing.models import (
    EDITABLE_STATUSES,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    LineKind,
)
from timeledger.timesheets.models import EntryStatus, TimeEntry

# Invoices that count as the client's history: issued, not void, not a proforma or credit note.
HISTORY_EXCLUDED_STATUSES = (*EDITABLE_STATUSES, InvoiceStatus.VOID)
HISTORY_KINDS = (InvoiceKind.STANDARD, InvoiceKind.RECURRING, InvoiceKind.FINAL)
# The drafts the policy sends: those of billing runs (recurring invoices have their own
# auto-issue; proformas, final invoices and credit notes are a person's decision).
POLICY_KINDS = (InvoiceKind.STANDARD,)


def organisation_policy(organisation) -> InvoicingPolicy:
    """The organisation's row (unsaved defaults, mode off, when it has none)."""
    found = InvoicingPolicy.objects.filter(
        organisation=organisation, client__isnull=True, project__isnull=True
    ).first()
    return found or InvoicingPolicy(organisation=organisation, mode=Mode.OFF)


def overrides(organisation):
    return (
        InvoicingPolicy.objects.filter(organisation=organisation)
        .filter(Q(client__isnull=False) | Q(project__isnull=False))
        .select_related("client", "project")
        .order_by("client__code", "project__code", "id")
    )


@dataclass(frozen=True)
class Effective:
    """The policy in force for one draft, and where each part of it comes from."""

    mode: str
    send_at: dt.time
    source: str  # "project", "client" or "organisation"


def effective(invoice: Invoice, org_policy: InvoicingPolicy, rows=None) -> Effective:
    """Project override › client override › organisation; an empty mode or time inherits."""
    if rows is None:
        rows = InvoicingPolicy.objects.filter(organisation_id=invoice.organisation_id).filter(
            Q(project_id=invoice.project_id, project__isnull=False)
            | Q(client_id=invoice.client_id, project__isnull=True)
        )
    by_project = {r.project_id: r for r in rows if r.project_id}
    by_client = {r.client_id: r for r in rows if r.client_id and not r.project_id}
    chain = [
        ("project", by_project.get(invoice.project_id) if invoice.project_id else None),
        ("client", by_client.get(invoice.client_id)),
        ("organisation", org_policy),
    ]
    mode = send_at = None
    source = "organisation"
    for name, row in chain:
        if row is None:
            continue
        if mode is None and row.mode:
            mode, source = row.mode, name
        if send_at is None and row.send_at is not None:
            send_at = row.send_at
    return Effective(mode or Mode.OFF, send_at or DEFAULT_SEND_AT, source)


def limits_of(org_policy: InvoicingPolicy) -> rules.Limits:
    return rules.Limits(
        currency=org_policy.organisation.currency,
        amount_limit=org_policy.amount_limit,
        band_percent=org_policy.band_percent,
        allow_first_invoice=org_policy.allow_first_invoice,
    )


def policy_drafts(organisation):
    """The drafts the policy considers, oldest first."""
    return (
        Invoice.objects.filter(
            organisation=organisation, status__in=EDITABLE_STATUSES, kind__in=POLICY_KINDS
        )
        .select_related("client", "project", "organisation")
        .order_by("created_at", "id")
    )


def client_history(invoice: Invoice):
    return Invoice.objects.filter(
        organisation_id=invoice.organisation_id,
        client_id=invoice.client_id,
        kind__in=HISTORY_KINDS,
    ).exclude(status__in=HISTORY_EXCLUDED_STATUSES)


def messages_of(exc: ValidationError) -> tuple[str, ...]:
    if hasattr(exc, "error_dict"):
        return tuple(m for ms in exc.message_dict.values() for m in ms)
    return tuple(exc.messages)


def _delivery_problems(invoice: Invoice) -> list[str]:
    client = invoice.client
    problems = []
    address = (client.invoice_email or "").strip()
    if not address:
        problems.append(f"Client {client.code} has no invoice e-mail.")
    else:
        try:
            validate_email(address)
        except ValidationError:
            problems.append(f"The invoice e-mail of {client.code} ({address}) is not valid.")
    fmt = einvoicing_selectors.format_for(invoice)
    if fmt:
        cli = einvoicing_selectors.client_settings(client)
        if not (cli.endpoint_scheme and cli.endpoint_id):
            problems.append(
                f"Client {client.code} receives {Format(fmt).label} but has no electronic address."
            )
        if fmt == Format.XRECHNUNG and not cli.buyer_reference.strip():
            problems.append(f"XRechnung needs the Leitweg-ID (buyer reference) of {client.code}.")
        if cli.requires_order_reference and not cli.order_reference.strip():
            problems.append(f"Client {client.code} requires a purchase order number.")
    return problems


def _added_lines(invoice: Invoice) -> tuple[str, ...]:
    lines = InvoiceLine.objects.filter(invoice=invoice)
    if invoice.billing_run_id is None:
        # Not made by a billing run: every line was put there by hand.
        return tuple(lines.order_by("position", "id").values_list("description", flat=True))
    added = lines.filter(
        Q(kind__in=(LineKind.MANUAL, LineKind.DISCOUNT))
        | Q(kind=LineKind.CREDIT, carry_forward__isnull=True)
    )
    return tuple(added.order_by("position", "id").values_list("description", flat=True))


def facts_for(invoice: Invoice, *, by, trailing: int) -> rules.Facts:
    """Everything the checks read of one draft (its data as it stands now)."""
    on_draft = TimeEntry.objects.filter(invoice_line__invoice=invoice)
    unapproved = on_draft.exclude(status__in=(EntryStatus.APPROVED, EntryStatus.INVOICED)).count()
    pending = held = requested = 0
    project = invoice.project
    if project is not None:
        period = TimeEntry.objects.filter(
            project=project,
            is_billable=True,
            status__in=(EntryStatus.DRAFT, EntryStatus.SUBMITTED),
        ).exclude(start__isnull=False, end__isnull=True)  # a running timer is not time yet
        if invoice.period_end:
            period = period.filter(date__lte=invoice.period_end)
        if invoice.period_start:
            period = period.filter(date__gte=invoice.period_start)
        pending = period.count()
        held_ids = cap_check([project.pk]).held
        held = (
            TimeEntry.objects.filter(pk__in=held_ids, invoice_line__isnull=True).count()
            if held_ids
            else 0
        )
        requested = project.change_orders.filter(status=ChangeOrderStatus.REQUESTED).count()
    review = review_for(invoice)
    over = -review.remaining if review.is_over else Decimal(0)

    issue_problems: tuple[str, ...] = ()
    einvoice_problems: tuple[str, ...] = ()
    gross = invoice.gross_total
    try:
        frozen, lines = issuing.issue_preview(invoice, by=by)
    except ValidationError as exc:
        issue_problems = messages_of(exc)
    else:
        gross = frozen.gross_total
        try:
            einvoicing_services.check_for_issue(frozen, lines)
        except ValidationError as exc:
            einvoice_problems = messages_of(exc)

    history = client_history(invoice)
    earlier = history.count()
    recent = list(
        history.filter(currency=invoice.currency)
        .order_by("-issue_date", "-id")
        .values_list("gross_total", flat=True)[:trailing]
    )
    average = sum(recent, Decimal(0)) / len(recent) if recent and trailing else None
    return rules.Facts(
        currency=invoice.currency,
        gross_total=gross,
        period_start=invoice.period_start,
        period_end=invoice.period_end,
        pending_entries=pending,
        unapproved_on_draft=unapproved,
        held_by_cap=held,
        change_orders_requested=requested,
        estimate=review.estimate,
        over_estimate=over,
        estimate_note=invoice.estimate_note,
        on_hold=invoice.status == InvoiceStatus.ON_HOLD,
        hold_reason=invoice.hold_reason,
        delivery_problems=tuple(_delivery_problems(invoice)),
        einvoice_problems=einvoice_problems,
        issue_problems=issue_problems,
        trailing_average=average,
        trailing_count=len(recent),
        earlier_invoices=earlier,
        added_lines=_added_lines(invoice),
    )


# ---------------------------------------------------------------- the review queue


def review_queue(organisation):
    """Open review items, oldest first, with their invoice, client and project."""
    return (
        ReviewItem.objects.filter(organisation=organisation, resolved_at__isnull=True)
        # A draft a person issued meanwhile has left the queue; an invoice the policy issued but
        # could not send stays until it is sent.
        .filter(
            Q(invoice__status__in=EDITABLE_STATUSES)
            | Q(invoice__dispatch__status=Dispatch.Status.FAILED, invoice__sent_at__isnull=True)
        )
        .select_related("invoice", "invoice__client", "invoice__project")
        .order_by("first_flagged_at", "id")
    )


def sent_today(organisation, day_start: dt.datetime):
    """What the policy sent (or is sending) since ``day_start``: count and gross per currency."""
    rows = Dispatch.objects.filter(organisation=organisation, issued_at__gte=day_start)
    count = rows.count()
    totals = {
        r["currency"]: r["total"]
        for r in rows.order_by().values("currency").annotate(total=Sum("gross_total"))
    }
    return count, totals


# ---------------------------------------------------------------- dashboard figures


@dataclass(frozen=True)
class Figures:
    month_start: dt.date
    sent_this_month: int
    sent_touchless: int
    touchless_percent: Decimal | None
    days_median: Decimal | None
    days_p90: Decimal | None
    queue_size: int
    queue_oldest_days: int | None


def figures(organisation, *, now: dt.datetime | None = None) -> Figures:
    """This month (the organisation's zone): the share of sent invoices the policy sent, the
    days from period end to sent (median, 90th percentile, nearest rank), and the review
    queue's size and the age of its oldest item in days."""
    now = now or timeutil.now()
    tz = organisation.time_zone
    today = timeutil.local_date(now, tz)
    month_start = today.replace(day=1)
    start, _ = timeutil.day_bounds(month_start, tz)
    sent = Invoice.objects.filter(
        organisation=organisation, sent_at__gte=start, sent_at__lte=now
    ).exclude(kind=InvoiceKind.CREDIT_NOTE)
    rows = list(sent.values_list("sent_at", "period_end", "dispatch__status"))
    touchless = sum(1 for _, _, status in rows if status == Dispatch.Status.SENT)
    days = [
        (timeutil.local_date(sent_at, tz) - period_end).days
        for sent_at, period_end, _ in rows
        if period_end is not None
    ]
    share = (Decimal(touchless) * 100 / len(rows)).quantize(Decimal("0.1")) if rows else None
    queue = review_queue(organisation).aggregate(n=Count("id"), oldest=Min("first_flagged_at"))
    oldest = queue["oldest"]
    return Figures(
        month_start=month_start,
        sent_this_month=len(rows),
        sent_touchless=touchless,
        touchless_percent=share,
        days_median=rules.percentile(days, 50),
        days_p90=rules.percentile(days, 90),
        queue_size=queue["n"],
        queue_oldest_days=(now - oldest).days if oldest else None,
    )
