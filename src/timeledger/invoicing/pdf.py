"""Store issued documents once; let an organisation edit its invoice template safely.

An issued invoice's document is produced from the template version stored on it at issue
(``Invoice.template_version``) over its frozen data, as it stood at issue (``frozen=True``: no
payment or void stamp that came later). Issuing checks that this document renders before it takes
the number (``check_document``); the PDF is then made once, after commit, and stored
(``ensure_pdf``); the stored bytes are what every later download, e-mail and link serves.
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from timeledger.accounts.roles import Cap
from timeledger.core import timeutil
from timeledger.core.audit import record, snapshot
from timeledger.documents.models import InvoiceTemplate, TemplateVersion
from timeledger.documents.services import version_in_force
from timeledger.invoicing import rendering
from timeledger.invoicing.models import EDITABLE_STATUSES, Invoice
from timeledger.invoicing.signals import documents_frozen

logger = logging.getLogger(__name__)

# In-process attempts right after commit (the embedded default) before leaving the rest to
# ``timeledger tick`` / the Celery task's retries.
ATTEMPTS_NOW = 3


def template_for(organisation) -> tuple[str, str]:
    custom = InvoiceTemplate.objects.filter(organisation=organisation, is_default=True).first()
    if custom is not None:
        return custom.html, custom.css
    return rendering.default_html(), rendering.default_css()


def template_version(organisation) -> TemplateVersion:
    """The template version in force now (what issuing stores on the invoice)."""
    return version_in_force(
        organisation, default_html=rendering.default_html(), default_css=rendering.default_css()
    )


def invoice_html(invoice: Invoice, *, number: str | None = None, lines=None) -> str:
    """The document's HTML: a draft with the template as it is now; an issued invoice with the
    version it was issued with, over its data as issued. ``number``: a stand-in for the number
    (the check before the number is taken); ``lines``: its lines, when the caller holds them."""
    version = invoice.template_version if invoice.template_version_id else None
    if version is not None:
        html, css = version.html, version.css
    else:
        html, css = template_for(invoice.organisation)
    frozen = version is not None and (number is not None or invoice.status not in EDITABLE_STATUSES)
    # In the client's language (frozen on the invoice at issue): labels, dates and numbers.
    language = rendering.document_language(invoice)
    with translation.override(rendering.DJANGO_LANGUAGES.get(language, language)):
        context = rendering.invoice_context(invoice, frozen=frozen, lines=lines)
        if number is not None:
            context.update(number=number, payment_reference=number, title=_title(invoice))
    return rendering.render_html(html, css, context, language=language)


def _title(invoice: Invoice) -> str:
    if invoice.kind != "standard":
        return gettext(invoice.get_kind_display())
    return gettext("Invoice")


def check_document(invoice: Invoice, number: str, lines=None) -> None:
    """Render the document the invoice will have, with ``number`` standing in for the number it
    will get, or refuse with the template's error: called before the number is taken, so a
    template that fails on this invoice's data burns no number. ``lines``: as issuing holds
    them (taxes resolved)."""
    try:
        invoice_html(invoice, number=number, lines=lines)
    except rendering.TemplateRenderError as exc:
        name = invoice.template_version.name if invoice.template_version_id else "the template"
        raise ValidationError(
            {
                "non_field_errors": [
                    f"The invoice document does not render with the template '{name}': {exc} "
                    "Correct the template (or the line text it fails on) and issue again; "
                    "no number was used."
                ]
            }
        ) from exc


def preview_pdf(invoice: Invoice) -> bytes:
    """A draft's PDF, rendered on the fly and never stored (it has no number yet)."""
    return rendering.render_pdf(invoice_html(invoice))


def ensure_pdf(invoice: Invoice) -> bytes:
    """The stored PDF of an issued invoice; rendered and stored the first time, never again.

    Rendered outside any lock (it takes WeasyPrint tens to hundreds of milliseconds); the row is
    locked only to store it, and when another process stored it meanwhile, theirs is kept and
    returned, so the stored bytes never change."""
    if invoice.status in EDITABLE_STATUSES:
        return preview_pdf(invoice)
    if invoice.pdf:
        with invoice.pdf.open("rb") as fh:
            return fh.read()
    data = rendering.render_pdf(invoice_html(invoice))
    with transaction.atomic():
        locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if locked.pdf:  # someone stored it while we rendered
            invoice.pdf, invoice.pdf_sha256 = locked.pdf, locked.pdf_sha256
            with locked.pdf.open("rb") as fh:
                return fh.read()
        stem = locked.number or f"proforma-{locked.pk}"
        locked.pdf.save(f"{stem}-{locked.public_token[:8]}.pdf", ContentFile(data), save=False)
        locked.pdf_sha256 = hashlib.sha256(data).hexdigest()
        locked.save(update_fields=["pdf", "pdf_sha256", "updated_at"])
    invoice.pdf, invoice.pdf_sha256 = locked.pdf, locked.pdf_sha256
    return data


def store_documents(invoice_id: int) -> bool:
    """Issuing, step 2: store the issued invoice's PDF, then let other apps store theirs
    (``invoicing.signals.documents_frozen``). True when everything is stored. Idempotent: what is
    stored stays; only what is missing is made."""
    invoice = Invoice.objects.select_related("template_version").get(pk=invoice_id)
    if invoice.status in EDITABLE_STATUSES or invoice.documents_stored_at is not None:
        return True
    ensure_pdf(invoice)
    failed = [
        (receiver, error)
        for receiver, error in documents_frozen.send_robust(sender=Invoice, invoice=invoice)
        if isinstance(error, Exception)
    ]
    for receiver, error in failed:
        logger.error(
            "documents of invoice %s: %r failed: %r",
            invoice.number,
            receiver,
            error,
            exc_info=error,
        )
    if failed:
        return False
    Invoice.objects.filter(pk=invoice.pk, documents_stored_at__isnull=True).update(
        documents_stored_at=timeutil.now()
    )
    return True


def store_documents_now(invoice_id: int, *, attempts: int = ATTEMPTS_NOW) -> bool:
    """``store_documents`` retried a few times in this process (after the issue committed). What
    still fails is logged and left to ``store_pending_documents`` (``timeledger tick``)."""
    for attempt in range(1, attempts + 1):
        try:
            if store_documents(invoice_id):
                return True
        except Exception:  # noqa: BLE001 - logged; retried below and by the periodic job
            logger.exception(
                "storing the documents of invoice %s (attempt %s)", invoice_id, attempt
            )
        if attempt < attempts:
            time.sleep(0.05 * attempt)
    return False


def store_pending_documents(now=None, *, limit: int = 500) -> dict[str, int]:
    """Periodic job (and the bench's document workers): store the documents of every issued
    invoice that still lacks them, oldest first. Each invoice is claimed with
    ``SKIP LOCKED`` so several workers share the backlog without rendering one twice."""
    stored = failed = 0
    given_up: list[int] = []
    for _ in range(limit):
        with transaction.atomic():
            claimed = (
                Invoice.objects.select_for_update(skip_locked=True)
                .filter(documents_stored_at__isnull=True, issued_at__isnull=False)
                .exclude(status__in=EDITABLE_STATUSES)
                .exclude(pk__in=given_up)
                .order_by("issued_at", "pk")
                .values_list("pk", flat=True)
                .first()
            )
            if claimed is None:
                break
            # Keep the claim (the row lock) while storing: another worker skips this invoice.
            try:
                with transaction.atomic():
                    ok = store_documents(claimed)
            except Exception:  # noqa: BLE001 - logged; the next run retries it
                logger.exception("storing the documents of invoice %s", claimed)
                ok = False
        if ok:
            stored += 1
        else:
            failed += 1
            given_up.append(claimed)  # the next run retries it; go on with the others
    return {"stored": stored, "failed": failed}


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
        "discount": "",
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
