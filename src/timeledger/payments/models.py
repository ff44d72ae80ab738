"""Payments received, their allocation to invoices, and overdue reminders (dunning).

A payment belongs to one client and currency. Allocations spread it over that client's issued
invoices; what is not allocated is the client's credit (an over-payment), available to allocate
later. ``Payment.allocated`` mirrors the sum of its allocations so the database itself can hold
"allocations never exceed the payment" as a check constraint.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from timeledger.core.models import TenantModel
from timeledger.core.money import CURRENCY_CHOICES, format_money

ZERO = Decimal("0.00")


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    DIRECT_DEBIT = "direct_debit", _("Direct debit")
    CARD = "card", _("Card")
    CASH = "cash", _("Cash")
    OTHER = "other", _("Other")


class Payment(TenantModel):
    """Money received from a client on a date; allocated to one or more of its invoices."""

    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(max_digits=15, decimal_places=3)
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES)
    date = models.DateField()
    method = models.CharField(
        max_length=20, choices=PaymentMethod.choices, default=PaymentMethod.BANK_TRANSFER
    )
    reference = models.CharField(max_length=140, blank=True)
    notes = models.TextField(blank=True)
    allocated = models.DecimalField(max_digits=15, decimal_places=3, default=ZERO)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A reversal (a bounced transfer, a payment recorded by mistake) keeps the row and its
    # allocations, so the books can be replayed: who reversed it, when and why.
    reversed_at = models.DateTimeField(null=True, blank=True)
    reversed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reversal_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_gt_0"),
            models.CheckConstraint(
                condition=Q(reversed_at__isnull=True) | ~Q(reversal_reason=""),
                name="payment_reversal_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(allocated__gte=0) & Q(allocated__lte=F("amount")),
                name="payment_allocated_within_amount",
            ),
        ]

    def __str__(self) -> str:
        amount = format_money(self.amount, self.currency)
        return f"{self.date} {amount} {self.currency} {self.reference}".strip()

    @property
    def is_reversed(self) -> bool:
        return self.reversed_at is not None

    @property
    def unapplied(self) -> Decimal:
        """Over-payment not (yet) allocated to an invoice: the client's credit (none once
        reversed: the money went back)."""
        if self.reversed_at is not None:
            return ZERO
        return self.amount - self.allocated


class PaymentAllocation(TenantModel):
    """The part of a payment that settles one invoice."""

    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="allocations")
    invoice = models.ForeignKey(
        "invoicing.Invoice", on_delete=models.PROTECT, related_name="allocations"
    )
    amount = models.DecimalField(max_digits=15, decimal_places=3)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="allocation_amount_gt_0"),
            models.UniqueConstraint(fields=["payment", "invoice"], name="allocation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.amount} of payment {self.payment_id} to invoice {self.invoice_id}"


class DunningLevel(TenantModel):
    """A reminder sent once an invoice is ``days_overdue`` days past its due date."""

    days_overdue = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=100)
    subject = models.CharField(max_length=200, default="Reminder: invoice {number} is overdue")
    body = models.TextField(
        default=(
            "Dear {client},\n\nOur invoice {number} of {issue_date} for {balance} {currency} was "
            "due on {due_date} and is now {days} days overdue. Please pay at your earliest "
            "convenience.\n\n{organisation}"
        ),
        help_text="Placeholders: {client} {number} {issue_date} {due_date} {balance} {currency} "
        "{days} {organisation} {link}.",
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["days_overdue"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "days_overdue"], name="dunning_unique_days"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (+{self.days_overdue} d)"


class ReminderLog(TenantModel):
    """One reminder of one level for one invoice: unique, so reminders are never sent twice."""

    invoice = models.ForeignKey("invoicing.Invoice", on_delete=models.CASCADE, related_name="+")
    level = models.ForeignKey(DunningLevel, on_delete=models.PROTECT, related_name="reminders")
    sent_to = models.EmailField(blank=True)
    days_overdue = models.PositiveSmallIntegerField()
    balance = models.DecimalField(max_digits=15, decimal_places=3)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["invoice", "level"], name="reminder_once_per_level"),
        ]

    def __str__(self) -> str:
        return f"{self.level} for invoice {self.invoice_id}"
