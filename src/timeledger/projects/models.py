"""Projects, phases (deliverables), tasks, milestones and change orders."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from timeledger.accounts.models import ROUNDING_INCREMENTS, RoundingMode
from timeledger.clients.models import code_validator
from timeledger.core.models import TenantModel

percent = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]
non_negative = [MinValueValidator(Decimal(0))]


class BillingModel(models.TextChoices):
    HOURLY = "hourly", "Hourly (time & materials)"
    FIXED_FEE = "fixed_fee", "Fixed fee"
    MILESTONE = "milestone", "Milestones"
    RETAINER = "retainer", "Retainer"
    HYBRID = "hybrid", "Hybrid (milestones + hours)"
    NON_BILLABLE = "non_billable", "Non-billable / internal"


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    ACTIVE = "active", "Active"
    ON_HOLD = "on_hold", "On hold"
    CLOSED = "closed", "Closed"


class Project(TenantModel):
    """Work for one client, billed by one billing model."""

    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="projects")
    code = models.CharField(max_length=40, validators=[code_validator])
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    billing_model = models.CharField(
        max_length=20, choices=BillingModel.choices, default=BillingModel.HOURLY
    )
    status = models.CharField(
        max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE
    )
    is_archived = models.BooleanField(default=False)
    lead = models.ForeignKey(
        "accounts.Member",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_projects",
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    budget_hours = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, validators=non_negative
    )
    budget_amount = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, validators=non_negative
    )
    estimate_hours = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, validators=non_negative
    )
    estimate_amount = models.DecimalField(
        "estimate / SOW amount",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=non_negative,
    )
    fixed_fee = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, validators=non_negative
    )
    rounding_increment = models.PositiveSmallIntegerField(
        choices=ROUNDING_INCREMENTS, null=True, blank=True, help_text="Empty: the organisation's."
    )
    rounding_mode = models.CharField(
        max_length=10,
        choices=RoundingMode.choices,
        blank=True,
        help_text="Empty: the organisation's.",
    )
    default_tax_category = models.ForeignKey(
        "billing.TaxCategory", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="project_unique_code"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="project_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def currency(self) -> str:
        return self.client.currency

    @property
    def is_open_for_time(self) -> bool:
        return not self.is_archived and self.status in (ProjectStatus.ACTIVE, ProjectStatus.PLANNED)


class Phase(TenantModel):
    """A phase or deliverable: a group of tasks; invoices group lines by it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    estimate_hours = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, validators=non_negative
    )
    is_archived = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class TaskStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class Task(TenantModel):
    """A unit of work. Its billable flag is copied onto every entry logged against it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tasks")
    phase = models.ForeignKey(
        Phase, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    name = models.CharField(max_length=200)
    is_billable = models.BooleanField(default=True)
    status = models.CharField(max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    percent_complete = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal(0), validators=percent
    )
    estimate_hours = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, validators=non_negative
    )
    is_archived = models.BooleanField(default=False)

    class Meta:
        ordering = ["phase__position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent_complete__gte=0) & models.Q(percent_complete__lte=100),
                name="task_percent_0_100",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MilestoneStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"


class Milestone(TenantModel):
    """An agreed value tied to a deliverable; completing it (or a % of it) makes it billable."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    phase = models.ForeignKey(
        Phase, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=200)
    value = models.DecimalField(max_digits=14, decimal_places=2, validators=non_negative)
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=MilestoneStatus.choices, default=MilestoneStatus.PENDING
    )
    percent_complete = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal(0), validators=percent
    )
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent_complete__gte=0) & models.Q(percent_complete__lte=100),
                name="milestone_percent_0_100",
            ),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="milestone_value_gte_0"),
        ]

    def __str__(self) -> str:
        return self.name


class ChangeOrderStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class ChangeOrder(TenantModel):
    """A scope change: amends the budget when approved and waits as its own invoice line."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="change_orders")
    description = models.TextField()
    hours = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal(0))
    amount = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal(0))
    status = models.CharField(
        max_length=10, choices=ChangeOrderStatus.choices, default=ChangeOrderStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    invoice_line = models.OneToOneField(
        "billing.InvoiceLine",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="change_order",
    )

    def __str__(self) -> str:
        return self.description[:60]


# --- billing terms, budgets, retainers (projects.contracts / contract_rules / budgets) ----------


DEFAULT_ALERT_THRESHOLDS = "80,100"


class ProjectTerms(TenantModel):
    """How a project is billed beyond its billing model: the not-to-exceed cap of hourly T&M and
    the budget alert thresholds (percent of the budget, comma-separated; default 80 and 100)."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="terms")
    cap_amount = models.DecimalField(
        "not-to-exceed amount",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=non_negative,
    )
    cap_hours = models.DecimalField(
        "not-to-exceed hours",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=non_negative,
    )
    alert_thresholds = models.CharField(max_length=60, default=DEFAULT_ALERT_THRESHOLDS)

    class Meta:
        verbose_name_plural = "project terms"

    def __str__(self) -> str:
        return f"terms of {self.project_id}"


class CapAcceptance(TenantModel):
    """A manager accepted an entry logged above the not-to-exceed cap: it may be billed."""

    entry = models.OneToOneField(
        "timesheets.TimeEntry", on_delete=models.CASCADE, related_name="cap_acceptance"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"accepted overrun of entry {self.entry_id}"


class BudgetMetric(models.TextChoices):
    HOURS = "hours", "Hours"
    AMOUNT = "amount", "Money"


class BudgetAlert(TenantModel):
    """A budget threshold crossed. One row per project, metric and threshold: the unique
    constraint makes the alert (and its e-mail) happen once per crossing, whoever checks first."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_alerts")
    metric = models.CharField(max_length=10, choices=BudgetMetric.choices)
    threshold = models.PositiveSmallIntegerField()
    used = models.DecimalField(max_digits=14, decimal_places=2)
    budget = models.DecimalField(max_digits=14, decimal_places=2)
    notified_to = models.EmailField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "metric", "threshold"], name="budget_alert_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.metric} {self.threshold}%"


class PaymentInstalment(TenantModel):
    """One part of a fixed fee's payment schedule. The amounts of a project's instalments add up
    exactly to its fee (``contract_rules.instalment_amounts``); billed once, via ``invoice_line``."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="instalments")
    position = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=200)
    due_date = models.DateField()
    percent = models.DecimalField(max_digits=6, decimal_places=2, validators=percent)
    amount = models.DecimalField(max_digits=14, decimal_places=2, validators=non_negative)
    invoice_line = models.OneToOneField(
        "billing.InvoiceLine",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="instalment",
    )

    class Meta:
        ordering = ["project", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "position"], name="instalment_unique_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.amount})"


class RetainerPeriodKind(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"


class Retainer(TenantModel):
    """A recurring fee covering an allocation of hours per period; hours beyond it are overage,
    billed at ``overage_rate`` and flagged once usage reaches ``warn_percent`` before the period
    closes. With ``rollover`` unused hours carry into the next period."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="retainer")
    period = models.CharField(
        max_length=10, choices=RetainerPeriodKind.choices, default=RetainerPeriodKind.MONTHLY
    )
    starts_on = models.DateField()
    fee = models.DecimalField(max_digits=14, decimal_places=2, validators=non_negative)
    included_hours = models.DecimalField(max_digits=10, decimal_places=2, validators=non_negative)
    overage_rate = models.DecimalField(max_digits=12, decimal_places=2, validators=non_negative)
    rollover = models.BooleanField(default=False)
    warn_percent = models.PositiveSmallIntegerField(default=90, validators=percent)

    def __str__(self) -> str:
        return f"retainer of {self.project_id}"


class RetainerPeriod(TenantModel):
    """One period of a retainer: its allowance (included + carried-in hours), the overage flag,
    and the invoice lines that billed its fee and its overage (each at most once)."""

    retainer = models.ForeignKey(Retainer, on_delete=models.CASCADE, related_name="periods")
    start = models.DateField()
    end = models.DateField()
    carried_in_hours = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal(0))
    overage_flagged_at = models.DateTimeField(null=True, blank=True)
    fee_invoice_line = models.OneToOneField(
        "billing.InvoiceLine", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    overage_invoice_line = models.OneToOneField(
        "billing.InvoiceLine", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["retainer", "start"]
        constraints = [
            models.UniqueConstraint(fields=["retainer", "start"], name="retainer_period_once"),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="retainer_period_end"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start}–{self.end}"
