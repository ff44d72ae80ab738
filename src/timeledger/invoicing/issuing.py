"""Invoice services: issue, void, convert proformas, credit notes (drafts: ``invoicing.drafts``).
A final invoice is made by the billing engine (``billing.final``); issuing it closes its project.

Every service takes the acting member keyword-only, checks the role, validates before writing,
runs in one transaction with its audit row, and raises ``ValidationError`` with a message a finance
person understands. An issued invoice never changes: these services refuse, and
``invoicing.guards`` refuses at the model and queryset level for any other path.

Rounding (EN 16931, see ``invoicing.totals``): each line net is rounded to the minor unit when the
line is written; tax is computed per category and rate on the sum of its lines at issue.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from celery import current_app
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import formats
from django.utils.translation import gettext, pgettext

from timeledger.accounts.roles import Cap
from timeledger.core import events, timeutil
from timeledger.core.audit import record, snapshot
from timeledger.core.errors import fail
from timeledger.invoicing import pdf, rules, taxes
from timeledger.invoicing.models import (
    EDITABLE_STATUSES,
    OPEN_STATUSES,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    LineKind,
    TaxCategory,
)
from timeledger.invoicing.numbering import stand_in_number, take_number
from timeledger.invoicing.signals import invoice_issued, validate_for_issue
from timeledger.invoicing.totals import invoice_totals, line_net, recalculate
from timeledger.projects.models import Project, ProjectStatus
from timeledger.timesheets.models import EntryStatus, TimeEntry

logger = logging.getLogger(__name__)

ZERO = Decimal("0.00")
CREDIT_SERIES = "CN"


def _require(by, capability: str = Cap.MANAGE_BILLING) -> None:
    if not by.can(capability):
        raise PermissionDenied(gettext("Your role cannot manage invoices."))


def _own(obj, by) -> None:
    if obj.organisation_id != by.organisation.id:
        raise ValidationError({"non_field_errors": [gettext("Not found.")]})


def today_for(organisation) -> dt.date:
    return timeutil.local_date(timeutil.now(), organisation.time_zone)


def _label(invoice: Invoice) -> str:
    if invoice.number:
        return gettext("Invoice %(number)s") % {"number": invoice.number}
    return f"{gettext(invoice.get_kind_display())} #{invoice.pk}"


def _check_editable(invoice: Invoice) -> None:
    if invoice.status not in EDITABLE_STATUSES:
        status = pgettext("invoice status", invoice.get_status_display()).lower()
        fail(
            gettext(
                "%(invoice)s is %(status)s and cannot be changed; correct it with a credit note."
            )
            % {"invoice": _label(invoice), "status": status}
        )


def _locked(invoice: Invoice) -> Invoice:
    """Re-read the invoice under a row lock (callers hold a transaction), with its organisation
    and client (every caller reads both; only the invoice's row is locked)."""
    return (
        Invoice.objects.select_for_update(of=("self",))
        .select_related("organisation", "client")
        .get(pk=invoice.pk)
    )


def _issued_event(invoice: Invoice) -> str:
    return "credit_note.issued" if invoice.kind == InvoiceKind.CREDIT_NOTE else "invoice.issued"


def _audit(by, action: str, obj, before=None, reason: str = "") -> None:
    record(
        organisation=by.organisation,
        actor=by.user,
        action=action,
        obj=obj,
        before=before,
        after=snapshot(obj),
        reason=reason,
    )


# ---------------------------------------------------------------- drafts


def _party(obj, *, organisation: bool) -> dict:
    data = {
        "name": (obj.legal_name or obj.name),
        "address": obj.address,
        "country": obj.country,
        "vat_id": obj.vat_id,
    }
    if organisation:
        data.update(
            registration_id=obj.registration_id,
            email=obj.email,
            iban=obj.iban,
            bic=obj.bic,
        )
    else:
        data.update(code=obj.code, email=obj.invoice_email, contact=obj.contact_name)
    return data


def _resolve_taxes(invoice: Invoice, lines: list[InvoiceLine], on: dt.date) -> None:
    """Fill every line's tax category (line → project → client → organisation default) and move
    it to the version in force on the invoice date. Credit notes keep the credited rates.
    Each category is looked up once per invoice, however many lines carry it."""
    if invoice.kind == InvoiceKind.CREDIT_NOTE:
        return
    default: TaxCategory | None = None
    versions: dict[int, TaxCategory | None] = {}
    for line in lines:
        category = line.tax_category
        if category is None:
            default = default or taxes.default_category(
                invoice.organisation, client=invoice.client, project=invoice.project
            )
            category = default
        if category is None:
            fail(
                gettext(
                    "Line '%(line)s' has no tax category and there is no default; "
                    "choose one for the line, the client or the organisation."
                )
                % {"line": line.description},
                "tax_category",
            )
        if category.pk not in versions:
            versions[category.pk] = taxes.in_force(category, on)
        version = versions[category.pk]
        if version is None:
            fail(
                gettext("Tax category '%(name)s' is not in force on %(day)s.")
                % {"name": category.name, "day": formats.date_format(on, "d M Y")},
                "tax_category",
            )
        if line.tax_category_id != version.pk or line.tax_rate != version.rate:
            line.tax_category, line.tax_rate = version, version.rate
            line.save(update_fields=["tax_category", "tax_rate", "updated_at"])


def _check_can_issue(invoice: Invoice, lines: list[InvoiceLine]) -> None:
    if invoice.status == InvoiceStatus.ON_HOLD:
        fail(
            gettext("%(invoice)s is on hold (%(reason)s); release the hold before issuing.")
            % {
                "invoice": _label(invoice),
                "reason": invoice.hold_reason or gettext("no reason given"),
            }
        )
    _check_editable(invoice)
    if not lines:
        fail(gettext("The invoice has no lines; add at least one line before issuing."))
    if invoice.currency != invoice.client.currency:
        fail(
            gettext(
                "This draft is in %(currency)s but %(client)s is invoiced in %(client_currency)s; "
                "one invoice has one currency."
            )
            % {
                "currency": invoice.currency,
                "client": invoice.client.code,
                "client_currency": invoice.client.currency,
            },
            "currency",
        )

    mixed = (
        TimeEntry.objects.filter(invoice_line__invoice=invoice)
        .exclude(currency__in=["", invoice.currency])
        .values_list("currency", flat=True)
        .first()
    )
    if mixed:
        fail(
            gettext(
                "Some entries on this invoice are priced in %(mixed)s, the invoice is in "
                "%(currency)s; currencies are never mixed."
            )
            % {"mixed": mixed, "currency": invoice.currency},
            "currency",
        )
    if invoice.project_id and invoice.project.client_id != invoice.client_id:
        fail(gettext("The project belongs to another client."), "project")


def _freeze(invoice: Invoice, lines: list[InvoiceLine], on: dt.date) -> str:
    """Issuing, step 1, in memory: taxes resolved (written to the lines), legal notes, dates,
    seller and buyer, totals and the template version set on ``invoice``; returns the stand-in
    number the checks render with. Refusals are ``ValidationError``s; no number is taken."""
    _resolve_taxes(invoice, lines, on)
    if invoice.kind == InvoiceKind.CREDIT_NOTE:
        _check_credit_quantities(invoice, lines, lock=True)
    # The lines' categories as resolved above (each line holds its version), in legal-note order.
    categories = sorted(
        {
            line.tax_category_id: line.tax_category for line in lines if line.tax_category_id
        }.values(),
        key=lambda c: (c.code, c.name),
    )
    if any(c.code == rules.REVERSE_CHARGE for c in categories) and not invoice.client.vat_id:
        fail(
            gettext("Reverse charge needs the VAT id of %(client)s; add it to the client.")
            % {"client": invoice.client.code},
            "tax_category",
        )
    invoice.tax_note = rules.legal_notes((c.code, c.legal_note) for c in categories)
    invoice.issue_date = on
    terms = invoice.payment_terms_days
    if terms is None:
        terms = invoice.client.payment_terms_days
    invoice.payment_terms_days = terms
    if invoice.kind != InvoiceKind.CREDIT_NOTE:
        invoice.due_date = rules.due_date(on, terms)
    invoice.seller = _party(invoice.organisation, organisation=True)
    invoice.buyer = _party(invoice.client, organisation=False)
    # The client's language falls back on its organisation's, which is the invoice's (tenancy):
    # hand it the loaded row instead of a second query under the issue's locks.
    if invoice.client.organisation_id == invoice.organisation_id:
        invoice.client.organisation = invoice.organisation
    invoice.language = invoice.client.document_language
    result = invoice_totals(invoice, lines)
    invoice.net_total, invoice.tax_total = result.net, result.tax
    invoice.gross_total = result.gross
    if invoice.kind == InvoiceKind.CREDIT_NOTE and invoice.gross_total >= 0:
        fail(gettext("A credit note must reduce the amount owed."))
    if invoice.kind != InvoiceKind.CREDIT_NOTE and invoice.gross_total < 0:
        fail(gettext("The invoice total is negative; issue a credit note instead."))
    numbered = invoice.kind != InvoiceKind.PROFORMA
    if numbered:
        invoice.series = (
            CREDIT_SERIES if invoice.kind == InvoiceKind.CREDIT_NOTE else invoice.series
        )
        stand_in = stand_in_number(invoice.organisation, invoice.series, on)
    else:
        stand_in = f"PF-{invoice.pk}"
    invoice.template_version = pdf.template_version(invoice.organisation)
    return stand_in


def issue_invoice(invoice: Invoice, *, by, issue_date: dt.date | None = None) -> Invoice:
    """Give a draft its number and date, freeze it and its document.

    In one transaction, in this order:

    1. **Before the number** (the invoice row locked, the sequence row not): every check, the data
       frozen in memory (taxes, totals, seller and buyer, dates) with the template version in
       force (``Invoice.template_version``), the ``validate_for_issue`` signal (other apps' checks,
       e.g. e-invoice rules), and the document rendered with a stand-in number
       (``pdf.check_document``). Any refusal here is a ``ValidationError`` and uses no number.
    2. **The number**, taken last (``numbering.take_number``): the sequence row stays locked only
       for the final writes and the commit — never while anything renders — so concurrent issuers
       queue for milliseconds, not for WeasyPrint.

    Then, after commit, **the documents** (``pdf.store_documents``): the PDF from the stored
    version and the frozen data, stored once, and the ``documents_frozen`` signal for the
    documents of other apps; retried until stored (in-process, by the Celery task
    ``invoicing.store_documents`` with a broker, and by ``timeledger tick``).
    """
    _require(by)
    _own(invoice, by)
    with transaction.atomic():
        invoice = _locked(invoice)
        lines = list(invoice.lines.select_related("tax_category"))
        _check_can_issue(invoice, lines)
        on = issue_date or invoice.issue_date or today_for(invoice.organisation)
        before = snapshot(invoice)
        stand_in = _freeze(invoice, lines, on)

        # Step 1: before the number. A refusal here rolls back and uses no number.
        validate_for_issue.send(
            sender=Invoice, invoice=invoice, lines=lines, by=by, number=stand_in
        )
        pdf.check_document(invoice, stand_in, lines)

        # Step 2: the number, last; the sequence row is locked from here until commit.
        if invoice.kind != InvoiceKind.PROFORMA:
            invoice.number = take_number(invoice.organisation, invoice.series, on)
        invoice.status = InvoiceStatus.ISSUED
        invoice.issued_at = timeutil.now()
        invoice.issued_by = by.user
        # Same values as the fields above: the snapshot of seller/buyer/taxes is now frozen.
        invoice.save()
        _audit(by, "issue", invoice, before=before)
        # --- e-invoicing hook: store documents of the numbered invoice in this transaction
        invoice_issued.send(sender=Invoice, invoice=invoice, lines=lines)
        events.emit(invoice.organisation, _issued_event(invoice), obj=invoice)
        if invoice.kind == InvoiceKind.CREDIT_NOTE:
            _apply_credit_note(invoice, lines, by=by)
        if invoice.kind == InvoiceKind.FINAL and invoice.project_id:
            _close_project(invoice, by=by)
        invoice_id = invoice.pk
        # INVOICE_PDF_ON_ISSUE=False leaves the documents to ``timeledger tick`` and the first
        # download/send (the same document: it is built from the frozen invoice and version).
        if getattr(settings, "INVOICE_PDF_ON_ISSUE", True):
            transaction.on_commit(lambda: store_documents_after_commit(invoice_id))
    return invoice


class _PreviewRollback(Exception):
    pass


def issue_preview(
    invoice: Invoice, *, by, issue_date: dt.date | None = None
) -> tuple[Invoice, list[InvoiceLine]]:
    """The draft as issuing would freeze it (step 1 of ``issue_invoice``: its checks, taxes,
    totals, seller and buyer, dates), written nowhere: the work is done in a savepoint that is
    rolled back, and the in-memory invoice and lines are returned for checks that need the
    issued form (the e-invoice validation). Raises issuing's ``ValidationError`` when the draft
    cannot be issued. Sends no signal and takes no number."""
    _require(by)
    _own(invoice, by)
    result: list = []
    try:
        with transaction.atomic():
            locked = _locked(invoice)
            lines = list(locked.lines.select_related("tax_category"))
            _check_can_issue(locked, lines)
            on = issue_date or locked.issue_date or today_for(locked.organisation)
            _freeze(locked, lines, on)
            result[:] = [locked, lines]
            raise _PreviewRollback
    except _PreviewRollback:
        pass
    return result[0], result[1]


def store_documents_after_commit(invoice_id: int) -> None:
    """Issuing, step 3: the documents, outside every lock. With a broker, a Celery task that
    retries until stored; in the embedded default, a few attempts here, then ``timeledger tick``
    (the job ``documents``) retries. A failure never undoes the issue: the render was checked
    before the number was taken, with the same template version and data."""
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", True):
        pdf.store_documents_now(invoice_id)
        return
    current_app.send_task("invoicing.store_documents", args=[invoice_id])


def _close_project(invoice: Invoice, *, by) -> None:

    project = Project.objects.select_for_update().get(pk=invoice.project_id)
    before = snapshot(project)
    project.status = ProjectStatus.CLOSED
    project.save(update_fields=["status", "updated_at"])
    _audit(by, "close", project, before=before, reason=f"final invoice {invoice.number}")


# ---------------------------------------------------------------- void


def void_invoice(invoice: Invoice, *, by, reason: str) -> Invoice:
    """Void an issued invoice that nothing was paid or credited on. It keeps its number and its
    document (marked void); the entries it billed go back to unbilled so they can be billed again."""

    _require(by)
    _own(invoice, by)
    if not reason.strip():
        fail(gettext("Give the reason for voiding."), "reason")
    with transaction.atomic():
        invoice = _locked(invoice)
        if invoice.status in EDITABLE_STATUSES:
            fail(gettext("A draft is deleted, not voided."))
        if invoice.status == InvoiceStatus.VOID:
            fail(gettext("%(invoice)s is already void.") % {"invoice": _label(invoice)})
        if invoice.kind == InvoiceKind.CREDIT_NOTE:
            fail(gettext("A credit note cannot be voided; issue a new invoice to reverse it."))
        if invoice.amount_paid > 0:
            fail(
                gettext("%(invoice)s has payments; credit it instead of voiding it.")
                % {"invoice": _label(invoice)}
            )
        if invoice.credit_notes.exclude(status=InvoiceStatus.VOID).exists():
            fail(
                gettext("%(invoice)s has credit notes; credit the rest instead of voiding it.")
                % {"invoice": _label(invoice)}
            )
        if hasattr(invoice, "converted_to"):
            fail(gettext("This proforma was converted to an invoice; void that invoice instead."))
        before = snapshot(invoice)
        invoice.status = InvoiceStatus.VOID
        invoice.voided_at = timeutil.now()
        invoice.void_reason = reason.strip()
        invoice.save(update_fields=["status", "voided_at", "void_reason", "updated_at"])
        TimeEntry.objects.filter(invoice_line__invoice=invoice).update(
            invoice_line=None, status=EntryStatus.APPROVED
        )
        _audit(by, "void", invoice, before=before, reason=reason)
    return invoice


# ---------------------------------------------------------------- proforma


def convert_proforma(proforma: Invoice, *, by) -> Invoice:
    """Turn a proforma into a draft standard invoice with the same lines (and billed entries).

    The proforma stays as it was (it never had a legal number); the new invoice gets its number
    when issued.
    """

    _require(by)
    _own(proforma, by)
    with transaction.atomic():
        proforma = _locked(proforma)
        if proforma.kind != InvoiceKind.PROFORMA:
            fail(gettext("Only a proforma can be converted."))
        if proforma.status == InvoiceStatus.VOID:
            fail(gettext("This proforma is void."))
        if Invoice.objects.filter(converted_from=proforma).exists():
            fail(gettext("This proforma was already converted."))
        invoice = Invoice.objects.create(
            organisation=proforma.organisation,
            client=proforma.client,
            project=proforma.project,
            kind=InvoiceKind.STANDARD,
            currency=proforma.currency,
            payment_terms_days=proforma.payment_terms_days,
            period_start=proforma.period_start,
            period_end=proforma.period_end,
            grouping=proforma.grouping,
            notes=proforma.notes,
            converted_from=proforma,
        )
        for line in proforma.lines.all():
            copy = InvoiceLine.objects.create(
                organisation_id=line.organisation_id,
                invoice=invoice,
                position=line.position,
                kind=line.kind,
                description=line.description,
                quantity=line.quantity,
                unit=line.unit,
                unit_price=line.unit_price,
                discount_percent=line.discount_percent,
                net_amount=line.net_amount,
                tax_category=line.tax_category,
                tax_rate=line.tax_rate,
                note=line.note,
                phase=line.phase,
                task=line.task,
                member=line.member,
                milestone=line.milestone,
            )
            TimeEntry.objects.filter(invoice_line=line).update(invoice_line=copy)
        recalculate(invoice)
        _audit(by, "convert", invoice, reason=f"from proforma #{proforma.pk}")
    return invoice


# ---------------------------------------------------------------- credit notes


def credited_quantity(line: InvoiceLine) -> Decimal:
    """Quantity of ``line`` already credited by credit notes that are not void (drafts count:
    two drafts must not together credit more than was invoiced)."""
    total = (
        InvoiceLine.objects.filter(credited_line=line)
        .exclude(invoice__status=InvoiceStatus.VOID)
        .aggregate(q=Sum("quantity"))["q"]
    )
    return -(total or Decimal(0))


def _qty(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _check_credit_quantities(credit_note: Invoice, lines, *, lock: bool) -> None:
    original = credit_note.credited_invoice
    if lock:
        Invoice.objects.select_for_update().filter(pk=original.pk).first()
    for line in lines:
        orig = line.credited_line
        others = credited_quantity(orig) - (-line.quantity)
        left = rules.credit_left(orig.quantity, others)
        if -line.quantity > left:
            fail(
                gettext(
                    "Cannot credit %(quantity)s %(unit)s of '%(line)s': %(invoiced)s invoiced, "
                    "%(left)s left to credit."
                )
                % {
                    "quantity": _qty(-line.quantity),
                    "unit": orig.unit,
                    "line": orig.description,
                    "invoiced": _qty(orig.quantity),
                    "left": _qty(left),
                },
                "lines",
            )


def create_credit_note(
    invoice: Invoice,
    *,
    by,
    lines: dict[int, Decimal] | None = None,
    reason: str = "",
    release_entries: bool = False,
) -> Invoice:
    """A draft credit note for ``invoice``: all its lines, or ``{line_id: quantity}`` of some.

    Lines keep the credited line's price and tax rate (a correction is taxed as the original).
    ``release_entries``: when issued, entries of fully credited lines go back to unbilled.
    """
    _require(by)
    _own(invoice, by)
    with transaction.atomic():
        invoice = _locked(invoice)
        if invoice.status in EDITABLE_STATUSES:
            fail(gettext("A draft is edited, not credited."))
        if invoice.status == InvoiceStatus.VOID:
            fail(gettext("%(invoice)s is void.") % {"invoice": _label(invoice)})
        if invoice.kind in (InvoiceKind.CREDIT_NOTE, InvoiceKind.PROFORMA):
            if invoice.kind == InvoiceKind.CREDIT_NOTE:
                fail(gettext("A credit note cannot be credited."))
            fail(gettext("A proforma cannot be credited."))
        originals = {line.pk: line for line in invoice.lines.select_related("tax_category")}
        if lines is None:
            wanted = {
                pk: rules.credit_left(line.quantity, credited_quantity(line))
                for pk, line in originals.items()
            }
            wanted = {pk: q for pk, q in wanted.items() if q > 0}
            if not wanted:
                fail(
                    gettext("%(invoice)s is already fully credited.") % {"invoice": _label(invoice)}
                )
        else:
            wanted = {}
            for pk, quantity in lines.items():
                if pk not in originals:
                    fail(
                        gettext("Line %(line)s is not on %(invoice)s.")
                        % {"line": pk, "invoice": _label(invoice)},
                        "lines",
                    )
                if quantity <= 0:
                    fail(gettext("Credit a positive quantity."), "lines")
                wanted[pk] = quantity
            if not wanted:
                fail(gettext("Choose at least one line to credit."), "lines")
        if release_entries:
            _check_release(originals, wanted)
        credit = Invoice.objects.create(
            organisation=invoice.organisation,
            client=invoice.client,
            project=invoice.project,
            kind=InvoiceKind.CREDIT_NOTE,
            currency=invoice.currency,
            series=CREDIT_SERIES,
            credited_invoice=invoice,
            payment_terms_days=0,
            notes=reason.strip() or f"Credit note for invoice {invoice.number}.",
            release_entries=release_entries,
        )
        made = []
        for pk, quantity in wanted.items():
            orig = originals[pk]
            full = quantity == orig.quantity
            made.append(
                InvoiceLine.objects.create(
                    organisation_id=orig.organisation_id,
                    invoice=credit,
                    position=orig.position,
                    kind=LineKind.CREDIT,
                    description=orig.description,
                    quantity=-quantity,
                    unit=orig.unit,
                    unit_price=orig.unit_price,
                    discount_percent=orig.discount_percent,
                    net_amount=-orig.net_amount
                    if full
                    else line_net(
                        -quantity, orig.unit_price, invoice.currency, orig.discount_percent
                    ),
                    tax_category=orig.tax_category,
                    tax_rate=orig.tax_rate,
                    credited_line=orig,
                    phase=orig.phase,
                    task=orig.task,
                    member=orig.member,
                )
            )
        _check_credit_quantities(credit, made, lock=False)
        recalculate(credit)
        _audit(by, "create", credit, reason=reason)
    return credit


def _check_release(originals: dict[int, InvoiceLine], wanted: dict[int, Decimal]) -> None:
    """``release_entries`` puts the entries of the credited lines back to unbilled, so each line
    with entries must end up fully credited: which entries a part of a line stands for is
    unknowable. Refuse, saying which line and what is left, rather than ignore the option."""
    with_entries = set(
        TimeEntry.objects.filter(invoice_line_id__in=list(wanted)).values_list(
            "invoice_line_id", flat=True
        )
    )
    for pk in sorted(with_entries):
        orig = originals[pk]
        left = rules.credit_left(orig.quantity, credited_quantity(orig))
        if wanted[pk] < left:
            fail(
                gettext(
                    "Releasing entries needs whole lines: '%(line)s' has %(left)s %(unit)s left "
                    "to credit and this credits %(wanted)s. Credit the whole line, or do not "
                    "release its entries."
                )
                % {
                    "line": orig.description,
                    "left": _qty(left),
                    "unit": orig.unit,
                    "wanted": _qty(wanted[pk]),
                },
                "release_entries",
            )


def _apply_credit_note(credit: Invoice, lines, *, by) -> None:
    """Apply an issued credit note to the invoice it corrects; release entries if asked."""

    original = Invoice.objects.select_for_update().get(pk=credit.credited_invoice_id)
    before = snapshot(original)
    amount = -credit.gross_total
    applied = min(amount, max(original.balance_due, ZERO))
    if applied > 0:
        original.amount_credited += applied
        if original.status in OPEN_STATUSES or original.status == InvoiceStatus.PAID:
            original.status = rules.settled_status(
                gross=original.gross_total,
                paid=original.amount_paid,
                credited=original.amount_credited,
                sent=original.sent_at is not None,
            )
        original.save(update_fields=["amount_credited", "status", "updated_at"])
        credit.amount_credited = applied
        if applied == amount:
            credit.status = InvoiceStatus.PAID
        credit.save(update_fields=["amount_credited", "status", "updated_at"])
        _audit(by, "credit", original, before=before, reason=f"credit note {credit.number}")
    if credit.release_entries:
        for line in lines:
            orig = line.credited_line
            if credited_quantity_issued(orig) >= orig.quantity:
                TimeEntry.objects.filter(invoice_line=orig).update(
                    invoice_line=None, status=EntryStatus.APPROVED
                )


def credited_quantity_issued(line: InvoiceLine) -> Decimal:
    total = (
        InvoiceLine.objects.filter(credited_line=line)
        .exclude(invoice__status__in=(*EDITABLE_STATUSES, InvoiceStatus.VOID))
        .aggregate(q=Sum("quantity"))["q"]
    )
    return -(total or Decimal(0))


def set_default_tax_category(target, category: TaxCategory | None, *, by):
    """Set the default tax category of a client or a project (used for lines that have none)."""
    _require(by)
    _own(target, by)
    if category is not None:
        _own(category, by)
    with transaction.atomic():
        before = snapshot(target)
        target.default_tax_category = category
        target.save(update_fields=["default_tax_category", "updated_at"])
        _audit(by, "update", target, before=before)
    return target
