"""Writes on draft invoices: the finance person's edits after a billing run.

Every function takes the acting member keyword-only, checks the capability, works in one
transaction with an audit row, and raises ``ValidationError`` with field-level messages. Entries
taken off a draft (removed, regrouped away, draft deleted) go back to unbilled: ``invoice_line``
null and status ``approved``. Any edit withdraws an approval given before it.

This is the one implementation of draft editing: the invoice screens and API
(``billing.issuing.add_line / update_line / remove_line / delete_draft``) call these functions.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from timeledger.accounts.roles import Cap
from timeledger.billing import rules
from timeledger.billing.engine import runs, sql
from timeledger.billing.models import MilestoneRelease
from timeledger.core.audit import record, snapshot
from timeledger.core.hours import hours_2dp
from timeledger.core.money import format_money, parse_decimal, quantize
from timeledger.invoicing import taxes
from timeledger.invoicing.models import (
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    LineGrouping,
    LineKind,
)
from timeledger.invoicing.totals import line_net, recalculate
from timeledger.projects.models import ProjectStatus
from timeledger.timesheets.models import TimeEntry

MANUAL_KINDS = (LineKind.MANUAL, LineKind.CREDIT)
REVIEW_FIELDS = ["status", "net_total", "grouping", "estimate_note", "hold_reason", "approved_at"]


def _fail(**errors: str) -> None:
    raise ValidationError({field: [message] for field, message in errors.items()})


def _require(by, capability: str = Cap.MANAGE_BILLING) -> None:
    if by is None or not by.can(capability):
        raise PermissionDenied("you may not change invoices")


def _label(invoice: Invoice) -> str:
    if invoice.number:
        return f"Invoice {invoice.number}"
    return f"{invoice.get_kind_display()} #{invoice.pk}"


def _locked_draft(invoice: Invoice, by, *, doing: str = "changed") -> Invoice:
    """Re-read the draft under a row lock; refuses other organisations and issued invoices."""
    _require(by)
    if invoice.organisation_id != by.organisation_id:
        _fail(invoice="Not found.")
    fresh = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if not fresh.is_editable:
        remedy = "void or credit it" if doing == "deleted" else "correct it with a credit note"
        _fail(
            invoice=f"{_label(fresh)} is {fresh.get_status_display().lower()} and cannot be "
            f"{doing}; {remedy}."
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
        line.quantity = hours_2dp(seconds)
        line.net_amount = line_net(line.quantity, line.unit_price, invoice.currency)
        line.entry_count = count
        line.description = rules.time_line_description(
            label, seconds, line.unit_price, line.net_amount, invoice.currency
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


def _check_line(
    invoice: Invoice,
    *,
    description: str,
    quantity: Decimal,
    unit_price: Decimal,
    kind: str,
    tax_category,
) -> None:
    if not str(description).strip():
        _fail(description="Describe the line.")
    if quantity == 0:
        _fail(quantity="The quantity cannot be zero.")
    if kind == LineKind.MANUAL and quantity * unit_price < 0:
        _fail(unit_price="A manual line is not negative; add a discount or a credit instead.")
    if tax_category is not None and tax_category.organisation_id != invoice.organisation_id:
        _fail(tax_category="Unknown tax category.")


def insert_line(
    invoice: Invoice,
    *,
    description: str,
    quantity,
    unit_price,
    unit: str = "",
    note: str = "",
    kind: str = LineKind.MANUAL,
    tax_category=None,
) -> InvoiceLine:
    """Validate and insert a hand-written line on ``invoice`` (locked by the caller, inside its
    transaction; no audit, no totals): the one place such a line is made, for ``add_line`` here
    and for ``issuing.create_draft`` (manual and recurring invoices). Net = quantity × unit price, rounded once;
    the tax category is the given one or the default of the client / project / organisation."""
    qty, price = _amount(quantity, "quantity"), _amount(unit_price, "unit_price")
    _check_line(
        invoice,
        description=description,
        quantity=qty,
        unit_price=price,
        kind=kind,
        tax_category=tax_category,
    )
    if kind == LineKind.CREDIT:
        qty, price = abs(qty), -abs(price)
    category = tax_category or taxes.default_category(
        invoice.organisation, client=invoice.client, project=invoice.project
    )
    position = (invoice.lines.aggregate(m=Max("position"))["m"] or 0) + 1
    return InvoiceLine.objects.create(
        organisation_id=invoice.organisation_id,
        invoice=invoice,
        position=position,
        kind=kind,
        description=str(description).strip()[:500],
        quantity=qty,
        unit=unit or ("h" if kind == LineKind.MANUAL else "ea"),
        unit_price=price,
        net_amount=line_net(qty, price, invoice.currency),
        tax_category=category,
        tax_rate=category.rate if category else Decimal("0.00"),
        note=note,
    )


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
    tax_category=None,
) -> InvoiceLine:
    """A manual line (expenses, a fee, a credit) on a draft — from a billing run or written by
    hand (``issuing.add_line`` is this, taking a ``LineInput``)."""
    if kind not in MANUAL_KINDS:
        _fail(kind="Manual lines are 'manual' or 'credit'.")
    with transaction.atomic():
        invoice = _locked_draft(invoice, by)
        if invoice.kind == InvoiceKind.CREDIT_NOTE:
            _fail(non_field_errors="Credit note lines come from the credited invoice.")
        before = snapshot(invoice, REVIEW_FIELDS)
        line = insert_line(
            invoice,
            description=description,
            quantity=quantity,
            unit_price=unit_price,
            unit=unit,
            note=note,
            kind=kind,
            tax_category=tax_category,
        )
        _touch(invoice)
        _audit(invoice, by, "add_line", before, reason=str(description)[:200])
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
            _fail(
                amount=f"The discount ({format_money(value, invoice.currency)}) is more than "
                f"the invoice ({format_money(base, invoice.currency)})."
            )
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


LINE_FIELDS = {"description", "quantity", "unit", "unit_price", "tax_category", "note"}


def update_line(line: InvoiceLine, data: dict, *, by) -> InvoiceLine:
    """Change a draft line; its net is recomputed from quantity × unit price (rounded once).
    Lines that bill logged time keep the hours and rate of their entries."""
    unknown = set(data) - LINE_FIELDS
    if unknown:
        _fail(non_field_errors=f"Cannot change {', '.join(sorted(unknown))} of a line.")
    with transaction.atomic():
        invoice = _locked_draft(line.invoice, by)
        line = InvoiceLine.objects.get(pk=line.pk, invoice=invoice)
        if {"quantity", "unit_price", "unit"} & set(data) and line.entries.exists():
            _fail(
                quantity="This line bills logged time; its hours and rate come from the entries "
                "(remove entries from the draft instead)."
            )
        before = snapshot(line)
        for name, value in data.items():
            setattr(line, name, value.strip() if name in ("note", "description") else value)
        if not line.description:
            _fail(description="Describe the line.")
        if line.quantity == 0:
            _fail(quantity="The quantity cannot be zero.")
        if line.tax_category is not None and (
            line.tax_category.organisation_id != invoice.organisation_id
        ):
            _fail(tax_category="Unknown tax category.")
        if {"quantity", "unit_price"} & set(data):
            line.net_amount = line_net(line.quantity, line.unit_price, invoice.currency)
        if "tax_category" in data:
            line.tax_rate = line.tax_category.rate if line.tax_category else Decimal("0.00")
        line.save()
        _touch(invoice)
        record(
            organisation=invoice.organisation,
            actor=by.user,
            action="line_note" if set(data) == {"note"} else "update_line",
            obj=line,
            before=before,
            after=snapshot(line),
        )
        return line


def set_line_note(line: InvoiceLine, note: str, *, by) -> InvoiceLine:
    return update_line(line, {"note": note}, by=by)


def delete_line(line: InvoiceLine, *, by) -> None:
    """Remove a line; what it billed (entries, a milestone slice, a change order, an instalment,
    a retainer fee or close) is unbilled again."""
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
    """Delete a draft; every entry, milestone slice, change order, instalment and retainer
    period on it is unbilled again. Returns how many entries went back to unbilled."""
    with transaction.atomic():
        invoice = _locked_draft(invoice, by, doing="deleted")
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
            _fail(amount=f"Between 0 and the under-run of {format_money(offer, invoice.currency)}.")
        if choice == "credit":
            if value > invoice.net_total:
                _fail(
                    amount="A credit cannot exceed this invoice "
                    f"({format_money(invoice.net_total, invoice.currency)})."
                )
            InvoiceLine.objects.create(
                organisation=invoice.organisation,
                invoice=invoice,
                position=invoice.lines.count() + 1,
                kind=LineKind.CREDIT,
                description=f"Credit: project closed {rules.fmt(value, invoice.currency)} under its "
                "estimate",
                quantity=Decimal(1),
                unit="ea",
                unit_price=-value,
                net_amount=-value,
            )
        else:
            line = (
                f"Unused estimate of {rules.fmt(value, invoice.currency)} {invoice.currency} "
                "carried forward."
            )
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
