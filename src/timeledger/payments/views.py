"""Payment pages: payments received, paying one invoice, the aging report, overdue reminders and
their levels; and the invoice page's payment panel. Thin: each POST calls one service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from timeledger.accounts.permissions import require
from timeledger.accounts.roles import Cap, Role
from timeledger.accounts.tenancy import scoped
from timeledger.core.forms import save_with
from timeledger.core.money import format_money, quantize
from timeledger.invoicing.issuing import today_for
from timeledger.invoicing.views import act_on_invoice
from timeledger.payments import forms, services
from timeledger.payments.models import Payment, ReminderLog
from timeledger.payments.rules import AGING_BUCKETS, AGING_LABELS
from timeledger.payments.selectors import aging, aging_totals


def invoice_panel(sender, *, request, invoice, today, **kwargs) -> dict:
    """``invoicing.signals.invoice_detail_context``: the pay form and the payment history."""
    return {
        "pay_form": forms.PaymentForm(
            initial={"amount": quantize(invoice.balance_due, invoice.currency), "date": today},
            prefix="pay",
        ),
        "allocations": invoice.allocations.select_related("payment"),
        "reminders": ReminderLog.objects.filter(invoice=invoice).select_related("level"),
    }


@login_required
@require_POST
def invoice_pay(request, pk: int):
    form = forms.PaymentForm(request.POST, prefix="pay")

    def pay(inv, c):
        services.pay_invoice(
            inv,
            by=request.member,
            amount=c["amount"],
            date=c["date"],
            method=c["method"],
            reference=c["reference"],
            allow_duplicate=c["confirm_duplicate"],
        )

    return act_on_invoice(
        request, pk, pay, success=gettext("Payment recorded."), form=form, form_key="pay_form"
    )


@login_required
def payment_list(request):
    require(request, Cap.MANAGE_BILLING)
    form = forms.ClientPaymentForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST":
        payment = save_with(
            form,
            lambda c: services.record_payment(
                c["client"],
                by=request.member,
                amount=c["amount"],
                date=c["date"],
                method=c["method"],
                reference=c["reference"],
                allow_duplicate=c["confirm_duplicate"],
            ),
        )
        if payment is not None:
            messages.success(
                request,
                gettext("Payment recorded; %(amount)s %(currency)s left as client credit.")
                % {
                    "amount": format_money(payment.unapplied, payment.currency),
                    "currency": payment.currency,
                }
                if payment.unapplied
                else gettext("Payment recorded."),
            )
            return redirect("payment_list")
    return render(
        request,
        "payments/payments.html",
        {
            "payments": scoped(Payment, request)
            .select_related("client")
            .prefetch_related("allocations__invoice")[:200],
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def payment_reverse(request, pk: int):
    require(request, Cap.MANAGE_BILLING)
    payment = get_object_or_404(scoped(Payment, request), pk=pk)
    try:
        services.reverse_payment(payment, by=request.member, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(m for msgs in exc.message_dict.values() for m in msgs))
    else:
        messages.success(request, gettext("Payment reversed; its invoices are open again."))
    return redirect("payment_list")


@login_required
def aging_report(request):
    require(request, Cap.VIEW_INVOICES)
    if request.member.role == Role.CLIENT_VIEWER:
        raise PermissionDenied(gettext("Your role cannot see the aging report."))
    today = today_for(request.organisation)
    rows = aging(request.organisation, today=today)
    return render(
        request,
        "payments/aging.html",
        {
            "rows": rows,
            "totals": aging_totals(rows),
            "buckets": [(b, AGING_LABELS[b]) for b in AGING_BUCKETS],
            "today": today,
        },
    )


@login_required
@require_POST
def reminders_run(request):
    require(request, Cap.MANAGE_BILLING)
    sent = services.send_due_reminders(
        request.organisation, base_url=request.build_absolute_uri("/")
    )
    messages.success(
        request,
        ngettext("%(count)s reminder sent.", "%(count)s reminders sent.", sent) % {"count": sent},
    )
    return redirect("invoice_aging")


@login_required
def reminder_levels(request):
    require(request, Cap.MANAGE_BILLING)
    form = forms.DunningLevelForm(request.POST or None)
    if request.method == "POST":
        saved = save_with(
            form, lambda c: services.save_dunning_level(None, dict(c), by=request.member)
        )
        if saved is not None:
            messages.success(request, gettext("Reminder level %(level)s added.") % {"level": saved})
            return redirect("invoice_reminder_levels")
    return render(
        request,
        "payments/reminder_levels.html",
        {"levels": services.ensure_default_levels(request.organisation), "form": form},
        status=400 if form.errors else 200,
    )
