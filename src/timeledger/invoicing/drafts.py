"""Draft invoices and their lines: the one implementation of draft editing.

Every draft, whether a billing run filled it or someone wrote it by hand (manual, recurring,
proforma), is edited here: by the invoice screens and API, by billing's draft screens, and by
recurring invoices. Every function takes the acting member keyword-only, checks the capability,
works in one transaction with an audit row, and raises ``ValidationError`` with field-level
messages. Any edit withdraws an approval given before it.

What a line billed is unbilled again when the line goes (deleted, or its draft deleted), by the
data: its entries go back to ``approved`` with no line (``release_entries``); change orders,
instalments and retainer periods point at the line with ``SET_NULL``; a milestone slice is
deleted with its line, and billing refuses (``billing.models.release_or_refuse``) to delete a
slice a later one builds on. So this module knows no billing model.

Rounding: a line's net is quantity × unit price, rounded once (``totals.line_net``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext, pgettext

from timeledger.accounts.roles import Cap
from timeledger.core.audit import record, snapshot
from timeledger.core.errors import fail_fields
from timeledger.core.money import format_money, parse_decimal, quantize
from timeledger.invoicing import taxes
from timeledger.invoicing.models import (
    Invoice,
    InvoiceKind,
    InvoiceLine,
    LineKind,
    TaxCategory,
)
from timeledger.invoicing.totals import line_net, recalculate
from timeledger.timesheets.models import EntryStatus, TimeEntry

MANUAL_KINDS = (LineKind.MANUAL, LineKind.CREDIT)
# The most one line may bill (quantity × unit price), in any currency. The invoice's totals are
# 15-digit columns (up to 10^12): with this cap hundreds of lines and their tax still fit, where
# a line of 10^20 would overflow them (a 500 on PostgreSQL, an unreadable row on SQLite).
LINE_NET_LIMIT = Decimal(10) ** 9
REVIEW_FIELDS = ["status", "net_total", "grouping", "estimate_note", "hold_reason", "approved_at"]
LINE_FIELDS = {
    "description",
    "quantity",
    "unit",
    "unit_price",
    "discount_percent",
    "tax_category",
    "note",
}
DRAFT_FIELDS = {"notes", "issue_date", "payment_terms_days", "series", "period_start", "period_end"}


def _require(by, capability: str = Cap.MANAGE_BILLING) -> None:
    if by is None or not by.can(capability):
        raise PermissionDenied(gettext("you may not change invoices"))


def _own(obj, by) -> None:
    if obj.organisation_id != by.organisation_id:
        fail_fields(non_field_errors=gettext("Not found."))


def _label(invoice: Invoice) -> str:
    if invoice.number:
        return gettext("Invoice %(number)s") % {"number": invoice.number}
    return f"{gettext(invoice.get_kind_display())} #{invoice.pk}"


def _status(invoice: Invoice) -> str:
    """The invoice's state inside a sentence ("is issued"), in the active language."""
    return pgettext("invoice status", invoice.get_status_display()).lower()


def locked_draft(invoice: Invoice, by, *, doing: str = "changed") -> Invoice:
    """Re-read the draft under a row lock; refuses other organisations and issued invoices."""
    _require(by)
    if invoice.organisation_id != by.organisation_id:
        fail_fields(invoice=gettext("Not found."))
    fresh = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if not fresh.is_editable:
        facts = {"invoice": _label(fresh), "status": _status(fresh)}
        if doing == "deleted":
            text = gettext("%(invoice)s is %(status)s and cannot be deleted; void or credit it.")
        else:
            text = gettext(
                "%(invoice)s is %(status)s and cannot be changed; correct it with a credit note."
            )
        fail_fields(invoice=text % facts)
    return fresh


def touch(invoice: Invoice) -> None:
    """After an edit: fresh totals, approval withdrawn."""
    recalculate(invoice)
    if invoice.approved_at is not None:
        invoice.approved_at, invoice.approved_by = None, None
        invoice.save(update_fields=["approved_at", "approved_by", "updated_at"])


def audit(invoice: Invoice, by, action: str, before: dict, reason: str = "") -> None:
    record(
        organisation=invoice.organisation,
        actor=by.user,
        action=action,
        obj=invoice,
        before=before,
        after=snapshot(invoice, REVIEW_FIELDS),
        reason=reason,
    )


def release_entries(*, line_ids=None, entry_ids=None, now: dt.datetime | None = None) -> int:
    """Put entries back to unbilled (approved, no line): a removed entry, line or draft."""
    qs = TimeEntry.objects.all()
    if line_ids is not None:
        qs = qs.filter(invoice_line_id__in=list(line_ids))
    if entry_ids is not None:
        qs = qs.filter(id__in=list(entry_ids))
    return qs.update(
        invoice_line=None, status=EntryStatus.APPROVED, updated_at=now or timezone.now()
    )


@dataclass(frozen=True)
class LineInput:
    description: str
    quantity: Decimal
    unit_price: Decimal
    unit: str = "h"
    tax_category: TaxCategory | None = None
    kind: str = LineKind.MANUAL
    note: str = ""
    discount_percent: Decimal = Decimal(0)

    def fields(self) -> dict:
        """The keyword arguments of ``add_line`` / ``insert_line``."""
        return asdict(self)


def parse_amount(value, field: str) -> Decimal:
    try:
        return parse_decimal(value)
    except (TypeError, ValueError):
        fail_fields(**{field: "Enter a number."})


def _check_line(
    invoice: Invoice,
    *,
    description: str,
    quantity: Decimal,
    unit_price: Decimal,
    kind: str,
    tax_category,
    discount_percent: Decimal = Decimal(0),
) -> None:
    if not str(description).strip():
        fail_fields(description=gettext("Describe the line."))
    if quantity == 0:
        fail_fields(quantity=gettext("The quantity cannot be zero."))
    _check_size(quantity, unit_price)
    if kind == LineKind.MANUAL and quantity * unit_price < 0:
        fail_fields(
            unit_price=gettext("A manual line is not negative; add a discount or a credit instead.")
        )
    if tax_category is not None and tax_category.organisation_id != invoice.organisation_id:
        fail_fields(tax_category=gettext("Unknown tax category."))
    _check_discount(kind, discount_percent)


def _check_size(quantity: Decimal, unit_price: Decimal) -> None:
    if abs(quantity * unit_price) > LINE_NET_LIMIT:
        fail_fields(
            unit_price=gettext("A line bills at most %(limit)s (quantity × unit price).")
            % {"limit": f"{LINE_NET_LIMIT:,}"}
        )


def _check_discount(kind: str, percent: Decimal) -> None:
    if not percent:
        return
    if kind != LineKind.MANUAL:
        fail_fields(
            discount_percent=gettext(
                "Only a hand-written line takes its own discount; for logged time "
                "and other lines add a discount to the invoice."
            )
        )
    if not Decimal(0) < percent < Decimal(100):
        fail_fields(discount_percent=gettext("A line discount is more than 0 and less than 100 %."))
    if percent != percent.quantize(Decimal("0.01")):
        fail_fields(discount_percent=gettext("A line discount has at most 2 decimals, e.g. 12.5."))


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
    discount_percent=Decimal(0),
) -> InvoiceLine:
    """Validate and insert a hand-written line on ``invoice`` (locked by the caller, inside its
    transaction; no audit, no totals): the one place such a line is made, for ``add_line`` and
    ``create_draft`` (manual and recurring invoices). Net = quantity × unit price, rounded once;
    the tax category is the given one or the default of the client / project / organisation."""
    qty, price = parse_amount(quantity, "quantity"), parse_amount(unit_price, "unit_price")
    percent = parse_amount(discount_percent or 0, "discount_percent")
    _check_line(
        invoice,
        description=description,
        quantity=qty,
        unit_price=price,
        kind=kind,
        tax_category=tax_category,
        discount_percent=percent,
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
        discount_percent=percent,
        net_amount=line_net(qty, price, invoice.currency, percent),
        tax_category=category,
        tax_rate=category.rate if category else Decimal("0.00"),
        note=note,
    )


def create_draft(
    client,
    *,
    by,
    project=None,
    kind: str = InvoiceKind.STANDARD,
    lines: list[LineInput] = (),
    notes: str = "",
) -> Invoice:
    """A draft invoice for ``client`` in the client's currency (one currency per invoice)."""
    _require(by)
    _own(client, by)
    if kind == InvoiceKind.CREDIT_NOTE:
        fail_fields(kind=gettext("Create a credit note from the invoice it corrects."))
    if project is not None:
        _own(project, by)
        if project.client_id != client.pk:
            fail_fields(
                project=gettext("Project %(code)s belongs to another client.")
                % {"code": project.code}
            )
    with transaction.atomic():
        invoice = Invoice.objects.create(
            organisation=by.organisation,
            client=client,
            project=project,
            kind=kind,
            currency=client.currency,
            payment_terms_days=client.payment_terms_days,
            notes=notes,
        )
        for data in lines:
            insert_line(invoice, **data.fields())
        recalculate(invoice)
        record(
            organisation=invoice.organisation,
            actor=by.user,
            action="create",
            obj=invoice,
            after=snapshot(invoice),
        )
    return invoice


def update_draft(invoice: Invoice, data: dict, *, by) -> Invoice:
    """Change a draft's header: notes, dates, payment terms, series."""
    unknown = set(data) - DRAFT_FIELDS
    if unknown:
        fail_fields(
            non_field_errors=gettext("Cannot change %(fields)s of an invoice here.")
            % {"fields": ", ".join(sorted(unknown))}
        )
    with transaction.atomic():
        invoice = locked_draft(invoice, by)
        before = snapshot(invoice)
        for field, value in data.items():
            setattr(invoice, field, value)
        if "payment_terms_days" in data and (
            data["payment_terms_days"] is None or not 0 <= data["payment_terms_days"] <= 365
        ):
            fail_fields(payment_terms_days=gettext("Payment terms are 0 to 365 days."))
        invoice.full_clean(exclude=["organisation", "client", "project", "pdf"])
        invoice.save()
        record(
            organisation=invoice.organisation,
            actor=by.user,
            action="update",
            obj=invoice,
            before=before,
            after=snapshot(invoice),
        )
    return invoice


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
    discount_percent=Decimal(0),
) -> InvoiceLine:
    """A manual line (expenses, a fee, a credit) on a draft — from a billing run or written by
    hand (``LineInput.fields()`` gives these keywords)."""
    if kind not in MANUAL_KINDS:
        fail_fields(kind=gettext("Manual lines are 'manual' or 'credit'."))
    with transaction.atomic():
        invoice = locked_draft(invoice, by)
        if invoice.kind == InvoiceKind.CREDIT_NOTE:
            fail_fields(
                non_field_errors=gettext("Credit note lines come from the credited invoice.")
            )
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
            discount_percent=discount_percent,
        )
        touch(invoice)
        audit(invoice, by, "add_line", before, reason=str(description)[:200])
        return line


def add_discount(
    invoice: Invoice, *, by, description: str = "Discount", amount=None, percent=None
) -> InvoiceLine:
    """A negative line: a fixed amount, or a % of the lines other than discounts."""
    if (amount in (None, "")) == (percent in (None, "")):
        fail_fields(amount=gettext("Give either an amount or a percentage."))
    with transaction.atomic():
        invoice = locked_draft(invoice, by)
        before = snapshot(invoice, REVIEW_FIELDS)
        base = sum(
            invoice.lines.exclude(kind=LineKind.DISCOUNT).values_list("net_amount", flat=True),
            Decimal("0.00"),
        )
        if percent not in (None, ""):
            pct = parse_amount(percent, "percent")
            if not 0 < pct <= 100:
                fail_fields(percent=gettext("A discount is between 0 and 100 %."))
            value = quantize(base * pct / 100, invoice.currency)
            text = f"{description} ({pct.normalize():f}%)"
        else:
            value = quantize(parse_amount(amount, "amount"), invoice.currency)
            text = description
            if value <= 0:
                fail_fields(amount=gettext("A discount amount is more than 0."))
        if value > base:
            fail_fields(
                amount=gettext("The discount (%(discount)s) is more than the invoice (%(base)s).")
                % {
                    "discount": format_money(value, invoice.currency),
                    "base": format_money(base, invoice.currency),
                }
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
        touch(invoice)
        audit(invoice, by, "add_discount", before, reason=text)
        return line


def update_line(line: InvoiceLine, data: dict, *, by) -> InvoiceLine:
    """Change a draft line; its net is recomputed from quantity × unit price (rounded once).
    Lines that bill logged time keep the hours and rate of their entries."""
    unknown = set(data) - LINE_FIELDS
    if unknown:
        fail_fields(
            non_field_errors=gettext("Cannot change %(fields)s of a line.")
            % {"fields": ", ".join(sorted(unknown))}
        )
    with transaction.atomic():
        invoice = locked_draft(line.invoice, by)
        line = InvoiceLine.objects.get(pk=line.pk, invoice=invoice)
        if {"quantity", "unit_price", "unit"} & set(data) and line.entries.exists():
            fail_fields(
                quantity=gettext(
                    "This line bills logged time; its hours and rate come from the entries "
                    "(remove entries from the draft instead)."
                )
            )
        before = snapshot(line)
        for name, value in data.items():
            setattr(line, name, value.strip() if name in ("note", "description") else value)
        if not line.description:
            fail_fields(description=gettext("Describe the line."))
        if line.quantity == 0:
            fail_fields(quantity=gettext("The quantity cannot be zero."))
        _check_size(line.quantity, line.unit_price)
        if line.tax_category is not None and (
            line.tax_category.organisation_id != invoice.organisation_id
        ):
            fail_fields(tax_category=gettext("Unknown tax category."))
        if "discount_percent" in data:
            line.discount_percent = data["discount_percent"] or Decimal(0)
            _check_discount(line.kind, line.discount_percent)
        if {"quantity", "unit_price", "discount_percent"} & set(data):
            line.net_amount = line_net(
                line.quantity, line.unit_price, invoice.currency, line.discount_percent
            )
        if "tax_category" in data:
            line.tax_rate = line.tax_category.rate if line.tax_category else Decimal("0.00")
        line.save()
        touch(invoice)
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
        invoice = locked_draft(line.invoice, by)
        line = InvoiceLine.objects.get(pk=line.pk, invoice=invoice)
        before = snapshot(invoice, REVIEW_FIELDS)
        release_entries(line_ids=[line.pk], now=timezone.now())
        line.delete()
        touch(invoice)
        audit(invoice, by, "delete_line", before, reason=line.description[:200])


def delete_draft(invoice: Invoice, *, by) -> int:
    """Delete a draft; every entry, milestone slice, change order, instalment and retainer
    period on it is unbilled again. Returns how many entries went back to unbilled."""
    with transaction.atomic():
        invoice = locked_draft(invoice, by, doing="deleted")
        line_ids = list(invoice.lines.values_list("pk", flat=True))
        before = snapshot(invoice, REVIEW_FIELDS)
        released = release_entries(line_ids=line_ids, now=timezone.now())
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
