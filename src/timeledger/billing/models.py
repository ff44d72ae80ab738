"""Billing runs, billing schedules and milestone releases: how work becomes draft invoices.

The invoices themselves live in ``invoicing``; the engine fills them (``billing.engine``).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from timeledger.core.models import TenantModel
from timeledger.invoicing.models import InvoiceLine, LineGrouping

ZERO = Decimal("0.00")


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
    net_total = models.DecimalField(max_digits=17, decimal_places=3, default=ZERO)
    summary = models.JSONField(
        default=dict, blank=True, help_text="Per project: what was (or would be) billed."
    )

    def __str__(self) -> str:
        return f"Billing run {self.pk} up to {self.up_to}"


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
    amount = models.DecimalField(max_digits=15, decimal_places=3)
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
