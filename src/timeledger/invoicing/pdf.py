"""Store issued documents once; let an organisation edit its invoice template safely."""

from __future__ import annotations

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from timeledger.accounts.roles import Cap
from timeledger.core.audit import record, snapshot
from timeledger.documents.models import InvoiceTemplate
from timeledger.invoicing import rendering
from timeledger.invoicing.models import EDITABLE_STATUSES, Invoice


def template_for(organisation) -> tuple[str, str]:
    custom = InvoiceTemplate.objects.filter(organisation=organisation, is_default=True).first()
    if custom is not None:
        return custom.html, custom.css
    return rendering.default_html(), rendering.default_css()


def invoice_html(invoice: Invoice) -> str:
    html, css = template_for(invoice.organisation)
    return rendering.render_html(html, css, rendering.invoice_context(invoice))


def preview_pdf(invoice: Invoice) -> bytes:
    """A draft's PDF, rendered on the fly and never stored (it has no number yet)."""
    return rendering.render_pdf(invoice_html(invoice))


def ensure_pdf(invoice: Invoice) -> bytes:
    """The stored PDF of an issued invoice; rendered and stored the first time, never again."""
    if invoice.status in EDITABLE_STATUSES:
        return preview_pdf(invoice)
    if invoice.pdf:
        with invoice.pdf.open("rb") as fh:
            return fh.read()
    with transaction.atomic():
        locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if locked.pdf:  # someone stored it while we waited for the lock
            invoice.pdf, invoice.pdf_sha256 = locked.pdf, locked.pdf_sha256
            with locked.pdf.open("rb") as fh:
                return fh.read()
        data = rendering.render_pdf(invoice_html(locked))
        stem = locked.number or f"proforma-{locked.pk}"
        locked.pdf.save(f"{stem}-{locked.public_token[:8]}.pdf", ContentFile(data), save=False)
        locked.pdf_sha256 = hashlib.sha256(data).hexdigest()
        locked.save(update_fields=["pdf", "pdf_sha256", "updated_at"])
    invoice.pdf, invoice.pdf_sha256 = locked.pdf, locked.pdf_sha256
    return data


def save_template(template: InvoiceTemplate | None, data: dict, *, by) -> InvoiceTemplate:
    """Create or change the organisation's invoice template after a trial render on a sample
    invoice: a template that does not compile, or reaches for anything outside its variables,
    is refused with the reason."""
    if not by.can(Cap.MANAGE_SETTINGS) and not by.can(Cap.MANAGE_BILLING):
        raise PermissionDenied("Your role cannot change document templates.")
    html = data.get("html", template.html if template else "")
    css = data.get("css", template.css if template else "")
    try:
        rendering.check_template(html)
        rendering.render_html(html, css, sample_context())
    except rendering.TemplateRenderError as exc:
        raise ValidationError({"html": [str(exc)]}) from exc
    creating = template is None
    with transaction.atomic():
        if creating:
            template = InvoiceTemplate(organisation=by.organisation)
        before = None if creating else snapshot(template)
        for field, value in data.items():
            setattr(template, field, value)
        if template.is_default:
            InvoiceTemplate.objects.filter(organisation=by.organisation, is_default=True).exclude(
                pk=template.pk
            ).update(is_default=False)
        template.full_clean(exclude=["organisation"])
        template.save()
        record(
            organisation=by.organisation,
            actor=by.user,
            action="create" if creating else "update",
            obj=template,
            before=before,
            after=snapshot(template),
        )
    return template


def sample_context() -> dict:
    """The variables a template gets, with sample values (documented in the editor)."""
    party = {
        "name": "Sample Ltd",
        "address": "1 Sample Street\n1000 AA Amsterdam",
        "country": "NL",
        "vat_id": "NL000000000B01",
        "registration_id": "12345678",
        "email": "billing@example.com",
        "iban": "NL00BANK0123456789",
        "bic": "BANKNL2A",
        "code": "SAMPLE",
        "contact": "Sam Sample",
    }
    line = {
        "position": 1,
        "description": "Discovery — 12.00 h × 150.00",
        "note": "",
        "quantity": "12.00",
        "unit": "hrs (decimal)",
        "unit_price": "150.00",
        "net": "1,800.00",
        "tax_rate": "21.00",
        "tax_code": "S",
    }
    return {
        "title": "Invoice",
        "kind": "standard",
        "status": "issued",
        "is_draft": False,
        "is_void": False,
        "void_reason": "",
        "number": "INV-2026-00001",
        "issue_date": "01 Mar 2026",
        "due_date": "31 Mar 2026",
        "payment_terms": "Net 30 days",
        "period": "",
        "currency": "EUR",
        "seller": party,
        "buyer": party,
        "project": {"code": "WEB", "name": "Web shop"},
        "credited_number": "",
        "credited_date": "",
        "lines": [line],
        "taxes": [
            {
                "name": "Standard",
                "code": "S",
                "rate": "21.00",
                "taxable": "1,800.00",
                "tax": "378.00",
            }
        ],
        "net_total": "1,800.00",
        "tax_total": "378.00",
        "gross_total": "2,178.00",
        "amount_paid": "0.00",
        "balance_due": "2,178.00",
        "tax_note": "",
        "notes": "",
        "summary": [],
        "hours_note": "Hours are decimal hours: 1.50 hrs = 1 hour 30 minutes.",
        "hours_label": "hrs (decimal)",
        "timesheet": [
            {
                "position": 1,
                "description": "Discovery — 12.00 h × 150.00",
                "hours": "12.00",
                "rows": [
                    {
                        "date": "02 Mar 2026",
                        "member": "Sam Sample",
                        "task": "Workshop",
                        "description": "Kick-off workshop",
                        "hours": "12.00",
                    }
                ],
            }
        ],
        "payment_reference": "INV-2026-00001",
    }
