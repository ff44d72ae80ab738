"""Expense categories and expenses.

An expense is money spent for a project: ``amount`` is what was paid (VAT included) in
``currency``; ``vat_amount`` is the VAT in it the company reclaims. What a client is billed is the
net (amount − VAT) converted at the ``exchange_rate`` recorded on the expense into the client's
currency, plus the mark-up (``rules.billable_amount``). It is unbilled iff ``invoice_line`` is
null; the billing run claims it with ``UPDATE … WHERE invoice_line IS NULL``.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.db import models
from django.db.models import Q

from timeledger.core.models import TenantModel
from timeledger.core.money import CURRENCY_CHOICES


class ExpenseCategory(TenantModel):
    """An organisation's kind of expense (travel, licences, hardware): invoice lines group by it,
    it brings a default tax category for the line and the revenue account for the export."""

    name = models.CharField(max_length=100)
    default_tax_category = models.ForeignKey(
        "invoicing.TaxCategory", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revenue_account = models.CharField(max_length=40, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "expense categories"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="expense_category_name")
        ]

    def __str__(self) -> str:
        return self.name


class ExpenseStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


EDITABLE_STATUSES = (ExpenseStatus.DRAFT, ExpenseStatus.REJECTED)


def _receipt_path(instance, filename: str) -> str:
    # Random names: a receipt's path reveals nothing and cannot be guessed; it is never served
    # from MEDIA_URL, only through the receipt view that checks who asks.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"receipts/{instance.organisation_id}/{uuid.uuid4().hex}.{ext[:5]}"


class Expense(TenantModel):
    """A cost logged on a project by a member (see the module docstring for the money)."""

    member = models.ForeignKey("accounts.Member", on_delete=models.PROTECT, related_name="+")
    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, related_name="+")
    task = models.ForeignKey(
        "projects.Task", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    category = models.ForeignKey(ExpenseCategory, on_delete=models.PROTECT, related_name="+")
    date = models.DateField()
    amount = models.DecimalField(max_digits=15, decimal_places=3)
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES)
    vat_amount = models.DecimalField(max_digits=15, decimal_places=3, default=Decimal("0"))
    exchange_rate = models.DecimalField(
        max_digits=18,
        decimal_places=8,
        default=Decimal(1),
        help_text="1 unit of the expense's currency in the client's currency, as recorded.",
    )
    supplier = models.CharField(max_length=200, blank=True)
    description = models.CharField(max_length=500, blank=True)
    receipt = models.FileField(upload_to=_receipt_path, blank=True)
    receipt_name = models.CharField(max_length=200, blank=True)
    receipt_type = models.CharField(max_length=50, blank=True)
    is_billable = models.BooleanField(default=True)
    markup_percent = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal("0"))
    is_reimbursable = models.BooleanField(
        default=True, help_text="Paid by the member (to be reimbursed), else by the company."
    )
    status = models.CharField(
        max_length=10, choices=ExpenseStatus.choices, default=ExpenseStatus.DRAFT
    )
    status_note = models.TextField(blank=True)
    invoice_line = models.ForeignKey(
        "invoicing.InvoiceLine",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expenses",
    )

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["project", "date"], name="expense_project_date"),
            models.Index(fields=["member", "date"], name="expense_member_date"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="expense_amount_gt_0"),
            models.CheckConstraint(
                condition=Q(vat_amount__gte=0) & Q(vat_amount__lte=models.F("amount")),
                name="expense_vat_within_amount",
            ),
            models.CheckConstraint(condition=Q(exchange_rate__gt=0), name="expense_rate_gt_0"),
            models.CheckConstraint(condition=Q(markup_percent__gte=0), name="expense_markup_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.category} {self.amount} {self.currency}"

    @property
    def is_billed(self) -> bool:
        return self.invoice_line_id is not None


def _annex_path(instance, filename: str) -> str:
    return f"receipt-annexes/{instance.organisation_id}/{uuid.uuid4().hex}.pdf"


class ReceiptAnnex(TenantModel):
    """The receipts of an issued invoice's billed expenses as one PDF beside the invoice: a cover
    page listing them, each image or PDF receipt's pages, and every receipt's original file
    embedded as a PDF attachment. Made once when the invoice's documents are frozen and never
    changed, like the invoice's own PDF (which stays as issued, PDF/A-3 for Factur-X)."""

    invoice = models.OneToOneField(
        "invoicing.Invoice", on_delete=models.PROTECT, related_name="receipt_annex"
    )
    file = models.FileField(upload_to=_annex_path)
    sha256 = models.CharField(max_length=64)
    receipts = models.PositiveIntegerField()
    pages = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"receipts annex of invoice {self.invoice_id}"
