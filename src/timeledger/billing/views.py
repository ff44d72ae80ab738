"""Billing screens: run billing, preview what would be billed, review and edit drafts, and make a
project's final invoice (a billing run of kind final, ``billing.final``; the form sits on the
new-invoice page, its URL stays ``invoices/final/``).

Views parse input, call one service, render. Draft edits answer htmx requests with the draft body
fragment (lines, totals, review), so removing an entry updates the totals in place; without
JavaScript the same forms post and redirect.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.views.decorators.http import require_GET, require_POST

from timeledger.accounts.permissions import require
from timeledger.accounts.roles import Cap
from timeledger.accounts.tenancy import get_scoped, scoped
from timeledger.billing import final, selectors, services
from timeledger.billing.engine import preview as dry_run
from timeledger.billing.models import BillingRun
from timeledger.clients.models import Client
from timeledger.core.forms import save_with
from timeledger.invoicing import drafts
from timeledger.invoicing.forms import DraftForm, FinalInvoiceForm, IssueForm
from timeledger.invoicing.models import Invoice, InvoiceLine, LineGrouping, TaxCategory
from timeledger.invoicing.totals import invoice_totals
from timeledger.projects.models import Project

# A billing run's states as the billing page writes them (``{% translate r.get_status_display
# context "billing run" %}``), marked here for the catalogues.
RUN_STATUS_WORDS = (
    pgettext_lazy("billing run", "Running"),
    pgettext_lazy("billing run", "Done"),
    pgettext_lazy("billing run", "Failed"),
)


def _reader(request):
    member = getattr(request, "member", None)
    if member is None:
        raise Http404("no organisation")
    if not (member.can(Cap.MANAGE_BILLING) or member.can(Cap.VIEW_REPORTS)):
        raise PermissionDenied(gettext("Billing is for finance and managers."))
    return member


def _date(raw: str | None) -> dt.date | None:
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ValidationError({"until": [gettext("Enter a date as YYYY-MM-DD.")]}) from None


@login_required
@require_GET
def billing_home(request):
    member = _reader(request)
    runs = scoped(BillingRun, request).order_by("-created_at", "-id")[:10]
    return render(
        request,
        "billing/home.html",
        {
            "drafts": selectors.drafts(member.organisation),
            "runs": runs,
            "can_bill": member.can(Cap.MANAGE_BILLING),
        },
    )


@login_required
@require_GET
def billing_preview(request):
    """What would be billed now (a dry run), for the org or one project (?project=CODE)."""
    member = _reader(request)
    errors = {}
    result = None
    try:
        codes = [request.GET["project"]] if request.GET.get("project") else None
        result = dry_run(
            member.organisation, up_to=_date(request.GET.get("until")), project_codes=codes
        )
    except ValidationError as exc:
        errors = exc.message_dict
    template = "billing/_preview.html" if request.htmx else "billing/preview.html"
    return render(request, template, {"result": result, "errors": errors})


@login_required
@require_GET
def invoice_from_time(request):
    """Screen 1 of invoicing from time: pick a client (or all) and the period's end, see what is
    ready to bill per project (a dry run: nothing is written) and make its draft in one click."""
    member = _reader(request)
    org = member.organisation
    clients = scoped(Client, request).filter(is_archived=False).order_by("name")
    client = None
    errors = {}
    result = None
    if request.GET.get("client"):
        client = clients.filter(pk=_int(request.GET["client"], "client")).first()
    try:
        until = _date(request.GET.get("until"))
        codes = None
        if client is not None:
            codes = list(
                scoped(Project, request).filter(client=client).values_list("code", flat=True)
            )
        if codes != []:
            result = dry_run(org, up_to=until, project_codes=codes)
    except ValidationError as exc:
        errors = exc.message_dict
    return render(
        request,
        "billing/new.html",
        {
            "clients": clients,
            "client": client,
            "until": request.GET.get("until", ""),
            "result": result,
            "errors": errors,
            "can_bill": member.can(Cap.MANAGE_BILLING),
        },
    )


@login_required
@require_POST
def billing_run(request):
    member = _reader(request)
    try:
        codes = [request.POST["project"]] if request.POST.get("project") else None
        result = services.start_run(
            member.organisation,
            by=member,
            up_to=_date(request.POST.get("until")),
            project_codes=codes,
        )
    except ValidationError as exc:
        for field, msgs in exc.message_dict.items():
            messages.error(request, f"{field}: {' '.join(msgs)}")
        return redirect("billing_home")
    if result.billed:
        messages.success(
            request,
            ngettext(
                "Billing run made %(count)s draft from %(entries)s entries.",
                "Billing run made %(count)s drafts from %(entries)s entries.",
                len(result.billed),
            )
            % {"count": len(result.billed), "entries": result.entries},
        )
    else:
        messages.info(
            request, gettext("Nothing was due up to %(day)s.") % {"day": date_format(result.up_to)}
        )
    for p in result.errors:
        messages.error(request, f"{p.code}: {p.error}")
    made = {p.invoice_id for p in result.billed if p.invoice_id}
    if request.POST.get("open") and len(made) == 1:
        # From "Invoice from time": straight on to the one draft page.
        return redirect(reverse("draft_detail", args=[made.pop()]))
    return redirect("billing_home")


def _draft(request, pk: int) -> Invoice:
    _reader(request)
    return get_scoped(Invoice, request, pk=pk)


def _context(invoice: Invoice, member, errors: dict | None = None) -> dict:
    invoice = Invoice.objects.select_related("project", "client", "approved_by").get(pk=invoice.pk)
    lines = list(
        invoice.lines.select_related(
            "phase", "task", "member__user", "carry_forward__source_invoice"
        ).order_by("position", "id")
    )
    entries = selectors.line_entries(invoice)
    for line in lines:
        line.billed_entries = entries.get(line.pk, [])
    entry_count = sum(len(line.billed_entries) for line in lines)
    return {
        "invoice": invoice,
        "lines": lines,
        "review": selectors.review_for(invoice),
        "underrun": selectors.underrun_offer(invoice) if invoice.is_editable else None,
        "carried_forward": selectors.carry_forward_from(invoice),
        "progress": selectors.progress_review(invoice),
        "groupings": LineGrouping.choices,
        "can_edit": invoice.is_editable and member.can(Cap.MANAGE_BILLING),
        "can_release": member.can(Cap.MANAGE_PROJECTS),
        "errors": errors or {},
        "entry_count": entry_count,
        "totals": invoice_totals(invoice),
        "tax_categories": TaxCategory.objects.filter(organisation=invoice.organisation),
        "issue_form": IssueForm(),
        "send_to": invoice.client.invoice_email,
    }


@login_required
@require_GET
def draft_detail(request, pk: int):
    invoice = _draft(request, pk)
    return render(request, "billing/draft.html", _context(invoice, request.member))


@login_required
@require_GET
def draft_timesheet(request, pk: int):
    invoice = _draft(request, pk)
    return render(
        request,
        "billing/timesheet.html",
        {"invoice": invoice, "rows": selectors.timesheet_appendix(invoice)},
    )


ACTIONS = {
    "remove-entry": lambda inv, p, by: services.remove_entries(
        inv, [_int(p.get("entry"), "entry")], by=by
    ),
    "add-line": lambda inv, p, by: drafts.add_line(
        inv,
        by=by,
        description=p.get("description", ""),
        quantity=p.get("quantity") or "1",
        unit_price=p.get("unit_price", ""),
        note=p.get("note", ""),
        discount_percent=p.get("discount_percent") or "0",
    ),
    "discount": lambda inv, p, by: drafts.add_discount(
        inv,
        by=by,
        description=p.get("description") or "Discount",
        amount=p.get("amount") or None,
        percent=p.get("percent") or None,
    ),
    "regroup": lambda inv, p, by: services.regroup(inv, p.get("grouping", ""), by=by),
    "approve": lambda inv, p, by: services.approve_draft(inv, by=by, note=p.get("estimate_note")),
    "release-hold": lambda inv, p, by: services.release_hold(
        inv, by=by, reason=p.get("reason", "")
    ),
    "line-note": lambda inv, p, by: drafts.set_line_note(_line(inv, p), p.get("note", ""), by=by),
    "delete-line": lambda inv, p, by: drafts.delete_line(_line(inv, p), by=by),
    "notes": lambda inv, p, by: drafts.update_draft(inv, {"notes": p.get("notes", "")}, by=by),
    "underrun": lambda inv, p, by: services.settle_underrun(
        inv, by=by, choice=p.get("choice", ""), amount=p.get("amount") or None
    ),
}


def _int(raw, field: str) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise ValidationError({field: [gettext("Choose one.")]}) from None


def _line(invoice: Invoice, post) -> InvoiceLine:
    line = InvoiceLine.objects.filter(invoice=invoice, pk=_int(post.get("line"), "line")).first()
    if line is None:
        raise ValidationError({"line": [gettext("Not on this draft.")]})
    return line


@login_required
@require_POST
def draft_action(request, pk: int, action: str):
    invoice = _draft(request, pk)
    if action not in ACTIONS:
        raise Http404("unknown action")
    errors = {}
    try:
        ACTIONS[action](invoice, request.POST, request.member)
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"invoice": exc.messages}
    except PermissionDenied as exc:
        errors = {"invoice": [str(exc) or gettext("Not allowed.")]}
    if request.htmx:
        return render(
            request, "billing/_draft_body.html", _context(invoice, request.member, errors)
        )
    if errors:
        return render(
            request, "billing/draft.html", _context(invoice, request.member, errors), status=400
        )
    return redirect(reverse("draft_detail", args=[pk]))


@login_required
@require_POST
def draft_delete(request, pk: int):
    invoice = _draft(request, pk)
    try:
        released = drafts.delete_draft(invoice, by=request.member)
    except (ValidationError, PermissionDenied) as exc:
        errors = {"invoice": getattr(exc, "messages", [str(exc)])}
        return render(
            request, "billing/draft.html", _context(invoice, request.member, errors), status=400
        )
    messages.success(
        request,
        ngettext(
            "Draft deleted; %(count)s entry is unbilled again.",
            "Draft deleted; %(count)s entries are unbilled again.",
            released,
        )
        % {"count": released},
    )
    return redirect("billing_home")


@login_required
@require_POST
def invoice_final(request):
    member = require(request, Cap.MANAGE_BILLING)
    org = request.organisation
    form = FinalInvoiceForm(request.POST, organisation=org, prefix="final")
    invoice = save_with(form, lambda c: final.create_final_invoice(c["project"], by=member))
    if invoice is not None:
        return redirect(reverse("invoice_detail", args=[invoice.pk]))
    draft = DraftForm(organisation=org, prefix="draft")
    return render(request, "invoices/new.html", {"form": draft, "final": form}, status=400)
