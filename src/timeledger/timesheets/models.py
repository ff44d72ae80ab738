"""Time entries and timers.

A timer is a time entry with a start and no end; at most one runs per member (a partial unique
index, so the database holds the rule even under concurrent requests).
"""

from django.db import models
from django.db.models import Q

from timeledger.core.models import TenantModel
from timeledger.core.money import CURRENCY_CHOICES

MAX_ENTRY_SECONDS = 24 * 3600


class EntryStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    INVOICED = "invoiced", "Invoiced"
    REJECTED = "rejected", "Rejected"


class TimeEntry(TenantModel):
    """Who worked on what, when, for how long, billable or not, at which frozen rate.

    ``date`` is the member's local date. Start–end entries store both instants in UTC; duration
    entries have no instants. ``seconds`` is what was logged, ``billable_seconds`` what the rounding
    rule makes of it. Rate, currency and amount are a snapshot, frozen when ``rate_locked_at`` is set.
    An entry is unbilled iff ``invoice_line`` is null.
    """

    # Indexes: every index is rewritten by each non-HOT update (approval, rate lock and billing
    # each write every row once), so the table carries only the ones queries use — see Meta.
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    member = models.ForeignKey(
        "accounts.Member", on_delete=models.PROTECT, related_name="entries", db_index=False
    )
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    project = models.ForeignKey(
        "projects.Project", on_delete=models.PROTECT, related_name="entries", db_index=False
    )
    task = models.ForeignKey(
        "projects.Task",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
        db_index=False,
    )
    date = models.DateField()
    start = models.DateTimeField(null=True, blank=True)
    end = models.DateTimeField(null=True, blank=True)
    seconds = models.PositiveIntegerField(default=0)
    billable_seconds = models.PositiveIntegerField(default=0)
    is_billable = models.BooleanField()
    description = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=EntryStatus.choices, default=EntryStatus.DRAFT)
    status_note = models.TextField(blank=True, help_text="Reason given on rejection.")

    rate_override = models.DecimalField(
        max_digits=13,
        decimal_places=3,
        null=True,
        blank=True,
        help_text="Per-entry billing rate; only managers may set it.",
    )
    rate = models.DecimalField(max_digits=13, decimal_places=3, null=True, blank=True)
    cost_rate = models.DecimalField(max_digits=13, decimal_places=3, null=True, blank=True)
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES, blank=True)
    amount = models.DecimalField(max_digits=15, decimal_places=3, null=True, blank=True)
    rate_source = models.CharField(max_length=200, blank=True)
    rate_locked_at = models.DateTimeField(null=True, blank=True)
    needs_acceptance = models.BooleanField(
        default=False, help_text="Above a not-to-exceed cap: not billable until a manager accepts."
    )

    invoice_line = models.ForeignKey(
        "invoicing.InvoiceLine",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entries",
        db_index=False,
    )

    class Meta:
        ordering = ["-date", "-start", "-id"]
        verbose_name_plural = "time entries"
        # Three full indexes and three partial ones (was eleven full ones): a member's entries by
        # date (week views, member deletion's PROTECT check), a project's entries by date
        # (project pages, approval and billing scopes: ``project_id IN … AND status = …`` reads
        # the project's rows, nearly all of which qualify), the organisation's entries by date
        # (tenant-wide lists and reports), and four partial ones that cost nothing for the rows
        # they leave out: tasks (most entries have none), invoice lines (approval and rate
        # locking only ever write unbilled rows), entries a cap holds back, and approved entries
        # not frozen yet (approval freezes as it approves, so its rows leave it). Status is in no
        # index key, only in that condition — which makes a status change a non-HOT update; the
        # bulk ones were anyway (full pages: 0 HOT updates in the large workload's approval of
        # 1,000,000 entries, BENCHMARKS.md "Pipeline"). No query filters entries by client
        # alone; only deleting a client (PROTECT, rare) scans the table for it.
        indexes = [
            models.Index(fields=["member", "date"], name="entry_member_date"),
            models.Index(fields=["project", "date"], name="entry_project_date"),
            models.Index(fields=["organisation", "date"], name="entry_org_date"),
            models.Index(fields=["task"], name="entry_task", condition=Q(task__isnull=False)),
            models.Index(
                fields=["invoice_line"],
                name="entry_invoice_line",
                condition=Q(invoice_line__isnull=False),
            ),
            # Entries the not-to-exceed cap holds back (few: only capped projects have them),
            # which every billing run and preview lists (``billing.engine.sql.held_back``).
            models.Index(
                fields=["project", "date"],
                name="entry_held_back",
                condition=Q(needs_acceptance=True, invoice_line__isnull=True),
            ),
            # Approved entries whose rate is not frozen yet (none, usually: approval freezes
            # it), which every billing run and preview freezes first (``strategies.time.
            # lock_rates``): without it, checking that there are none scanned the table.
            models.Index(
                fields=["project", "date"],
                name="entry_approved_unfrozen",
                condition=Q(
                    status=EntryStatus.APPROVED,
                    rate_locked_at__isnull=True,
                    invoice_line__isnull=True,
                ),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(start__isnull=False, end__isnull=True),
                name="one_running_timer_per_member",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=False, end__gt=models.F("start")),
                name="entry_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(seconds__lte=MAX_ENTRY_SECONDS), name="entry_at_most_24h"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.member} {self.project.code} {self.seconds // 60} min"

    @property
    def is_running(self) -> bool:
        return self.start is not None and self.end is None

    @property
    def is_grid_adjustable(self) -> bool:
        """Whether the weekly grid may change this entry: a duration entry (no start–end) that
        is still a draft or rejected and not on an invoice line."""
        return (
            self.start is None
            and self.status in (EntryStatus.DRAFT, EntryStatus.REJECTED)
            and self.invoice_line_id is None
        )

    @property
    def is_rate_locked(self) -> bool:
        return self.rate_locked_at is not None


class ReminderKind(models.TextChoices):
    MISSING_TIME = "missing_time", "Missing time"
    PENDING_APPROVAL = "pending_approval", "Pending approval"


class ReminderLog(TenantModel):
    """One reminder sent to one member for one period (a date or an ISO week, e.g. ``2026-W47``).

    The unique constraint is what makes reminders idempotent: a sender claims the row before it
    sends, so a second tick (or a second worker racing the first) finds it taken and sends nothing.
    """

    member = models.ForeignKey("accounts.Member", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    period = models.CharField(max_length=10)
    sent_at = models.DateTimeField(auto_now_add=True)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "kind", "period"], name="reminder_once_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period} → {self.member}"
