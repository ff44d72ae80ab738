"""Invoices and their lines, tax categories and number sequences.

An invoice is built as a draft by a billing run, reviewed, then issued: from then on it never
changes (corrections are credit notes). Lines keep the group they bill and the entries behind them.
"""

import datetime as dt
import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from timeledger.core.models import TenantModel, TenantQuerySet
from timeledger.core.money import CURRENCY_CHOICES

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
    PAID = "paid", "Paid"
    VOID = "void", "Void"


EDITABLE_STATUSES = (InvoiceStatus.DRAFT, InvoiceStatus.ON_HOLD)
# Issued and still owed money: these can be paid, reminded, be overdue.
OPEN_STATUSES = (InvoiceStatus.ISSUED, InvoiceStatus.SENT, InvoiceStatus.PARTIALLY_PAID)


class LineGrouping(models.TextChoices):
    PHASE = "phase", "By phase / deliverable"
    TASK = "task", "By task"
    MEMBER = "member", "By member"
    DATE = "date", "By date"
    PROJECT = "project", "One line per project"


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
        ordering = ["code", "-rate"]
        verbose_name_plural = "tax categories"

    def __str__(self) -> str:
        return f"{self.name} ({self.rate}%)"


class InvoiceSequence(TenantModel):
    """A gap-free counter per organisation and series, taken with a row lock at issue time."""

    series = models.CharField(max_length=20)
    pattern = models.CharField(max_length=60, default="INV-{YYYY}-{SEQ:05}")
    next_value = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "series"], name="sequence_unique_series"
            )
        ]

    def __str__(self) -> str:
        return f"{self.series}: next {self.next_value}"


def _public_token() -> str:
    return secrets.token_urlsafe(24)


class InvoiceQuerySet(TenantQuerySet):
    """Bulk writes honour immutability too: ``update``/``delete`` refuse to touch issued rows."""

    def update(self, **kwargs):
        from timeledger.billing.guards import check_invoice_bulk_update

        check_invoice_bulk_update(self, kwargs)
        return super().update(**kwargs)

    def delete(self):
        from timeledger.billing.guards import check_invoice_bulk_delete

        check_invoice_bulk_delete(self)
        return super().delete()


class Invoice(TenantModel):
    """A draft or issued invoice of one client, in the client's currency."""

    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="invoices")
    project = models.ForeignKey(
        "projects.Project", null=True, blank=True, on_delete=models.PROTECT, related_name="invoices"
    )
    kind = models.CharField(
        max_length=12, choices=InvoiceKind.choices, default=InvoiceKind.STANDARD
    )
    status = models.CharField(
        max_length=16, choices=InvoiceStatus.choices, default=InvoiceStatus.DRAFT
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
    net_total = models.DecimalField(max_digits=14, decimal_places=2, default=ZERO)
    tax_total = models.DecimalField(max_digits=14, decimal_places=2, default=ZERO)
    gross_total = models.DecimalField(max_digits=14, decimal_places=2, default=ZERO)
    amount_paid = models.DecimalField(max_digits=14, decimal_places=2, default=ZERO)
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
    amount_credited = models.DecimalField(max_digits=14, decimal_places=2, default=ZERO)
    converted_from = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="converted_to"
    )
    recurring_schedule = models.ForeignKey(
        "billing.RecurringSchedule",
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
        from timeledger.billing.guards import check_invoice_save

        check_invoice_save(self, kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        from timeledger.billing.guards import check_invoice_delete

        check_invoice_delete(self)
        return super().delete(*args, **kwargs)


class LineKind(models.TextChoices):
    TIME = "time", "Time"
    MILESTONE = "milestone", "Milestone"
    FIXED_FEE = "fixed_fee", "Fixed fee instalment"
    RETAINER_FEE = "retainer_fee", "Retainer fee"
    RETAINER_OVERAGE = "retainer_overage", "Retainer overage"
    CHANGE_ORDER = "change_order", "Change order"
    MANUAL = "manual", "Manual"
    DISCOUNT = "discount", "Discount"
    CREDIT = "credit", "Credit"


class InvoiceLineQuerySet(TenantQuerySet):
    def update(self, **kwargs):
        from timeledger.billing.guards import check_lines_bulk_write

        check_lines_bulk_write(self)
        return super().update(**kwargs)

    def delete(self):
        from timeledger.billing.guards import check_lines_bulk_write

        check_lines_bulk_write(self)
        return super().delete()


class InvoiceLine(TenantModel):
    """One line: ``quantity × unit_price = net_amount`` (net rounded to the minor unit once)."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=LineKind.choices, default=LineKind.MANUAL)
    description = models.CharField(max_length=500)
    quantity = models.DecimalField(max_digits=14, decimal_places=4, default=Decimal(1))
    unit = models.CharField(max_length=10, default="h")
    unit_price = models.DecimalField(max_digits=14, decimal_places=4, default=ZERO)
    net_amount = models.DecimalField(max_digits=14, decimal_places=2, default=ZERO)
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
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.description

    def save(self, *args, **kwargs):
        from timeledger.billing.guards import check_line_write

        check_line_write(self)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        from timeledger.billing.guards import check_line_write

        check_line_write(self)
        return super().delete(*args, **kwargs)


class BillingRun(TenantModel):
    """One run of the billing engine: what it was asked, what it made."""

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    up_to = models.DateField()
    dry_run = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    projects_billed = models.PositiveIntegerField(default=0)
    invoices_created = models.PositiveIntegerField(default=0)
    entries_billed = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    net_total = models.DecimalField(max_digits=16, decimal_places=2, default=ZERO)
    summary = models.JSONField(
        default=dict, blank=True, help_text="Per project: what was (or would be) billed."
    )
    # A run killed outright (SIGKILL, OOM, a lost container) cannot mark itself failed; it beats
    # instead, at the start and inside every batch's transaction, so a reader knows it is alive
    # and how many batches survived it. ``services.fail_stale_runs`` fails the silent ones.
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="Last sign of life: the start or a committed batch."
    )
    batches_committed = models.PositiveIntegerField(
        default=0,
        help_text="Batches committed so far (a batch retried project by project: each project).",
    )

    def __str__(self) -> str:
        return f"Billing run {self.pk} up to {self.up_to}"

    @staticmethod
    def stale_before(now: dt.datetime) -> dt.datetime:
        """A running run silent since before this instant is dead
        (``BILLING_RUN_STALE_AFTER_MINUTES``; it must exceed the longest batch)."""
        return now - dt.timedelta(minutes=settings.BILLING_RUN_STALE_AFTER_MINUTES)

    @property
    def last_sign_of_life(self) -> dt.datetime:
        return self.heartbeat_at or self.created_at  # rows from before heartbeats: the start

    def is_stale_at(self, now: dt.datetime) -> bool:
        return self.status == self.Status.RUNNING and self.last_sign_of_life < self.stale_before(
            now
        )

    @property
    def is_stale(self) -> bool:
        """Still ``running`` but silent for longer than the threshold: the process died."""
        return self.is_stale_at(timezone.now())


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
        ordering = ["next_run", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(unit_price__gte=0), name="schedule_price_gte_0"),
        ]

    def __str__(self) -> str:
        return self.name


class Trigger(models.TextChoices):
    SCHEDULE = "schedule", "On a schedule"
    MILESTONE = "milestone", "When a milestone is complete (or a % is reached)"
    HYBRID = "hybrid", "Hybrid: a milestone unlocks the invoice, hours fill it"
    MANUAL = "manual", "Whenever a billing run is made"


class ScheduleFrequency(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    BIWEEKLY = "biweekly", "Every two weeks"
    SEMI_MONTHLY = "semi_monthly", "Twice a month (15th and month end)"
    MONTHLY = "monthly", "Monthly on day N"
    PERIOD_END = "period_end", "At month end"


class BillingSchedule(TenantModel):
    """How and when one project is billed: trigger, period, line grouping, reconciliation threshold.

    A project without a schedule is billed by every run (trigger ``manual``), grouped by phase.
    ``billed_through`` is the cut-off of the last run that billed it: a scheduled project is due
    again once a later period end has passed (see ``billing.rules.period_end_on_or_before``).
    """

    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, related_name="billing_schedule"
    )
    trigger = models.CharField(max_length=10, choices=Trigger.choices, default=Trigger.SCHEDULE)
    frequency = models.CharField(
        max_length=12, choices=ScheduleFrequency.choices, default=ScheduleFrequency.PERIOD_END
    )
    day_of_month = models.PositiveSmallIntegerField(
        default=31, help_text="Monthly: the period ends on this day (31 = the last day)."
    )
    weekday = models.PositiveSmallIntegerField(
        default=7, help_text="Weekly: ISO weekday the period ends on (7 = Sunday)."
    )
    anchor_date = models.DateField(
        null=True, blank=True, help_text="Every two weeks: the first day of a period."
    )
    grouping = models.CharField(
        max_length=10, choices=LineGrouping.choices, default=LineGrouping.PHASE
    )
    include_timesheet = models.BooleanField(default=False)
    reconciliation_threshold = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("10.00"),
        help_text="Hold a draft when the billed share and % complete differ by more points.",
    )
    billed_through = models.DateField(null=True, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(day_of_month__gte=1) & Q(day_of_month__lte=31),
                name="schedule_day_1_31",
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=1) & Q(weekday__lte=7), name="schedule_weekday_1_7"
            ),
            models.CheckConstraint(
                condition=Q(reconciliation_threshold__gte=0) & Q(reconciliation_threshold__lte=100),
                name="schedule_threshold_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.get_trigger_display()}"


class MilestoneRelease(TenantModel):
    """A billed slice of a milestone, from one % to another, claimed by one invoice line.

    Releases of a milestone form a chain 0 → a → b → … ≤ 100. Each starting point and each end
    point can be claimed once (unique constraints), so two runs racing on the same milestone cannot
    both bill the same slice; deleting a draft deletes its release (the slice is unbilled again).
    """

    milestone = models.ForeignKey(
        "projects.Milestone", on_delete=models.PROTECT, related_name="releases"
    )
    from_percent = models.DecimalField(max_digits=5, decimal_places=2)
    to_percent = models.DecimalField(max_digits=5, decimal_places=2)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    invoice_line = models.OneToOneField(
        InvoiceLine, on_delete=models.CASCADE, related_name="milestone_release"
    )

    class Meta:
        ordering = ["milestone_id", "from_percent"]
        constraints = [
            models.UniqueConstraint(
                fields=["milestone", "from_percent"], name="release_unique_start"
            ),
            models.UniqueConstraint(fields=["milestone", "to_percent"], name="release_unique_end"),
            models.CheckConstraint(
                condition=Q(from_percent__gte=0)
                & Q(to_percent__gt=models.F("from_percent"))
                & Q(to_percent__lte=100),
                name="release_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.milestone_id}: {self.from_percent}% → {self.to_percent}%"
