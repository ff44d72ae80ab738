"""Invoices and their lines, tax categories and number sequences.

An invoice is built as a draft by a billing run, reviewed, then issued: from then on it never
changes (corrections are credit notes). Lines keep the group they bill and the entries behind them.
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from timeledger.core.models import TenantModel, TenantQuerySet
from timeledger.core.money import CURRENCY_CHOICES
from timeledger.invoicing import guards

ZERO = Decimal("0.00")


class InvoiceKind(models.TextChoices):
    PROFORMA = "proforma", "Proforma"
    STANDARD = "standard", "Invoice"
    RECURRING = "recurring", "Recurring invoice"
    FINAL = "final", "Final invoice"
    CREDIT_NOTE = "credit_note", "Credit note"


class InvoiceStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ON_HOLD = "on_hold", "On hold"
    ISSUED = "issued", "Issued"
    SENT = "sent", "Sent"
    PARTIALLY_PAID = "partially_paid", "Partially paid"
    # Credit notes, no payment yet: part of the amount is corrected away, the rest still owed.
    PARTIALLY_CREDITED = "partially_credited", "Partially credited"
    PAID = "paid", "Paid"
    # Settled by credit notes alone: nothing was paid and nothing is owed.
    CREDITED = "credited", "Credited"
    VOID = "void", "Void"


EDITABLE_STATUSES = (InvoiceStatus.DRAFT, InvoiceStatus.ON_HOLD)
# Issued and still owed money: these can be paid, reminded, be overdue.
OPEN_STATUSES = (
    InvoiceStatus.ISSUED,
    InvoiceStatus.SENT,
    InvoiceStatus.PARTIALLY_PAID,
    InvoiceStatus.PARTIALLY_CREDITED,
)
# Nothing owed any more: by payments (and credit notes), or by credit notes alone.
SETTLED_STATUSES = (InvoiceStatus.PAID, InvoiceStatus.CREDITED)


class LineGrouping(models.TextChoices):
    PHASE = "phase", _("By phase / deliverable")
    TASK = "task", _("By task")
    MEMBER = "member", _("By member")
    DATE = "date", _("By date")
    PROJECT = "project", _("One line per project")


class TaxCategory(TenantModel):
    """A VAT category (EN 16931 codes: S standard, AA reduced, Z zero, E exempt, AE reverse charge)."""

    class Code(models.TextChoices):
        STANDARD = "S", "Standard rate"
        REDUCED = "AA", "Reduced rate"
        ZERO = "Z", "Zero rated"
        EXEMPT = "E", "Exempt"
        REVERSE_CHARGE = "AE", "Reverse charge"

    name = models.CharField(max_length=100)
    code = models.CharField(max_length=3, choices=Code.choices, default=Code.STANDARD)
    rate = models.DecimalField(max_digits=5, decimal_places=2)
    effective_from = models.DateField(null=True, blank=True)
    legal_note = models.CharField(max_length=300, blank=True)
    is_default = models.BooleanField(default=False)

    class Meta:
        # Moved from the billing app; the table keeps its name.
        db_table = "billing_taxcategory"
        ordering = ["code", "-rate"]
        verbose_name_plural = "tax categories"

    def __str__(self) -> str:
        return f"{self.name} ({self.rate}%)"


class InvoiceSequenceQuerySet(TenantQuerySet):
    """The counter never moves or disappears behind the numbering service's back."""

    def update(self, **kwargs):
        if "next_value" in kwargs:
            raise guards.ImmutableInvoiceError(
                "The invoice counter moves only by issuing or by moving it forward "
                "(timeledger numbering move)."
            )
        return super().update(**kwargs)

    def delete(self):
        raise guards.ImmutableInvoiceError(
            "An invoice counter cannot be deleted: its numbers were issued."
        )


class InvoiceSequence(TenantModel):
    """A gap-free counter per organisation and series, taken with a row lock at issue time.

    Read-only except through ``invoicing.numbering`` (issuing, moving forward, the pattern): a
    save of an existing row from anywhere else, and every delete, is refused. (Deleting or
    lowering it once made every later issue fail with a duplicate number.)
    """

    series = models.CharField(max_length=20)
    pattern = models.CharField(max_length=60, default="INV-{YYYY}-{SEQ:05}")
    next_value = models.PositiveIntegerField(default=1)

    objects = InvoiceSequenceQuerySet.as_manager()

    class Meta:
        # Moved from the billing app; the table keeps its name.
        db_table = "billing_invoicesequence"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "series"], name="sequence_unique_series"
            )
        ]

    def __str__(self) -> str:
        return f"{self.series}: next {self.next_value}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not getattr(self, "_written_by_numbering", False):
            raise guards.ImmutableInvoiceError(
                "The invoice counter is changed only by issuing or by moving it forward "
                "(timeledger numbering move)."
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise guards.ImmutableInvoiceError(
            "An invoice counter cannot be deleted: its numbers were issued."
        )


def _public_token() -> str:
    return secrets.token_urlsafe(24)


class InvoiceQuerySet(TenantQuerySet):
    """Bulk writes honour immutability too: ``update``/``delete`` refuse to touch issued rows."""

    def update(self, **kwargs):

        guards.check_invoice_bulk_update(self, kwargs)
        return super().update(**kwargs)

    def delete(self):

        guards.check_invoice_bulk_delete(self)
        return super().delete()


class Invoice(TenantModel):
    """A draft or issued invoice of one client, in the client's currency."""

    editable_statuses = EDITABLE_STATUSES

    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="invoices")
    project = models.ForeignKey(
        "projects.Project", null=True, blank=True, on_delete=models.PROTECT, related_name="invoices"
    )
    kind = models.CharField(
        max_length=12, choices=InvoiceKind.choices, default=InvoiceKind.STANDARD
    )
    status = models.CharField(
        max_length=20, choices=InvoiceStatus.choices, default=InvoiceStatus.DRAFT
    )
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES)
    series = models.CharField(max_length=20, default="INV")
    number = models.CharField(max_length=40, blank=True)
    issue_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    grouping = models.CharField(
        max_length=10, choices=LineGrouping.choices, default=LineGrouping.PHASE
    )
    include_timesheet = models.BooleanField(default=False)
    net_total = models.DecimalField(max_digits=15, decimal_places=3, default=ZERO)
    tax_total = models.DecimalField(max_digits=15, decimal_places=3, default=ZERO)
    gross_total = models.DecimalField(max_digits=15, decimal_places=3, default=ZERO)
    amount_paid = models.DecimalField(max_digits=15, decimal_places=3, default=ZERO)
    notes = models.TextField(blank=True)
    estimate_note = models.TextField(
        blank=True, help_text="Why this invoice goes over the estimate."
    )
    hold_reason = models.TextField(blank=True)
    credited_invoice = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="credit_notes"
    )
    billing_run = models.ForeignKey(
        "billing.BillingRun",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invoices",
    )
    public_token = models.CharField(max_length=40, default=_public_token, unique=True)
    pdf = models.FileField(upload_to="invoices/%Y/", blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    void_reason = models.TextField(blank=True)
    # Issuing and collection (issue 6). Seller and buyer are frozen at issue: the issued document
    # keeps the addresses and tax ids it was issued with.
    payment_terms_days = models.PositiveSmallIntegerField(null=True, blank=True)
    seller = models.JSONField(default=dict, blank=True)
    buyer = models.JSONField(default=dict, blank=True)
    tax_note = models.TextField(blank=True, help_text="Legal notes of the tax categories used.")
    # The document's language (the client's, ``Client.document_language``), frozen at issue like
    # the buyer; a draft is shown in the client's language as it is now. Empty: English.
    language = models.CharField(max_length=2, blank=True)
    amount_credited = models.DecimalField(max_digits=15, decimal_places=3, default=ZERO)
    converted_from = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="converted_to"
    )
    recurring_schedule = models.ForeignKey(
        "invoicing.RecurringSchedule",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoices",
    )
    release_entries = models.BooleanField(
        default=False, help_text="Credit notes: put the credited entries back to unbilled."
    )
    summary = models.JSONField(
        default=list, blank=True, help_text="Final invoices: what was billed before."
    )
    viewed_at = models.DateTimeField(null=True, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    # Frozen documents (issue 12): the template version the document is produced from, stored at
    # issue; and when every document of the issued invoice (PDF, and what ``documents_frozen``
    # receivers store) was stored — empty until then, so ``timeledger tick`` finishes the job.
    template_version = models.ForeignKey(
        "documents.TemplateVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    documents_stored_at = models.DateTimeField(null=True, blank=True)
    # Review of a draft (issue 5): approved for issue by a finance person; a reconciliation hold
    # released by a manager stays released for this draft.
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hold_released_at = models.DateTimeField(null=True, blank=True)
    hold_released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        # Moved from the billing app; the table keeps its name.
        db_table = "billing_invoice"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"],
                condition=~Q(number=""),
                name="invoice_unique_number",
            ),
            models.UniqueConstraint(
                fields=["recurring_schedule", "period_start"],
                condition=Q(recurring_schedule__isnull=False),
                name="invoice_one_per_schedule_period",
            ),
            models.CheckConstraint(
                condition=Q(amount_paid__gte=0) & Q(amount_credited__gte=0),
                name="invoice_paid_credited_gte_0",
            ),
        ]

    def __str__(self) -> str:
        if self.number:
            return self.number
        if self.kind == InvoiceKind.PROFORMA and self.status != InvoiceStatus.DRAFT:
            return f"Proforma #{self.pk}"
        return f"Draft #{self.pk}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def balance_due(self) -> Decimal:
        """What the client still owes: gross less payments and credit notes applied.

        For a credit note (negative gross), ``amount_credited`` is what was applied to the
        credited invoice; a negative balance is what is still owed *to* the client.
        """
        if self.kind == InvoiceKind.CREDIT_NOTE:
            return self.gross_total + self.amount_credited
        return self.gross_total - self.amount_paid - self.amount_credited

    def is_overdue(self, today) -> bool:
        return (
            self.status in OPEN_STATUSES
            and self.kind != InvoiceKind.PROFORMA
            and self.due_date is not None
            and self.due_date < today
            and self.balance_due > 0
        )

    def save(self, *args, **kwargs):

        guards.check_invoice_save(self, kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):

        guards.check_invoice_delete(self)
        return super().delete(*args, **kwargs)


class LineKind(models.TextChoices):
    TIME = "time", "Time"
    MILESTONE = "milestone", "Milestone"
    FIXED_FEE = "fixed_fee", "Fixed fee instalment"
    RETAINER_FEE = "retainer_fee", "Retainer fee"
    RETAINER_OVERAGE = "retainer_overage", "Retainer overage"
    CHANGE_ORDER = "change_order", "Change order"
    EXPENSE = "expense", "Expense"
    MANUAL = "manual", "Manual"
    DISCOUNT = "discount", "Discount"
    CREDIT = "credit", "Credit"


class InvoiceLineQuerySet(TenantQuerySet):
    def update(self, **kwargs):

        guards.check_lines_bulk_write(self)
        return super().update(**kwargs)

    def delete(self):

        guards.check_lines_bulk_write(self)
        return super().delete()


class InvoiceLine(TenantModel):
    """One line: ``quantity × unit_price − discount = net_amount`` (``totals.line_net``: the
    product and the discount each rounded to the minor unit once)."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=LineKind.choices, default=LineKind.MANUAL)
    description = models.CharField(max_length=500)
    quantity = models.DecimalField(max_digits=14, decimal_places=4, default=Decimal(1))
    unit = models.CharField(max_length=10, default="h")
    unit_price = models.DecimalField(max_digits=14, decimal_places=4, default=ZERO)
    net_amount = models.DecimalField(max_digits=15, decimal_places=3, default=ZERO)
    # A line's own discount in percent (hand-written lines; 0 = none): the e-invoice's line
    # allowance (BG-27). A discount on the whole invoice is a DISCOUNT line instead.
    discount_percent = models.DecimalField(max_digits=5, decimal_places=2, default=ZERO)
    tax_category = models.ForeignKey(
        TaxCategory, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    tax_rate = models.DecimalField(max_digits=5, decimal_places=2, default=ZERO)
    note = models.TextField(blank=True)
    phase = models.ForeignKey(
        "projects.Phase", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    task = models.ForeignKey(
        "projects.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    member = models.ForeignKey(
        "accounts.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    milestone = models.ForeignKey(
        "projects.Milestone",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoice_lines",
    )
    credited_line = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="credits"
    )
    # Billing engine: the SQL grouping key that claimed the entries behind a time line
    # ("<project>|<group>|<rate>"), the day of a by-date line, and how many entries it bills.
    group_key = models.CharField(max_length=120, blank=True, db_index=True)
    service_date = models.DateField(null=True, blank=True)
    entry_count = models.PositiveIntegerField(default=0)

    objects = InvoiceLineQuerySet.as_manager()

    class Meta:
        # Moved from the billing app; the table keeps its name.
        db_table = "billing_invoiceline"
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.description

    def save(self, *args, **kwargs):

        guards.check_line_write(self)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):

        guards.check_line_write(self)
        return super().delete(*args, **kwargs)


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    YEARLY = "yearly", "Yearly"


class RecurringSchedule(TenantModel):
    """A fee invoiced on a schedule (e.g. a monthly retainer): each due period issues one invoice.

    ``next_run`` is the start of the next period to invoice; ``timeledger tick`` (or Celery beat)
    calls ``billing.recurring.run_due`` which makes, and if ``auto_issue`` issues, one invoice per
    due period. One invoice per (schedule, period) is a database constraint, so a rerun or two
    workers never invoice a period twice.
    """

    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+")
    project = models.ForeignKey(
        "projects.Project", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=200)
    description = models.CharField(max_length=500, help_text="Line text; {period} is replaced.")
    quantity = models.DecimalField(max_digits=14, decimal_places=4, default=Decimal(1))
    unit = models.CharField(max_length=10, default="mo")
    unit_price = models.DecimalField(max_digits=14, decimal_places=4)
    tax_category = models.ForeignKey(
        TaxCategory, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    frequency = models.CharField(
        max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    next_run = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    auto_issue = models.BooleanField(default=True)
    auto_send = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        # Moved from the billing app; the table keeps its name.
        db_table = "billing_recurringschedule"
        ordering = ["next_run", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(unit_price__gte=0), name="schedule_price_gte_0"),
        ]

    def __str__(self) -> str:
        return self.name
