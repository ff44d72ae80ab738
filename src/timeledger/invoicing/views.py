"""Invoice pages: list, draft editing, issue, send, credit, void; taxes,
recurring schedules, the document template; and the client's read-only link. Thin: each POST
calls one service and shows its message next to the form."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_noop, pgettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from timeledger.accounts.permissions import require
from timeledger.accounts.roles import Cap
from timeledger.accounts.tenancy import scoped
from timeledger.clients.models import Client
from timeledger.core.forms import apply_service_errors, save_with
from timeledger.documents.models import InvoiceTemplate
from timeledger.invoicing import (
    delivery,
    drafts,
    forms,
    issuing,
    recurring,
    rendering,
    selectors,
    signals,
    taxes,
)
from timeledger.invoicing import pdf as documents
from timeledger.invoicing.issuing import today_for
from timeledger.invoicing.models import (
    EDITABLE_STATUSES,
    OPEN_STATUSES,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    RecurringSchedule,
    TaxCategory,
)
from timeledger.invoicing.totals import invoice_totals
from timeledger.projects.models import Project

# The invoice states and schedule frequencies as the pages write them (``{% translate label
# context "invoice status" %}``, ``{% translate s.get_frequency_display %}``), marked here for the
# catalogues; the model's choices stay as they are (no migration).
STATUS_WORDS = (
    pgettext_lazy("invoice status", "Draft"),
    pgettext_lazy("invoice status", "On hold"),
    pgettext_lazy("invoice status", "Issued"),
    pgettext_lazy("invoice status", "Sent"),
    pgettext_lazy("invoice status", "Partially paid"),
    pgettext_lazy("invoice status", "Partially credited"),
    pgettext_lazy("invoice status", "Paid"),
    pgettext_lazy("invoice status", "Credited"),
    pgettext_lazy("invoice status", "Void"),
    gettext_noop("Weekly"),
    gettext_noop("Monthly"),
    gettext_noop("Quarterly"),
    gettext_noop("Yearly"),
)


def _invoices(request):
    """Invoices the member may see: all of the organisation's, or a client viewer's client's
    issued ones."""
    require(request, Cap.VIEW_INVOICES)
    return selectors.visible_invoices(request.member).select_related("client", "project")


def _get(request, pk: int) -> Invoice:
    return get_object_or_404(_invoices(request), pk=pk)


def _message_of(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _detail_url(invoice) -> str:
    return reverse("invoice_detail", args=[invoice.pk])


@login_required
def invoice_list(request):

    invoices = _invoices(request)
    status = request.GET.get("status", "")
    today = today_for(request.organisation)
    if status == "overdue":
        invoices = invoices.filter(
            status__in=OPEN_STATUSES,
            due_date__lt=today,
        ).exclude(kind__in=[InvoiceKind.PROFORMA, InvoiceKind.CREDIT_NOTE])
    elif status:
        invoices = invoices.filter(status=status)
    if request.GET.get("client"):
        invoices = invoices.filter(client_id=request.GET["client"])
    query = request.GET.get("q", "").strip()
    if query:
        invoices = invoices.filter(Q(number__icontains=query) | Q(client__name__icontains=query))
    rows = [(inv, inv.is_overdue(today)) for inv in invoices[:500]]
    return render(
        request,
        "invoices/list.html",
        {
            "rows": rows,
            "status": status,
            "statuses": InvoiceStatus.choices,
            "query": query,
            "can_manage": request.member.can(Cap.MANAGE_BILLING),
        },
    )


@login_required
def invoice_new(request):
    require(request, Cap.MANAGE_BILLING)
    org = request.organisation
    form = forms.DraftForm(request.POST or None, organisation=org, prefix="draft")
    final = forms.FinalInvoiceForm(organisation=org, prefix="final")
    if request.method == "POST":
        invoice = save_with(
            form,
            lambda c: drafts.create_draft(
                c["client"],
                by=request.member,
                project=c["project"],
                kind=c["kind"],
                notes=c["notes"],
            ),
        )
        if invoice is not None:
            return redirect(_detail_url(invoice))
    return render(request, "invoices/new.html", {"form": form, "final": final})


def detail_context(request, invoice: Invoice, **extra) -> dict:

    org = request.organisation
    editable = invoice.status in EDITABLE_STATUSES
    lines = list(invoice.lines.select_related("tax_category"))
    can_manage = request.member.can(Cap.MANAGE_BILLING)
    today = today_for(org)
    context = {
        "invoice": invoice,
        "lines": lines,
        "totals": invoice_totals(invoice),
        "editable": editable and can_manage,
        "can_manage": can_manage,
        "is_overdue": invoice.is_overdue(today),
        "line_form": forms.LineForm(organisation=org, prefix="line"),
        "tax_categories": TaxCategory.objects.filter(organisation=org),
        "issue_form": forms.IssueForm(),
        "send_form": forms.SendForm(initial={"to": invoice.client.invoice_email}),
        "void_form": forms.VoidForm(),
        "credit_notes": invoice.credit_notes.all(),
        "public_url": request.build_absolute_uri(delivery.public_url(invoice)),
        "payable": invoice.status in OPEN_STATUSES
        and invoice.kind not in (InvoiceKind.PROFORMA, InvoiceKind.CREDIT_NOTE),
        "creditable": invoice.status not in (*EDITABLE_STATUSES, InvoiceStatus.VOID)
        and invoice.kind not in (InvoiceKind.PROFORMA, InvoiceKind.CREDIT_NOTE),
        "credit_left": {line.pk: line.quantity - issuing.credited_quantity(line) for line in lines},
    }
    # Apps above this one add their panels (payments: the pay form, allocations, reminders).
    for _receiver, panel in signals.invoice_detail_context.send(
        Invoice, request=request, invoice=invoice, today=today
    ):
        context.update(panel)
    context.update(extra)
    return context


@login_required
def invoice_detail(request, pk: int):
    invoice = _get(request, pk)
    if invoice.status in EDITABLE_STATUSES and request.member.can(Cap.MANAGE_BILLING):
        # One draft page, whether a billing run or a person made the draft: the draft review
        # (lines with their entries, estimate check, VAT, notes, issue and send).
        return redirect(reverse("draft_detail", args=[invoice.pk]))
    return render(request, "invoices/detail.html", detail_context(request, invoice))


def act_on_invoice(
    request, pk: int, action, *, success: str, form=None, form_key: str | None = None
):
    """Run one service for a POST on an invoice; errors are shown inline on the detail page."""
    require(request, Cap.MANAGE_BILLING)
    invoice = _get(request, pk)
    if form is not None and not form.is_valid():
        context = detail_context(request, invoice, **{form_key: form})
        return render(request, "invoices/detail.html", context, status=400)
    try:
        result = action(invoice, form.cleaned_data if form is not None else {})
    except ValidationError as exc:
        extra = {"action_error": _message_of(exc)}
        if form is not None:
            apply_service_errors(form, exc)
            extra[form_key] = form
        return render(
            request, "invoices/detail.html", detail_context(request, invoice, **extra), status=400
        )
    messages.success(request, success)
    target = result if isinstance(result, Invoice) else invoice
    return redirect(_detail_url(target))


@login_required
@require_POST
def line_add(request, pk: int):
    form = forms.LineForm(request.POST, organisation=request.organisation, prefix="line")
    return act_on_invoice(
        request,
        pk,
        lambda inv, c: drafts.add_line(
            inv,
            by=request.member,
            description=c["description"],
            quantity=c["quantity"],
            unit_price=c["unit_price"],
            unit=c["unit"],
            tax_category=c["tax_category"],
            note=c["note"],
            discount_percent=c["discount_percent"] or 0,
        ),
        success=gettext("Line added."),
        form=form,
        form_key="line_form",
    )


@login_required
@require_POST
def line_tax(request, pk: int, line_pk: int):
    form = forms.LineTaxForm(request.POST, organisation=request.organisation)

    def change(inv, c):
        line = get_object_or_404(InvoiceLine, pk=line_pk, invoice=inv)
        return drafts.update_line(line, {"tax_category": c["tax_category"]}, by=request.member)

    return act_on_invoice(
        request,
        pk,
        change,
        success=gettext("Tax category changed."),
        form=form,
        form_key="tax_form",
    )


@login_required
@require_POST
def line_delete(request, pk: int, line_pk: int):
    def remove(inv, _):
        line = get_object_or_404(InvoiceLine, pk=line_pk, invoice=inv)
        drafts.delete_line(line, by=request.member)

    return act_on_invoice(request, pk, remove, success=gettext("Line removed."))


@login_required
@require_POST
def invoice_issue(request, pk: int):
    form = forms.IssueForm(request.POST)
    and_send = "and_send" in request.POST
    response = act_on_invoice(
        request,
        pk,
        lambda inv, c: issuing.issue_invoice(inv, by=request.member, issue_date=c["issue_date"]),
        success=gettext("Invoice issued."),
        form=form,
        form_key="issue_form",
    )
    if and_send and response.status_code == 302:
        # "Issue and send" from the draft page: the second step is the send form's own service;
        # a failed send leaves the invoice issued and says why on its page.
        invoice = _get(request, pk)
        try:
            delivery.send_invoice(
                invoice,
                by=request.member,
                to=_recipients(request.POST.get("to", "")),
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as exc:
            messages.error(
                request, gettext("Issued, but not sent: %(error)s") % {"error": _message_of(exc)}
            )
        else:
            messages.success(request, gettext("Invoice sent."))
    return response


def _recipients(raw: str) -> list[str] | None:
    return [a for a in raw.replace(";", ",").split(",") if a.strip()] or None


@login_required
@require_POST
def invoice_send(request, pk: int):
    form = forms.SendForm(request.POST)
    return act_on_invoice(
        request,
        pk,
        lambda inv, c: delivery.send_invoice(
            inv,
            by=request.member,
            to=_recipients(c["to"]),
            base_url=request.build_absolute_uri("/"),
        ),
        success=gettext("Invoice sent."),
        form=form,
        form_key="send_form",
    )


@login_required
@require_POST
def invoice_void(request, pk: int):
    form = forms.VoidForm(request.POST)
    return act_on_invoice(
        request,
        pk,
        lambda inv, c: issuing.void_invoice(inv, by=request.member, reason=c["reason"]),
        success=gettext("Invoice voided."),
        form=form,
        form_key="void_form",
    )


@login_required
@require_POST
def invoice_convert(request, pk: int):
    return act_on_invoice(
        request,
        pk,
        lambda inv, _: issuing.convert_proforma(inv, by=request.member),
        success=gettext("Proforma converted to a draft invoice."),
    )


@login_required
@require_POST
def invoice_delete(request, pk: int):
    require(request, Cap.MANAGE_BILLING)
    invoice = _get(request, pk)
    try:
        drafts.delete_draft(invoice, by=request.member)
    except ValidationError as exc:
        context = detail_context(request, invoice, action_error=_message_of(exc))
        return render(request, "invoices/detail.html", context, status=400)
    messages.success(request, gettext("Draft deleted."))
    return redirect("invoice_list")


@login_required
@require_POST
def invoice_credit(request, pk: int):
    def credit(inv, _):
        wanted = {}
        for key, value in request.POST.items():
            if key.startswith("credit_") and value.strip():
                try:
                    quantity = Decimal(value.strip())
                except InvalidOperation:
                    raise ValidationError(
                        {
                            "lines": [
                                gettext("%(value)s is not a quantity.") % {"value": repr(value)}
                            ]
                        }
                    ) from None
                if quantity:
                    wanted[int(key.removeprefix("credit_"))] = quantity
        return issuing.create_credit_note(
            inv,
            by=request.member,
            lines=wanted or None,
            reason=request.POST.get("reason", ""),
            release_entries=request.POST.get("release_entries") == "on",
        )

    return act_on_invoice(
        request, pk, credit, success=gettext("Credit note drafted; review and issue it.")
    )


@login_required
@xframe_options_sameorigin
def invoice_pdf(request, pk: int):
    invoice = _get(request, pk)
    data = documents.ensure_pdf(invoice)
    name = invoice.number or f"{invoice.kind}-{invoice.pk}"
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "attachment" if request.GET.get("download") else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{name}.pdf"'
    return response


# ---------------------------------------------------------------- the client's link


def invoice_public(request, token: str):
    """Read-only view of an issued invoice for the client, by its unguessable token."""
    invoice = delivery.public_invoice(token)
    if invoice is None:
        raise Http404("No such invoice.")
    delivery.mark_viewed(invoice)
    html = documents.invoice_html(invoice)
    return render(
        request,
        "invoices/public.html",
        {"invoice": invoice, "document": html, "token": token},
    )


def invoice_public_pdf(request, token: str):
    invoice = delivery.public_invoice(token)
    if invoice is None:
        raise Http404("No such invoice.")
    data = documents.ensure_pdf(invoice)
    response = HttpResponse(data, content_type="application/pdf")
    name = invoice.number or f"proforma-{invoice.pk}"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


# ---------------------------------------------------------------- taxes, schedules, template


@login_required
def tax_list(request):
    require(request, Cap.VIEW_RATES)  # tax settings: not for client viewers
    form = forms.TaxCategoryForm(request.POST or None)
    if request.method == "POST":
        require(request, Cap.MANAGE_BILLING)
        saved = save_with(
            form,
            lambda c: taxes.save_tax_category(None, dict(c), by=request.member),
        )
        if saved is not None:
            messages.success(
                request, gettext("Tax category %(category)s saved.") % {"category": saved}
            )
            return redirect("invoice_taxes")
    default_form = forms.DefaultTaxForm(organisation=request.organisation, prefix="default")
    return _tax_page(request, form, default_form, status=400 if form.errors else 200)


def _tax_page(request, form, default_form, *, status: int):

    return render(
        request,
        "invoices/taxes.html",
        {
            "categories": scoped(TaxCategory, request).order_by("code", "name", "effective_from"),
            "form": form,
            "default_form": default_form,
            "client_defaults": scoped(Client, request)
            .filter(default_tax_category__isnull=False)
            .select_related("default_tax_category"),
            "project_defaults": scoped(Project, request)
            .filter(default_tax_category__isnull=False)
            .select_related("default_tax_category"),
            "can_manage": request.member.can(Cap.MANAGE_BILLING),
        },
        status=status,
    )


@login_required
@require_POST
def tax_default(request):
    require(request, Cap.MANAGE_BILLING)
    form = forms.DefaultTaxForm(request.POST, organisation=request.organisation, prefix="default")
    saved = save_with(
        form,
        lambda c: issuing.set_default_tax_category(
            c["client"] or c["project"], c["tax_category"], by=request.member
        ),
    )
    if saved is not None:
        messages.success(
            request, gettext("Default tax category of %(target)s set.") % {"target": saved}
        )
        return redirect("invoice_taxes")
    return _tax_page(request, forms.TaxCategoryForm(), form, status=400)


@login_required
@require_POST
def tax_seed(request):
    require(request, Cap.MANAGE_BILLING)
    taxes.seed_tax_categories(request.organisation)
    return redirect("invoice_taxes")


@login_required
def schedule_list(request):
    require(request, Cap.MANAGE_BILLING)
    form = forms.ScheduleForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST":
        saved = save_with(form, lambda c: recurring.save_schedule(None, dict(c), by=request.member))
        if saved is not None:
            messages.success(
                request, gettext("Recurring invoice %(name)s saved.") % {"name": saved}
            )
            return redirect("invoice_schedules")
    return render(
        request,
        "invoices/schedules.html",
        {
            "schedules": scoped(RecurringSchedule, request).select_related("client"),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
def template_edit(request):
    require(request, Cap.MANAGE_BILLING)
    current = InvoiceTemplate.objects.filter(
        organisation=request.organisation, is_default=True
    ).first()
    initial = {
        "html": current.html if current else rendering.default_html(),
        "css": current.css if current else rendering.default_css(),
    }
    form = forms.TemplateForm(request.POST or None, initial=initial)
    if request.method == "POST":
        saved = save_with(
            form,
            lambda c: documents.save_template(
                current,
                {"name": "Invoice", "html": c["html"], "css": c["css"], "is_default": True},
                by=request.member,
            ),
        )
        if saved is not None:
            messages.success(
                request, gettext("Template saved; invoices issued from now on use it.")
            )
            return redirect("invoice_template")
    return render(
        request,
        "invoices/template.html",
        {
            "form": form,
            "variables": sorted(documents.sample_context()),
            # The Jinja syntax the help text names, kept out of the translated sentence.
            "syntax": {"variable": "{{ variable }}", "for": "{% for %}", "if": "{% if %}"},
        },
        status=400 if form.errors else 200,
    )
