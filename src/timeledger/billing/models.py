"""Billing runs, billing schedules and milestone releases: how work becomes draft invoices.

The invoices themselves live in ``invoicing``; the engine fills them (``billing.engine``).
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from timeledger.core.models import TenantModel
from timeledger.invoicing.models import InvoiceLine, InvoiceStatus, LineGrouping

ZERO = Decimal("0.00")


class RunKind(models.TextChoices):
    NORMAL = "normal", "Billing run"
    FINAL = "final", "Final invoice of a project"


class BillingRun(TenantModel):
    """One run of the billing engine: what it was asked, what it made."""

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=RunKind.choices, default=RunKind.NORMAL)
    up_to = models.DateField()
    dry_run = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    projects_billed = models.PositiveIntegerField(default=0)
    invoices_created = models.PositiveIntegerField(default=0)
    entries_billed = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    totals = models.JSONField(
        default=dict,
        blank=True,
        help_text="Net billed per currency, {currency: amount}: never summed across currencies.",
    )
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
    batches_total = models.PositiveIntegerField(
        default=0,
        help_text="A run shared by workers: its number of batches (``BillingBatch``); 0 in-process.",
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


class BillingBatch(TenantModel):
    """One slice of a run shared by Celery workers: some of the run's due projects (one
    organisation, ``project_ids`` in id order), billed by exactly one worker in one transaction.

    A worker *claims* a batch with a conditional ``UPDATE`` (``pending``, or ``running`` with an
    expired lease) after ``SELECT … FOR UPDATE SKIP LOCKED``, then bills it in a transaction that
    holds the batch row locked and ends by setting it ``done`` with its results: the claim and
    the billing commit together or not at all. A worker that dies mid-batch rolls its transaction
    back; once the lease expires another worker takes the batch again (``attempts`` counts the
    tries). A live worker's batch is never taken (its row is locked, the claim skips it). See
    ``billing.engine.shared``.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a worker"
        RUNNING = "running", "Claimed by a worker"
        DONE = "done", "Billed"
        FAILED = "failed", "Given up"

    run = models.ForeignKey(BillingRun, on_delete=models.CASCADE, related_name="batches")
    position = models.PositiveIntegerField()
    project_ids = models.JSONField(default=list)
    named = models.BooleanField(
        default=False, help_text="The run named its projects: billed whether due or not."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    lease_token = models.CharField(max_length=32, blank=True)
    leased_until = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=200, blank=True, help_text="host and pid of the claim")
    attempts = models.PositiveSmallIntegerField(default=0)
    results = models.JSONField(default=list, blank=True, help_text="Per project, as in a run.")
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["run_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["run", "position"], name="billing_batch_position"),
        ]
        indexes = [models.Index(fields=["run", "status"], name="billing_batch_run_status")]

    def __str__(self) -> str:
        return f"Run {self.run_id} batch {self.position} ({self.status})"


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


def release_or_refuse(collector, field, sub_objs, using):
    """``on_delete`` of a release's invoice line: deleting the line (or its draft) deletes the
    slice, which is unbilled again, unless a later slice of the same milestone, billed on a line
    that stays, builds on it: that would leave a gap in the chain 0 → a → b."""
    releases = list(sub_objs)
    going = {r.pk for r in releases}
    for release in releases:
        later = MilestoneRelease.objects.filter(
            milestone_id=release.milestone_id, from_percent__gte=release.to_percent
        ).exclude(pk__in=going)
        if later.exists():
            raise ValidationError(
                {
                    "line": [
                        f"Milestone {release.milestone} was billed further on a later invoice; "
                        "delete that draft (or credit that invoice) first."
                    ]
                }
            )
    models.CASCADE(collector, field, sub_objs, using)


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
        InvoiceLine, on_delete=release_or_refuse, related_name="milestone_release"
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


def drop_unless_applied(collector, field, sub_objs, using):
    """``on_delete`` of a carry-forward's source invoice: deleting the source draft deletes a
    carry-forward that still waits, but is refused while a later invoice credits it (that credit
    would point at nothing). Whoever deletes the draft, the data refuses."""
    applied = [cf for cf in sub_objs if cf.applied_line is not None]
    if applied:
        raise ValidationError(
            {
                "invoice": [
                    "Its carried-forward under-run is credited on "
                    f"{applied[0].applied_line.invoice}; remove that line (or delete that draft) "
                    "first."
                ]
            }
        )
    models.CASCADE(collector, field, sub_objs, using)


class CarryForward(TenantModel):
    """An under-run carried forward: the unused estimate of a closed project, credited on the
    project's next invoice — once.

    Made on the *source* invoice when a finance person settles its under-run by carrying it
    forward (``billing.services.settle_underrun``); the source invoice carries one at most. The
    next billing run that bills the project takes it whole as a negative line on its draft
    ("Carried forward from invoice …", ``billing.engine.strategies.carry_forwards``), if the draft's net
    covers it; otherwise it waits for a later invoice. ``invoice_line`` is the claim: set once by
    a conditional ``UPDATE`` that re-checks ``WAITING``, and unique, so two runs or two drafts
    never both take it. Deleting that line or its draft sets it back to null, and voiding the
    invoice that took it leaves a line that credited nothing: either way the amount waits for the
    next draft again. A source draft cannot be deleted while its carry-forward sits on another
    invoice.
    """

    # Not taken yet, or taken only by an invoice voided since.
    WAITING = Q(invoice_line__isnull=True) | Q(invoice_line__invoice__status=InvoiceStatus.VOID)

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="carry_forwards"
    )
    source_invoice = models.OneToOneField(
        "invoicing.Invoice", on_delete=drop_unless_applied, related_name="carry_forward"
    )
    amount = models.DecimalField(max_digits=15, decimal_places=3)
    currency = models.CharField(max_length=3)
    invoice_line = models.OneToOneField(
        InvoiceLine,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carry_forward",
        help_text="The line on the later invoice that credits it; empty while it waits.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="carry_forward_amount_gt_0"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.amount} {self.currency} carried forward from invoice {self.source_invoice_id}"
        )

    @property
    def applied_line(self):
        """The line that credits it on a later invoice that is not void, else None (waiting)."""
        line = self.invoice_line
        if line is None or line.invoice.status == InvoiceStatus.VOID:
            return None
        return line
