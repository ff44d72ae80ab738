"""Immutability of issued invoices, enforced under every write path the ORM offers.

Services (``invoicing.issuing``) refuse changes with a clear message first; these guards are the
backstop for everything else (admin, a careless script, a bulk ``update``). After issue only the
collection fields may move: status along the issued states, amounts paid/credited, sent/viewed/void
stamps, and the PDF once (from empty to stored, never replaced).

The guards compare against the row *in the database*, not the instance in memory, so a stale
instance cannot sneak a change past them.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

# Fields that may change after issue (collection, delivery, voiding). Everything else is frozen.
COLLECTION_FIELDS = frozenset(
    {
        "status",
        "amount_paid",
        "amount_credited",
        "sent_at",
        "viewed_at",
        "voided_at",
        "void_reason",
        "pdf",
        "pdf_sha256",
        "documents_stored_at",
        "updated_at",
    }
)


class ImmutableInvoiceError(ValidationError):
    """An attempt to change an issued invoice or its lines."""


def _editable_statuses(invoice_model) -> tuple[str, ...]:
    # The model is passed in (not imported): ``models`` calls these guards from its save/delete.
    return tuple(str(s) for s in invoice_model.editable_statuses)


def _invoice_model_of_lines(line_model):
    return line_model._meta.get_field("invoice").related_model


def _refuse(label: str) -> None:
    raise ImmutableInvoiceError(
        f"{label} is issued and cannot be changed; correct it with a credit note."
    )


def _comparable(field, value):
    if field.get_internal_type() == "FileField":
        return getattr(value, "name", value) or ""
    return value


def check_invoice_save(invoice, update_fields=None) -> None:
    Invoice = type(invoice)
    if invoice.pk is None:
        return
    fields = [f for f in Invoice._meta.concrete_fields if f.name != "id"]
    if update_fields is not None:
        fields = [f for f in fields if f.name in update_fields or f.attname in update_fields]
    row = Invoice._base_manager.filter(pk=invoice.pk).values(*[f.attname for f in fields]).first()
    if row is None:
        return
    status_before = row.get("status")
    if status_before is None:
        status_before = Invoice._base_manager.filter(pk=invoice.pk).values_list(
            "status", flat=True
        )[0]
    if status_before in _editable_statuses(Invoice):
        return
    label = f"Invoice {row.get('number') or invoice.number or invoice.pk}"
    if invoice.status in _editable_statuses(Invoice):
        _refuse(label)
    for field in fields:
        if field.name in COLLECTION_FIELDS and field.name != "pdf":
            continue
        before = _comparable(field, row[field.attname])
        after = _comparable(field, field.value_from_object(invoice))
        if field.name == "pdf":
            if before and after != before:
                raise ImmutableInvoiceError(
                    f"{label}: the issued document is stored and is never regenerated."
                )
            continue
        if before != after:
            _refuse(label)


def check_invoice_delete(invoice) -> None:
    Invoice = type(invoice)
    status = Invoice._base_manager.filter(pk=invoice.pk).values_list("status", flat=True).first()
    if status is not None and status not in _editable_statuses(Invoice):
        raise ImmutableInvoiceError(
            f"Invoice {invoice.number or invoice.pk} is issued and cannot be deleted; "
            "void it or credit it."
        )


def check_invoice_bulk_update(queryset, values: dict) -> None:
    frozen = set(values) - COLLECTION_FIELDS
    editable = _editable_statuses(queryset.model)
    back_to_draft = "status" in values and str(values["status"]) in editable
    if not frozen and not back_to_draft and "pdf" not in values:
        return
    if queryset.exclude(status__in=editable).exists():
        raise ImmutableInvoiceError(
            "Issued invoices cannot be changed; correct them with credit notes."
        )


def check_invoice_bulk_delete(queryset) -> None:
    if queryset.exclude(status__in=_editable_statuses(queryset.model)).exists():
        raise ImmutableInvoiceError("Issued invoices cannot be deleted; void or credit them.")


def check_line_write(line) -> None:
    InvoiceLine = type(line)
    Invoice = _invoice_model_of_lines(InvoiceLine)
    invoice_ids = {line.invoice_id}
    if line.pk is not None:
        # Moving a line off an issued invoice is a change of that invoice too.
        old = InvoiceLine._base_manager.filter(pk=line.pk).values_list("invoice_id", flat=True)
        invoice_ids.update(old)
    issued = (
        Invoice._base_manager.filter(pk__in=[i for i in invoice_ids if i is not None])
        .exclude(status__in=_editable_statuses(Invoice))
        .values_list("number", flat=True)
        .first()
    )
    if issued is not None:
        _refuse(f"Invoice {issued or ''}".strip())


def check_lines_bulk_write(queryset) -> None:
    editable = _editable_statuses(_invoice_model_of_lines(queryset.model))
    if queryset.exclude(invoice__status__in=editable).exists():
        raise ImmutableInvoiceError(
            "Lines of issued invoices cannot be changed; correct them with a credit note."
        )
