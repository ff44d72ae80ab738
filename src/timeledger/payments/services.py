"""Record payments, allocate them to invoices, and send overdue reminders.

Allocation locks the payment and every invoice it touches (ids in ascending order, so two
allocations never deadlock), checks in Python for a clear message, and lets the database hold the
invariants too: ``allocated <= amount`` on the payment, one allocation per payment and invoice,
one reminder per invoice and level.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from timeledger.accounts.roles import Cap
from timeledger.core import events, timeutil
from timeledger.core.audit import record, snapshot
from timeledger.core.errors import fail
from timeledger.core.money import format_money, parse_decimal, quantize
from timeledger.invoicing import rules as invoice_rules
from timeledger.invoicing.delivery import public_url
from timeledger.invoicing.issuing import today_for
from timeledger.invoicing.models import OPEN_STATUSES, Invoice, InvoiceKind, InvoiceStatus
from timeledger.payments import rules, selectors
from timeledger.payments.models import (
    DunningLevel,
    Payment,
    PaymentAllocation,
    PaymentMethod,
    ReminderLog,
)

logger = logging.getLogger(__name__)
ZERO = Decimal("0.00")
DEFAULT_LEVELS = (
    (7, "First reminder"),
    (14, "Second reminder"),
    (30, "Final reminder"),
)


def _require(by) -> None:
    if not by.can(Cap.MANAGE_BILLING):
        raise PermissionDenied(gettext("Your role cannot record payments."))


def _label(invoice: Invoice) -> str:
    return invoice.number or gettext("draft #%(pk)s") % {"pk": invoice.pk}


def _check_payable(invoice: Invoice, payment: Payment) -> None:
    if invoice.organisation_id != payment.organisation_id:
        fail(gettext("Unknown invoice."), "invoice")
    if invoice.status in (InvoiceStatus.DRAFT, InvoiceStatus.ON_HOLD):
        fail(
            gettext("Invoice %(invoice)s is a draft; issue it before recording a payment.")
            % {"invoice": _label(invoice)},
            "invoice",
        )
    if invoice.status == InvoiceStatus.VOID:
        fail(
            gettext("Invoice %(invoice)s is void and takes no payments.")
            % {"invoice": _label(invoice)},
            "invoice",
        )
    if invoice.status == InvoiceStatus.PAID:
        fail(
            gettext("Invoice %(invoice)s is paid already.") % {"invoice": _label(invoice)},
            "invoice",
        )
    if invoice.status == InvoiceStatus.CREDITED:
        fail(
            gettext("Invoice %(invoice)s is fully credited; nothing is owed.")
            % {"invoice": _label(invoice)},
            "invoice",
        )
    if invoice.kind == InvoiceKind.PROFORMA:
        fail(gettext("A proforma is not payable; convert it to an invoice first."), "invoice")
    if invoice.kind == InvoiceKind.CREDIT_NOTE:
        fail(gettext("A credit note is not paid by the client."), "invoice")
    if invoice.client_id != payment.client_id:
        fail(
            gettext("Invoice %(invoice)s belongs to another client.")
            % {"invoice": _label(invoice)},
            "invoice",
        )
    if invoice.currency != payment.currency:
        fail(
            gettext(
                "Invoice %(invoice)s is in %(currency)s, the payment in %(payment_currency)s; "
                "currencies are never mixed."
            )
            % {
                "invoice": _label(invoice),
                "currency": invoice.currency,
                "payment_currency": payment.currency,
            },
            "invoice",
        )


def _settle(invoice: Invoice) -> None:
    was = invoice.status
    invoice.status = invoice_rules.settled_status(
        gross=invoice.gross_total,
        paid=invoice.amount_paid,
        credited=invoice.amount_credited,
        sent=invoice.sent_at is not None,
    )
    invoice.save(update_fields=["amount_paid", "status", "updated_at"])
    if invoice.status == InvoiceStatus.PAID and was != InvoiceStatus.PAID:
        events.emit(invoice.organisation, "invoice.paid", obj=invoice)


def _allocate_locked(
    payment: Payment, invoice: Invoice, amount: Decimal, *, by
) -> PaymentAllocation:
    if payment.reversed_at is not None:
        fail(gettext("This payment was reversed and takes no allocations."))
    _check_payable(invoice, payment)
    if amount <= 0:
        fail(gettext("Allocate a positive amount."), "amount")
    if amount > payment.unapplied:
        fail(
            gettext("Only %(amount)s %(currency)s of this payment is unallocated.")
            % {
                "amount": format_money(payment.unapplied, payment.currency),
                "currency": payment.currency,
            },
            "amount",
        )
    if amount > invoice.balance_due:
        fail(
            gettext(
                "Invoice %(invoice)s has %(open)s %(currency)s open; %(amount)s is more than that."
            )
            % {
                "invoice": _label(invoice),
                "open": format_money(invoice.balance_due, invoice.currency),
                "currency": invoice.currency,
                "amount": amount,
            },
            "amount",
        )
    before = snapshot(invoice)
    allocation, created = PaymentAllocation.objects.get_or_create(
        payment=payment,
        invoice=invoice,
        defaults={"organisation_id": payment.organisation_id, "amount": amount},
    )
    if not created:
        allocation.amount += amount
        allocation.save(update_fields=["amount", "updated_at"])
    payment.allocated += amount
    payment.save(update_fields=["allocated", "updated_at"])
    invoice.amount_paid += amount
    _settle(invoice)
    record(
        organisation=payment.organisation,
        actor=by.user,
        action="payment",
        obj=invoice,
        before=before,
        after=snapshot(invoice),
        reason=f"payment {payment.pk}: {format_money(amount, payment.currency)} {payment.currency}",
    )
    return allocation


def _lock_invoices(ids) -> dict[int, Invoice]:
    return {
        inv.pk: inv
        for inv in Invoice.objects.select_for_update().filter(pk__in=sorted(ids)).order_by("pk")
    }


def record_payment(
    client,
    *,
    by,
    amount,
    date: dt.date,
    method: str = PaymentMethod.BANK_TRANSFER,
    reference: str = "",
    notes: str = "",
    allocations: dict[int, Decimal] | None = None,
    invoices: list[Invoice] | None = None,
    currency: str | None = None,
    allow_duplicate: bool = True,
) -> Payment:
    """Record ``amount`` received from ``client``.

    ``allocations`` ({invoice_id: amount}) says exactly where it goes; otherwise it settles
    ``invoices`` (or all the client's open invoices), oldest due first. Anything not allocated
    stays on the payment as the client's credit (an over-payment). ``allow_duplicate=False`` (the
    pages) refuses a payment that repeats a recorded one — same client, reference, amount and
    date — until the person confirms it (the API has ``Idempotency-Key`` for retries instead).
    """
    _require(by)
    if client.organisation_id != by.organisation.id:
        fail(gettext("Unknown client."), "client")
    try:
        amount = parse_decimal(amount)
    except (TypeError, ValueError) as exc:
        raise ValidationError({"amount": [str(exc)]}) from exc
    currency = currency or client.currency
    if amount <= 0:
        fail(gettext("A payment is a positive amount."), "amount")
    if quantize(amount, currency) != amount:
        fail(
            gettext("%(currency)s has no amounts smaller than its minor unit.")
            % {"currency": currency},
            "amount",
        )
    if method not in PaymentMethod.values:
        fail(gettext("Unknown method %(method)s.") % {"method": repr(method)}, "method")
    if date is None:
        fail(gettext("Give the date the money arrived."), "date")
    if not allow_duplicate:
        twin = selectors.duplicate_payment(client, amount=amount, date=date, reference=reference)
        if twin is not None:
            facts = {
                "amount": format_money(amount, currency),
                "currency": currency,
                "client": client.name,
                "day": f"{date:%Y-%m-%d}",
                "reference": twin.reference,
            }
            fail(
                (
                    gettext(
                        "A payment of %(amount)s %(currency)s from %(client)s on %(day)s with "
                        "reference %(reference)s is already recorded. Tick “Record it anyway” if "
                        "this is another one."
                    )
                    if twin.reference
                    else gettext(
                        "A payment of %(amount)s %(currency)s from %(client)s on %(day)s is "
                        "already recorded. Tick “Record it anyway” if this is another one."
                    )
                )
                % facts,
                "confirm_duplicate",
            )
    if allocations is not None and sum(allocations.values(), ZERO) > amount:
        fail(
            gettext("The allocations add up to %(total)s, more than the payment of %(amount)s.")
            % {"total": sum(allocations.values(), ZERO), "amount": amount},
            "allocations",
        )
    with transaction.atomic():
        payment = Payment.objects.create(
            organisation=by.organisation,
            client=client,
            amount=amount,
            currency=currency,
            date=date,
            method=method,
            reference=reference.strip(),
            notes=notes,
            recorded_by=by.user,
        )
        record(
            organisation=by.organisation,
            actor=by.user,
            action="create",
            obj=payment,
            after=snapshot(payment),
        )
        if allocations is None:
            candidates = invoices
            if candidates is None:
                candidates = Invoice.objects.filter(
                    client=client, status__in=OPEN_STATUSES, currency=currency
                ).exclude(kind__in=(InvoiceKind.PROFORMA, InvoiceKind.CREDIT_NOTE))
            locked = _lock_invoices([i.pk for i in candidates])
            for inv in locked.values():
                _check_payable(inv, payment)
            ordered = sorted(locked.values(), key=lambda i: (i.due_date or dt.date.max, i.pk))
            allocations = rules.auto_allocation(
                amount, [rules.OpenInvoice(i.pk, i.balance_due) for i in ordered]
            )
        else:
            locked = _lock_invoices(allocations)
            missing = set(allocations) - set(locked)
            if missing:
                fail(
                    gettext("Unknown invoice %(invoice)s.") % {"invoice": sorted(missing)[0]},
                    "allocations",
                )
        for invoice_id, part in allocations.items():
            _allocate_locked(payment, locked[invoice_id], part, by=by)
        events.emit(by.organisation, "payment.recorded", obj=payment)
    return payment


def pay_invoice(
    invoice: Invoice,
    *,
    by,
    amount,
    date: dt.date,
    method: str = PaymentMethod.BANK_TRANSFER,
    reference: str = "",
    allow_duplicate: bool = True,
) -> Payment:
    """Record a payment of ``invoice``'s client against that invoice.

    The invoice takes at most what it still owes; the rest stays on the payment as the client's
    credit. An invoice that owes nothing (paid, draft, void) is offered the whole amount so that
    ``record_payment`` says why it cannot take it. The one rule for the page, API and CLI.
    """
    try:
        amount = parse_decimal(amount)
    except (TypeError, ValueError) as exc:
        raise ValidationError({"amount": [str(exc)]}) from exc
    owed = invoice.balance_due
    share = min(amount, owed) if owed > 0 else amount
    return record_payment(
        invoice.client,
        by=by,
        amount=amount,
        date=date,
        method=method,
        reference=reference,
        allocations={invoice.pk: share},
        allow_duplicate=allow_duplicate,
    )


def allocate_credit(
    payment: Payment, invoice: Invoice, amount: Decimal, *, by
) -> PaymentAllocation:
    """Apply some of a payment's unallocated amount (an earlier over-payment) to an invoice."""
    _require(by)
    if payment.organisation_id != by.organisation.id:
        fail(gettext("Unknown payment."))
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        invoice = _lock_invoices([invoice.pk])[invoice.pk]
        return _allocate_locked(payment, invoice, amount, by=by)


def reverse_payment(payment: Payment, *, by, reason: str) -> Payment:
    """Reverse a payment (a bounced transfer, one recorded by mistake): its invoices are open
    again by its amounts. The payment and its allocations stay, marked with who reversed it,
    when and why, so the books can be replayed; a reversed payment takes no more allocations."""
    _require(by)
    if payment.organisation_id != by.organisation.id:
        fail(gettext("Unknown payment."))
    if not reason.strip():
        fail(gettext("Give the reason."), "reason")
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.reversed_at is not None:
            fail(
                gettext("This payment was reversed already on %(day)s.")
                % {"day": f"{payment.reversed_at:%Y-%m-%d}"}
            )
        before = snapshot(payment)
        allocations = list(payment.allocations.all())
        locked = _lock_invoices([a.invoice_id for a in allocations])
        for allocation in allocations:
            invoice = locked[allocation.invoice_id]
            invoice.amount_paid -= allocation.amount
            _settle(invoice)
        payment.reversed_at = timeutil.now()
        payment.reversed_by = by.user
        payment.reversal_reason = reason.strip()
        payment.save(update_fields=["reversed_at", "reversed_by", "reversal_reason", "updated_at"])
        record(
            organisation=by.organisation,
            actor=by.user,
            action="reverse",
            obj=payment,
            before=before,
            after=snapshot(payment),
            reason=payment.reversal_reason,
        )
        events.emit(by.organisation, "payment.reversed", obj=payment)
    return payment


# ---------------------------------------------------------------- reminders


def ensure_default_levels(organisation) -> list[DunningLevel]:
    if not DunningLevel.objects.filter(organisation=organisation).exists():
        for days, name in DEFAULT_LEVELS:
            DunningLevel.objects.get_or_create(
                organisation=organisation, days_overdue=days, defaults={"name": name}
            )
    return list(DunningLevel.objects.filter(organisation=organisation, is_active=True))


def _reminder_text(template: str, invoice: Invoice, days: int, link: str) -> str:
    values = {
        "client": invoice.client.contact_name or invoice.client.name,
        "number": invoice.number,
        "issue_date": f"{invoice.issue_date:%d %b %Y}",
        "due_date": f"{invoice.due_date:%d %b %Y}",
        "balance": format_money(invoice.balance_due, invoice.currency),
        "currency": invoice.currency,
        "days": str(days),
        "organisation": invoice.organisation.legal_name or invoice.organisation.name,
        "link": link,
    }
    out = template
    for key, value in values.items():  # plain replacement: no format-string attribute access
        out = out.replace("{" + key + "}", value)
    return out


def send_due_reminders(organisation, *, today: dt.date | None = None, base_url: str = "") -> int:
    """Send the reminder level each overdue invoice has reached, once. Returns how many were sent.

    The ReminderLog row is inserted first under its unique (invoice, level) constraint; the e-mail
    is sent only by whoever inserted it, so two runs at once send one reminder.
    """

    today = today or today_for(organisation)
    levels = {lvl.days_overdue: lvl for lvl in ensure_default_levels(organisation)}
    if not levels:
        return 0
    sent = 0
    overdue = (
        Invoice.objects.filter(
            organisation=organisation, status__in=OPEN_STATUSES, due_date__lt=today
        )
        .exclude(kind__in=(InvoiceKind.PROFORMA, InvoiceKind.CREDIT_NOTE))
        .select_related("client", "organisation")
    )
    for invoice in overdue:
        if invoice.balance_due <= 0:
            continue
        days = (today - invoice.due_date).days
        done = set(
            ReminderLog.objects.filter(invoice=invoice).values_list(
                "level__days_overdue", flat=True
            )
        )
        due = rules.reminder_level_due(days, list(levels), done)
        if due is None:
            continue
        level = levels[due]
        to = invoice.client.invoice_email
        try:
            with transaction.atomic():
                ReminderLog.objects.create(
                    organisation=organisation,
                    invoice=invoice,
                    level=level,
                    sent_to=to,
                    days_overdue=days,
                    balance=invoice.balance_due,
                )
                if to:
                    link = public_url(invoice, base_url)
                    EmailMessage(
                        subject=_reminder_text(level.subject, invoice, days, link),
                        body=_reminder_text(level.body, invoice, days, link),
                        from_email=organisation.email or settings.DEFAULT_FROM_EMAIL,
                        to=[to],
                    ).send()
        except IntegrityError:
            continue  # another run logged (and sent) this one
        sent += 1
    return sent


def save_dunning_level(level: DunningLevel | None, data: dict, *, by) -> DunningLevel:
    """Create or change a reminder level (days overdue, texts). One level per number of days."""
    _require(by)
    days = data.get("days_overdue", level.days_overdue if level else None)
    if days is None or days < 1:
        fail(gettext("A reminder goes out at least 1 day after the due date."), "days_overdue")
    clash = DunningLevel.objects.filter(organisation=by.organisation, days_overdue=days)
    if level is not None:
        clash = clash.exclude(pk=level.pk)
    if clash.exists():
        fail(
            gettext("There is already a reminder at %(days)s days.") % {"days": days},
            "days_overdue",
        )
    creating = level is None
    with transaction.atomic():
        if creating:
            ensure_default_levels(by.organisation)  # the defaults are there before the first edit
            level = DunningLevel(organisation=by.organisation)
        before = None if creating else snapshot(level)
        for field, value in data.items():
            setattr(level, field, value)
        level.full_clean(exclude=["organisation"], validate_constraints=False)
        level.save()
        record(
            organisation=by.organisation,
            actor=by.user,
            action="create" if creating else "update",
            obj=level,
            before=before,
            after=snapshot(level),
        )
    return level
