"""Projects, phases (deliverables), tasks, milestones and change orders."""

from decimal import Decimal

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
    project_type = models.CharField(
        max_length=60,
        blank=True,
        help_text='What kind of work, e.g. "web shop", "migration", "support": estimate vs '
        "actual is compared per type.",
    )
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
        max_digits=15, decimal_places=3, null=True, blank=True, validators=non_negative
    )
    estimate_hours = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, validators=non_negative
    )
    estimate_amount = models.DecimalField(
        "estimate / SOW amount",
        max_digits=15,
        decimal_places=3,
        null=True,
        blank=True,
        validators=non_negative,
    )
    fixed_fee = models.DecimalField(
        max_digits=15, decimal_places=3, null=True, blank=True, validators=non_negative
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
        "invoicing.TaxCategory", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_open_to_all = models.BooleanField(
        "open to everyone",
        default=False,
        help_text="Every member may log time on it, not only its team.",
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


class Assignment(TenantModel):
    """A member on a project's team: they may log time on it (the project lead always may)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="assignments")
    member = models.ForeignKey(
        "accounts.Member", on_delete=models.CASCADE, related_name="assignments"
    )

    class Meta:
        ordering = ["project", "member"]
        constraints = [
            models.UniqueConstraint(fields=["project", "member"], name="assignment_unique_member")
        ]

    def __str__(self) -> str:
        return f"{self.member} on {self.project.code}"


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
    value = models.DecimalField(max_digits=15, decimal_places=3, validators=non_negative)
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
