"""Expense screens: log (with a receipt, from a phone's camera too), submit the week, approve,
categories, the reimbursement report, and the receipt itself to those who may see it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from timeledger.accounts.models import Member
from timeledger.accounts.roles import Cap
from timeledger.approvals import services as approvals
from timeledger.core import timeutil
from timeledger.core.forms import apply_service_errors
from timeledger.expenses import annex, rules, selectors, services
from timeledger.expenses.forms import CategoryForm, ExpenseForm, PeriodForm
from timeledger.expenses.models import Expense, ExpenseCategory, ExpenseStatus
from timeledger.invoicing import delivery
from timeledger.invoicing import selectors as invoice_selectors


def _member(request) -> Member:
    member = getattr(request, "member", None)
    if member is None:
        raise Http404("no organisation")
    return member


def _input(d: dict) -> services.ExpenseInput:
    return services.ExpenseInput(
        project=d["project"],
        category=d["category"],
        date=d["date"],
        amount=d["amount"],
        currency=d.get("currency") or "",
        vat_amount=d.get("vat_amount") or Decimal(0),
        exchange_rate=d.get("exchange_rate"),
        supplier=d.get("supplier") or "",
        description=d.get("description") or "",
        is_billable=d.get("is_billable", False),
        markup_percent=d.get("markup_percent") or Decimal(0),
        is_reimbursable=d.get("is_reimbursable", False),
    )


@login_required
def expense_list(request):
    member = _member(request)
    today = timeutil.local_date(timeutil.now(), member.organisation.time_zone)
    form = ExpenseForm(
        request.POST or None,
        request.FILES or None,
        member=member,
        initial={"date": today, "is_billable": True, "is_reimbursable": True},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.create_expense(
                _input(form.cleaned_data), by=member, receipt=form.cleaned_data.get("receipt")
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Expense logged."))
            return redirect("expense_list")
    mine = (
        Expense.objects.filter(member=member)
        .select_related("project__client", "category")
        .order_by("-date", "-id")[:100]
    )
    rows = [
        (
            e,
            rules.billable_amount(
                e.amount, e.vat_amount, e.exchange_rate, e.markup_percent, e.project.client.currency
            ),
        )
        for e in mine
    ]
    return render(
        request,
        "expenses/list.html",
        {
            "form": form,
            "rows": rows,
            "week": approvals.week_of(today, member.organisation),
            "can_approve": approvals.is_approver(member),
            "can_categories": member.can(Cap.MANAGE_PROJECTS) or member.can(Cap.MANAGE_BILLING),
        },
    )


@login_required
@require_POST
def submit(request):
    member = _member(request)
    try:
        week = dt.date.fromisoformat(request.POST.get("week", ""))
        out = services.submit_week(member, week, by=member)
    except ValueError:
        messages.error(request, _("Choose the week to submit."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s expense submitted for approval.",
                "%(count)s expenses submitted for approval.",
                out.count,
            )
            % {"count": out.count},
        )
    return redirect("expense_list")


@login_required
def receipt(request, pk: int):
    member = _member(request)
    expense = get_object_or_404(selectors.visible_expenses(member), pk=pk)
    if not expense.receipt:
        raise Http404("no receipt")
    response = FileResponse(
        expense.receipt.open("rb"),
        content_type=expense.receipt_type or "application/octet-stream",
        filename=expense.receipt_name or "receipt",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def approve_list(request):
    member = _member(request)
    if not approvals.is_approver(member):
        raise PermissionDenied(_("Only project leads and managers approve expenses."))
    pending = (
        Expense.objects.filter(organisation=member.organisation, status=ExpenseStatus.SUBMITTED)
        .filter(approvals.approvable_filter(member))
        .select_related("project__client", "category", "member__user")
        .order_by("date", "id")
    )
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getlist("expense") if i.isdigit()]
        verb = request.POST.get("action")
        try:
            if not ids:
                raise ValidationError(_("Tick the expenses to act on."))
            if verb == "reject":
                out = services.reject(
                    approvals.Scope(),
                    by=member,
                    reason=request.POST.get("reason", ""),
                    expense_ids=ids,
                )
            else:
                out = services.approve(approvals.Scope(), by=member, expense_ids=ids)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            if out.action == "reject":
                done = ngettext(
                    "%(count)s expense rejected.", "%(count)s expenses rejected.", out.count
                )
            else:
                done = ngettext(
                    "%(count)s expense approved.", "%(count)s expenses approved.", out.count
                )
            messages.success(request, done % {"count": out.count})
            return redirect("expense_approvals")
    return render(request, "expenses/approve.html", {"pending": pending})


@login_required
def categories(request):
    member = _member(request)
    if not (member.can(Cap.MANAGE_PROJECTS) or member.can(Cap.MANAGE_BILLING)):
        raise PermissionDenied(_("Only managers and finance manage expense categories."))
    form = CategoryForm(request.POST or None, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_category(by=member, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Category saved."))
            return redirect("expense_categories")
    return render(
        request,
        "expenses/categories.html",
        {
            "form": form,
            "categories": ExpenseCategory.objects.filter(
                organisation=member.organisation
            ).select_related("default_tax_category"),
        },
    )


@login_required
def reimbursements(request):
    member = _member(request)
    today = timeutil.local_date(timeutil.now(), member.organisation.time_zone)
    form = PeriodForm(request.GET or {"date_from": today.replace(day=1), "date_to": today})
    rows = []
    if form.is_valid():
        rows = selectors.reimbursements(
            member.organisation,
            date_from=form.cleaned_data["date_from"],
            date_to=form.cleaned_data["date_to"],
            member=None if member.can(Cap.VIEW_ALL_TIME) else member,
        )
    return render(request, "expenses/reimbursements.html", {"form": form, "rows": rows})


def _annex_response(invoice) -> HttpResponse:
    found = None if invoice is None or invoice.is_editable else annex.ensure_annex(invoice)
    if found is None:
        raise Http404("no receipts annex")
    name, data, mimetype = annex.annex_file(found)
    response = HttpResponse(data, content_type=mimetype)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def invoice_receipts(request, pk: int):
    """The receipts annex of an invoice, to whoever may see the invoice."""
    member = _member(request)
    if not member.can(Cap.VIEW_INVOICES):
        raise PermissionDenied(_("Your role cannot see invoices."))
    return _annex_response(invoice_selectors.visible_invoices(member).filter(pk=pk).first())


def public_receipts(request, token: str):
    """The receipts annex on the client's invoice link."""
    return _annex_response(delivery.public_invoice(token))
