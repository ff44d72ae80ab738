"""Bank statements page: upload, the statements, the review queue with suggestions; confirm,
undo and ignore. Thin: each POST calls one service."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from timeledger.accounts.roles import Cap
from timeledger.accounts.tenancy import scoped
from timeledger.banking import services
from timeledger.banking.forms import StatementForm
from timeledger.banking.models import BankStatement, BankTransaction
from timeledger.core.forms import save_with


def _require(request) -> None:
    if request.member is None or not request.member.can(Cap.MANAGE_BILLING):
        raise PermissionDenied(gettext("Your role cannot reconcile bank statements."))


def _error(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(m for msgs in exc.message_dict.values() for m in msgs))


@login_required
def statements(request):
    _require(request)
    form = StatementForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        statement = save_with(
            form,
            lambda c: services.import_statement(
                c["file"].read(),
                by=request.member,
                file_name=c["file"].name,
                format=c["format"] or None,
                mapping=c["mapping"],
            ),
            aliases={"file": "file"},
        )
        if statement is not None:
            messages.success(
                request,
                gettext(
                    "Imported %(new)s new credit(s); %(seen)s seen before, "
                    "%(debits)s debit(s) skipped."
                )
                % {
                    "new": statement.credits_new,
                    "seen": statement.duplicates,
                    "debits": statement.debits_skipped,
                },
            )
            return redirect("bank_statements")
    return render(
        request,
        "banking/statements.html",
        {
            "form": form,
            "statements": scoped(BankStatement, request)[:50],
            "queue": services.review_queue(request.member),
            "matched": scoped(BankTransaction, request)
            .filter(status=BankTransaction.Status.MATCHED)
            .select_related("payment")
            .order_by("-id")[:50],
            "auto_record": services.settings_for(request.organisation).auto_record,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def transaction_action(request, pk: int, verb: str):
    _require(request)
    tx = get_object_or_404(scoped(BankTransaction, request), pk=pk)
    try:
        if verb == "confirm":
            allocations = None
            if request.POST.get("invoice"):
                try:
                    allocations = {
                        int(request.POST["invoice"]): Decimal(
                            request.POST.get("amount") or tx.amount
                        )
                    }
                except (ValueError, InvalidOperation):
                    raise ValidationError(
                        {"amount": [gettext("Give an invoice id and an amount.")]}
                    ) from None
            services.confirm(tx, by=request.member, allocations=allocations)
            messages.success(request, gettext("Payment recorded."))
        elif verb == "undo":
            services.undo(tx, by=request.member, reason=request.POST.get("reason", ""))
            messages.success(request, gettext("Match undone; the payment is reversed."))
        elif verb == "ignore":
            services.ignore(tx, by=request.member, reason=request.POST.get("reason", ""))
            messages.success(request, gettext("Credit ignored."))
        else:
            raise PermissionDenied(gettext("Unknown action."))
    except ValidationError as exc:
        _error(request, exc)
    return redirect("bank_statements")


@login_required
@require_POST
def auto_record(request):
    _require(request)
    services.update_settings(by=request.member, auto_record=request.POST.get("auto_record") == "on")
    return redirect("bank_statements")
