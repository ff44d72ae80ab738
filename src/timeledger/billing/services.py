"""Writes on draft invoices: the finance person's edits after a billing run.

Every function takes the acting member keyword-only, checks the capability, works in one
transaction with an audit row, and raises ``ValidationError`` with field-level messages. Entries
taken off a draft (removed, regrouped away, draft deleted) go back to unbilled: ``invoice_line``
null and status ``approved``. Any edit withdraws an approval given before it.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from timeledger.accounts.roles import Cap
from timeledger.billing import rules
from timeledger.billing.engine import runs, sql
from timeledger.billing.models import (
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    LineGrouping,
    LineKind,
    MilestoneRelease,
)
from timeledger.billing.totals import recalculate
from timeledger.core.audit import record, snapshot
from timeledger.core.money import parse_decimal, quantize
from timeledger.projects.models import ProjectStatus
from timeledger.timesheets.models import TimeEntry

REVIEW_FIELDS = ["status", "net_total", "grouping", "estimate_note", "hold_reason", "approved_at"]


def _fail(**errors: str) -> None:
    raise ValidationError({field: [message] for field, message in errors.items()})


def _require(by, capability: str = Cap.MANAGE_BILLING) -> None:
    if by is None or not by.can(capability):
        raise PermissionDenied("you may not change invoices")


def _locked_draft(invoice: Invoice, by) -> Invoice:
    """Re-read the draft under a row lock; refuses other organisations and issued invoices."""
    _require(by)
    if invoice.organisation_id != by.organisation_id:
        _fail(invoice="Not found.")
    fresh = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if not fresh.is_editable:
        _fail(
            invoice=f"Invoice {fresh} is {fresh.get_status_display().lower()}; only drafts change."
        )
    return fresh


def _touch(invoice: Invoice) -> None:
    """After an edit: fresh totals, approval withdrawn."""
    recalculate(invoice)
    if invoice.approved_at is not None:
        invoice.approved_at, invoice.approved_by = None, None
        invoice.save(update_fields=["approved_at", "approved_by", "updated_at"])


def _audit(invoice: Invoice, by, action: str, before: dict, reason: str = "") -> None:
    record(
        organisation=invoice.organisation,
        actor=by.user,
        action=action,
        obj=invoice,
        before=before,
        after=snapshot(invoice, REVIEW_FIELDS),
        reason=reason,
    )


def _refresh_time_lines(invoice: Invoice, line_ids) -> None:
    """Re-derive quantity, net and text of time lines from the entries still on them."""
    lines = list(InvoiceLine.objects.filter(pk__in=list(line_ids), kind=LineKind.TIME))
    actual = sql.billed_by_line([line.pk for line in lines])
    empty = []
    for line in lines:
        seconds, count = actual.get(line.pk, (0, 0))
        if count == 0:
            empty.append(line.pk)
            continue
        label = line.description.rsplit(" — ", 1)[0]
        line.quantity = rules.hours(seconds)
        line.net_amount = rules.line_net(seconds, line.unit_price, invoice.currency)
        line.entry_count = count
        line.description = rules.time_line_description(
            label, seconds, line.unit_price, line.net_amount
        )[:500]
        line.save(update_fields=["quantity", "net_amount", "entry_count", "description"])
    if empty:
        InvoiceLine.objects.filter(pk__in=empty).delete()


def _check_milestone_chain(line_ids) -> None:
    """A milestone slice can go back only if no later slice of it has been billed."""
    for release in MilestoneRelease.objects.filter(invoice_line_id__in=list(line_ids)):
        if MilestoneRelease.objects.filter(
            milestone_id=release.milestone_id, from_percent__gte=release.to_percent
        ).exists():
            _fail(
                line=f"Milestone {release.milestone} was billed further on a later invoice; "
                "delete that draft (or credit that invoice) first."
            )


# --- entries -------------------------------------------------------------------------------------


def remove_entries(invoice: Invoice, entry_ids: list[int], *, by) -> int:
    """Take entries off a draft: they return to unbilled and the lines shrink (or go)."""
    with transaction.atomic():
        invoice = _locked_draft(invoice, by)
        before = snapshot(invoice, REVIEW_FIELDS)
        entries = TimeEntry.objects.filter(pk__in=entry_ids, invoice_line__invoice=invoice)
        line_ids = set(entries.values_list("invoice_line_id", flat=True))
        if len(set(entry_ids)) != entries.count():
            _fail(entries="Some of these entries are not on this draft.")
        released = sql.release_entries(entry_ids=entry_ids, now=timezone.now())
        _refresh_time_lines(invoice, line_ids)
        _touch(invoice)
        _audit(invoice, by, "remove_entries", before, reason=f"entries {sorted(entry_ids)}")
        return released


def regroup(invoice: Invoice, grouping: str, *, by) -> Invoice:
    """Rebuild the time lines of a draft with another grouping (same entries, same rates)."""
    if grouping not in LineGrouping.values:
        _fail(grouping=f"Choose one of {', '.join(LineGrouping.values)}.")
    with transaction.atomic():
        invoice = _locked_draft(invoice, by)
        if invoice.project is None:
            _fail(grouping="Only a project's draft can be regrouped.")
        before = snapshot(invoice, REVIEW_FIELDS)
        now = timezone.now()
        holding = InvoiceLine.objects.create(
            organisation=invoice.organisation,
            invoice=invoice,
            kind=LineKind.TIME,
            description="(regrouping)",
            group_key=f"hold:{invoice.pk}",
        )
        TimeEntry.objects.filter(invoice_line__invoice=invoice).exclude(
            invoice_line=holding
        ).update(invoice_line=holding, updated_at=now)
        InvoiceLine.objects.filter(invoice=invoice, kind=LineKind.TIME).exclude(
            pk=holding.pk
        ).delete()
        source = sql.Source(line_id=holding.pk)
        groups = sql.aggregate(invoice.organisation_id, [invoice.project_id], grouping, source)
        plan = runs.plan_for(invoice.project, invoice.period_end or now.date(), explicit=True)
        plan.grouping = grouping
        draft = runs._Draft(plan, invoice, groups=groups)
        runs._time_lines(draft, runs._labels(grouping, {g.key for g in groups}))
        others = list(invoice.lines.exclude(kind=LineKind.TIME).order_by("position", "id"))
        for position, line in enumerate(draft.lines + others, start=1):
            line.position = position
            line.invoice_id = invoice.pk
        runs.insert(InvoiceLine, draft.lines, now)
        for line in others:
            line.save(update_fields=["position"])
        claimed = sql.claim(
            invoice.organisation_id, [invoice.project_id], grouping, source, [invoice.pk], now=now
        )
        if claimed != sum(g.count for g in groups):
            raise runs.ClaimConflict("regroup lost entries")
        holding.delete()
        invoice.grouping = grouping
        invoice.save(update_fields=["grouping", "updated_at"])
        _touch(invoice)
        _audit(invoice, by, "regroup", before)
        return invoice


# --- lines ---------------------------------------------------------------------------------------


def _amount(value, field: str) -> Decimal:
    try:
        return parse_decimal(value)
    except (TypeError, ValueError):
        _fail(**{field: "Enter a number."})


def add_line(
    invoice: Invoice,
    *,
    by,
    description: str,
    quantity="1",
    unit_price,
    unit: str = "",
    note: str = "",
    kind: str = LineKind.MANUAL,
) -> InvoiceLine:
    """A manual line (expenses, a fee, a credit); net = quantity × unit price, rounded once."""
    if kind not in (LineKind.MANUAL, LineKind.CREDIT):
        _fail(kind="Manual lines are 'manual' or 'credit'.")
    if not description.strip():
        _fail(description="Describe the line.")
    qty, price = _amount(quantity, "quantity"), _amount(unit_price, "unit_price")
    if qty <= 0:
        _fail(quantity="Quantity must be more than 0.")
    if kind == LineKind.MANUAL and price < 0:
        _fail(unit_price="A manual line is not negative; add a discount or a credit instead.")
    with transaction.atomic():
        invoice = _locked_draft(invoice, by)
        before = snapshot(invoice, REVIEW_FIELDS)
        net = quantize(qty * price, invoice.currency)
        if kind == LineKind.CREDIT:
            net = -abs(net)
            price = -abs(price)
        line = InvoiceLine.objects.create(
            organisation=invoice.organisation,
            invoice=invoice,
            position=invoice.lines.count() + 1,
            kind=kind,
            description=description.strip()[:500],
            quantity=qty,
            unit=unit or ("h" if kind == LineKind.MANUAL else "ea"),
            unit_price=price,
            net_amount=net,
            note=note,
        )
        _touch(invoice)
        _audit(invoice, by, "add_line", before, reason=description[:200])
        return line


def add_discount(
    invoice: Invoice, *, by, description: str = "Discount", amount=None, percent=None
) -> InvoiceLine:
    """A negative line: a fixed amount, or a % of the lines other than discounts."""
    if (amount in (None, "")) == (percent in (None, "")):
        _fail(amount="Give either an amount or a percentage.")
    with transaction.atomic():
        invoice = _locked_draft(invoice, by)
        before = snapshot(invoice, REVIEW_FIELDS)
        base = sum(
            invoice.lines.exclude(kind=LineKind.DISCOUNT).values_list("net_amount", flat=True),
            Decimal("0.00"),
        )
        if percent not in (None, ""):
            pct = _amount(percent, "percent")
            if not 0 < pct <= 100:
                _fail(percent="A discount is between 0 and 100 %.")
            value = quantize(base * pct / 100, invoice.currency)
            text = f"{description} ({pct.normalize():f}%)"
        else:
            value = quantize(_amount(amount, "amount"), invoice.currency)
            text = description
            if value <= 0:
                _fail(amount="A discount amount is more than 0.")
        if value > base:
            _fail(amount=f"The discount ({value}) is more than the invoice ({base}).")
        line = InvoiceLine.objects.create(
            organisation=invoice.organisation,
            invoice=invoice,
            position=invoice.lines.count() + 1,
            kind=LineKind.DISCOUNT,
            description=text[:500],
            quantity=Decimal(1),
            unit="ea",
            unit_price=-value,
            net_amount=-value,
        )
        _touch(invoice)
        _audit(invoice, by, "add_discount", before, reason=text)
        return line


def set_line_note(line: InvoiceLine, note: str, *, by) -> InvoiceLine:
    with transaction.atomic():
        invoice = _locked_draft(line.invoice, by)
        line = InvoiceLine.objects.get(pk=line.pk, invoice=invoice)
        before = {"note": line.note}
        line.note = note.strip()
        line.save(update_fields=["note", "updated_at"])
        record(
            organisation=invoice.organisation,
            actor=by.user,
            action="line_note",
            obj=line,
            before=before,
            after={"note": line.note},
        )
        return line


def delete_line(line: InvoiceLine, *, by) -> None:
    """Remove a line; what it billed (entries, a milestone slice, a change order) is unbilled."""
    with transaction.atomic():
        invoice = _locked_draft(line.invoice, by)
        line = InvoiceLine.objects.get(pk=line.pk, invoice=invoice)
        _check_milestone_chain([line.pk])
        before = snapshot(invoice, REVIEW_FIELDS)
        sql.release_entries(line_ids=[line.pk], now=timezone.now())
        line.delete()
        _touch(invoice)
        _audit(invoice, by, "delete_line", before, reason=line.description[:200])


def delete_draft(invoice: Invoice, *, by) -> int:
    """Delete a draft; every entry, milestone slice and change order on it is unbilled again."""
    with transaction.atomic():
        invoice = _locked_draft(invoice, by)
        line_ids = list(invoice.lines.values_list("pk", flat=True))
        _check_milestone_chain(line_ids)
        before = snapshot(invoice, REVIEW_FIELDS)
        released = sql.release_entries(line_ids=line_ids, now=timezone.now())
        record(
            organisation=invoice.organisation,
            actor=by.user,
            action="delete_draft",
            obj=invoice,
            before=before,
            reason=f"{released} entries back to unbilled",
        )
        invoice.lines.all().delete()
        invoice.delete()
        return released


# --- review --------------------------------------------------------------------------------------


def approve_draft(invoice: Invoice, *, by, note: str | None = None) -> Invoice:
    """Mark a draft ready to issue. Over the estimate it needs a note; on hold it cannot."""
    from timeledger.billing.selectors import review_for

    with transaction.atomic():
        invoice = _locked_draft(invoice, by)
        if invoice.status == InvoiceStatus.ON_HOLD:
            _fail(invoice=f"On hold: {invoice.hold_reason} A manager must release it first.")
        if not invoice.lines.exists():
            _fail(invoice="An empty draft cannot be approved.")
        before = snapshot(invoice, REVIEW_FIELDS)
        if note is not None:
            invoice.estimate_note = note.strip()
        errors = rules.approval_errors(review_for(invoice), invoice.estimate_note)
        if errors:
            raise ValidationError({k: [v] for k, v in errors.items()})
        invoice.approved_at, invoice.approved_by = timezone.now(), by.user
        invoice.save(update_fields=["estimate_note", "approved_at", "approved_by", "updated_at"])
        _audit(invoice, by, "approve_draft", before, reason=invoice.estimate_note)
        return invoice


def release_hold(invoice: Invoice, *, by, reason: str = "") -> Invoice:
    """A manager releases a reconciliation hold: the draft is a normal draft again."""
    if by is None or not by.can(Cap.MANAGE_PROJECTS):
        raise PermissionDenied("only a manager may release a hold")
    with transaction.atomic():
        if invoice.organisation_id != by.organisation_id:
            _fail(invoice="Not found.")
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if invoice.status != InvoiceStatus.ON_HOLD:
            _fail(invoice="This draft is not on hold.")
        before = snapshot(invoice, REVIEW_FIELDS)
        invoice.status = InvoiceStatus.DRAFT
        invoice.hold_released_at, invoice.hold_released_by = timezone.now(), by.user
        invoice.save(update_fields=["status", "hold_released_at", "hold_released_by", "updated_at"])
        _audit(invoice, by, "release_hold", before, reason=reason or invoice.hold_reason)
        return invoice


def settle_underrun(invoice: Invoice, *, by, choice: str, amount=None) -> Invoice:
    """At project close, an unused estimate is credited on this draft or carried forward."""
    from timeledger.billing.selectors import review_for

    if choice not in ("credit", "carry_forward"):
        _fail(choice="Choose 'credit' or 'carry_forward'.")
    with transaction.atomic():
        invoice = _locked_draft(invoice, by)
        r = review_for(invoice)
        project_closed = (
            invoice.project is not None and invoice.project.status == ProjectStatus.CLOSED
        )
        offer = rules.underrun_offer(r, project_closed=project_closed)
        if offer is None:
            _fail(choice="There is no under-run to settle: the project is open or at its estimate.")
        before = snapshot(invoice, REVIEW_FIELDS)
        value = (
            offer if amount in (None, "") else quantize(_amount(amount, "amount"), invoice.currency)
        )
        if not 0 < value <= offer:
            _fail(amount=f"Between 0 and the under-run of {offer}.")
        if choice == "credit":
            if value > invoice.net_total:
                _fail(amount=f"A credit cannot exceed this invoice ({invoice.net_total}).")
            InvoiceLine.objects.create(
                organisation=invoice.organisation,
                invoice=invoice,
                position=invoice.lines.count() + 1,
                kind=LineKind.CREDIT,
                description=f"Credit: project closed {rules.fmt(value)} under its estimate",
                quantity=Decimal(1),
                unit="ea",
                unit_price=-value,
                net_amount=-value,
            )
        else:
            line = f"Unused estimate of {rules.fmt(value)} {invoice.currency} carried forward."
            invoice.notes = (invoice.notes + "\n" + line).strip()
            invoice.save(update_fields=["notes", "updated_at"])
        _touch(invoice)
        _audit(invoice, by, f"underrun_{choice}", before, reason=str(value))
        return invoice


def start_run(organisation, *, by, up_to=None, project_codes=None, dry_run=False, progress=None):
    """The service behind the Run billing button, the API and the CLI. A dry run (the preview
    of what would be billed now) needs only the right to read reports."""
    _require(by, Cap.VIEW_REPORTS if dry_run else Cap.MANAGE_BILLING)
    return runs.run_billing(
        organisation,
        by=by,
        up_to=up_to,
        project_codes=project_codes,
        dry_run=dry_run,
        progress=progress,
    )


__all__ = [
    "add_discount",
    "add_line",
    "approve_draft",
    "delete_draft",
    "delete_line",
    "regroup",
    "release_hold",
    "remove_entries",
    "set_line_note",
    "settle_underrun",
    "start_run",
]
