"""Contracts: how a project is billed beyond its billing model — not-to-exceed caps and their
acceptances, change orders, fixed-fee instalments, retainers and their periods, budget alerts."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from timeledger.core.models import TenantModel
from timeledger.core.money import format_money
from timeledger.projects.models import Project, percent

non_negative = [MinValueValidator(Decimal(0))]


class ChangeOrderStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class ChangeOrder(TenantModel):
    """A scope change: amends the budget when approved and waits as its own invoice line."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="change_orders")
    description = models.TextField()
    hours = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal(0))
    amount = models.DecimalField(max_digits=15, decimal_places=3, default=Decimal(0))
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
        "invoicing.InvoiceLine",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="change_order",
    )

    class Meta:
        # Moved from the projects app; the table keeps its name.
        db_table = "projects_changeorder"

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
        max_digits=15,
        decimal_places=3,
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
        # Moved from the projects app; the table keeps its name.
        db_table = "projects_projectterms"
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

    class Meta:
        # Moved from the projects app; the table keeps its name.
        db_table = "projects_capacceptance"

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
    used = models.DecimalField(max_digits=15, decimal_places=3)
    budget = models.DecimalField(max_digits=15, decimal_places=3)
    notified_to = models.EmailField(blank=True)

    class Meta:
        # Moved from the projects app; the table keeps its name.
        db_table = "projects_budgetalert"
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
    amount = models.DecimalField(max_digits=15, decimal_places=3, validators=non_negative)
    invoice_line = models.OneToOneField(
        "invoicing.InvoiceLine",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="instalment",
    )

    class Meta:
        # Moved from the projects app; the table keeps its name.
        db_table = "projects_paymentinstalment"
        ordering = ["project", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "position"], name="instalment_unique_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} ({format_money(self.amount, self.project.currency)})"


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
    fee = models.DecimalField(max_digits=15, decimal_places=3, validators=non_negative)
    included_hours = models.DecimalField(max_digits=10, decimal_places=2, validators=non_negative)
    overage_rate = models.DecimalField(max_digits=13, decimal_places=3, validators=non_negative)
    rollover = models.BooleanField(default=False)
    warn_percent = models.PositiveSmallIntegerField(default=90, validators=percent)

    class Meta:
        # Moved from the projects app; the table keeps its name.
        db_table = "projects_retainer"

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
        "invoicing.InvoiceLine", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    overage_invoice_line = models.OneToOneField(
        "invoicing.InvoiceLine", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        # Moved from the projects app; the table keeps its name.
        db_table = "projects_retainerperiod"
        ordering = ["retainer", "start"]
        constraints = [
            models.UniqueConstraint(fields=["retainer", "start"], name="retainer_period_once"),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="retainer_period_end"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start}–{self.end}"
