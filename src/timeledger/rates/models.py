"""Rates: hourly billing prices and internal costs, at seven levels, with effective dates."""

from django.core.validators import MinValueValidator
from django.db import models

from timeledger.core.models import TenantModel
from timeledger.core.money import CURRENCY_CHOICES


class RateKind(models.TextChoices):
    BILLING = "billing", "Billing rate"
    COST = "cost", "Internal cost rate"


class RateLevel(models.TextChoices):
    """From least to most specific (see ``rates.rules`` for the precedence)."""

    ORGANISATION = "organisation", "Organisation default"
    ROLE = "role", "Job role"
    MEMBER = "member", "Member"
    CLIENT = "client", "Client"
    PROJECT = "project", "Project"
    PROJECT_MEMBER = "project_member", "Member on project"
    TASK = "task", "Task"


class Rate(TenantModel):
    """An hourly amount in force from ``effective_from`` until the next version at the same scope."""

    kind = models.CharField(max_length=10, choices=RateKind.choices, default=RateKind.BILLING)
    level = models.CharField(max_length=20, choices=RateLevel.choices)
    job_role = models.ForeignKey(
        "accounts.JobRole", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    member = models.ForeignKey(
        "accounts.Member", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    client = models.ForeignKey(
        "clients.Client", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    project = models.ForeignKey(
        "projects.Project", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    task = models.ForeignKey(
        "projects.Task", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    amount = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES)
    effective_from = models.DateField()
    label = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["level", "-effective_from"]
        indexes = [models.Index(fields=["organisation", "kind", "level", "effective_from"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="rate_amount_gte_0"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_level_display()} {self.amount} {self.currency} from {self.effective_from}"
        )
