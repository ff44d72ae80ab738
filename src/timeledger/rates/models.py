"""Rates: hourly billing prices and internal costs, at seven levels, with effective dates."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce

from timeledger.core.models import TenantModel
from timeledger.core.money import CURRENCY_CHOICES, format_money
from timeledger.rates.rules import describe


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
    amount = models.DecimalField(max_digits=13, decimal_places=3, validators=[MinValueValidator(0)])
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES)
    effective_from = models.DateField()
    label = models.CharField(
        max_length=100, blank=True, help_text="Quoted in explanations; empty: the scope's name."
    )
    # The explanation ("task rate 'Architecture' 150.00 EUR, effective 2026-01-01"), written by
    # rates.services on every save so the set-based lock can copy it onto entries in SQL.
    source = models.CharField(max_length=200, blank=True, editable=False)
    # The next version's effective_from at the same level, scope, kind and currency (empty: open
    # ended). Derived data, refreshed set-based by rates.locking before every lock; it lets the
    # lock join each level on a date interval instead of searching for the newest version per row.
    valid_until = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["level", "-effective_from"]
        indexes = [
            models.Index(fields=["organisation", "kind", "level", "effective_from"]),
            models.Index(fields=["task", "kind", "effective_from"], name="rate_task_idx"),
            models.Index(fields=["project", "kind", "effective_from"], name="rate_project_idx"),
            models.Index(fields=["member", "kind", "effective_from"], name="rate_member_idx"),
            models.Index(fields=["client", "kind", "effective_from"], name="rate_client_idx"),
            models.Index(fields=["job_role", "kind", "effective_from"], name="rate_role_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="rate_amount_gte_0"),
            # One version per level, scope, kind, currency and date: a second one would overlap.
            # Empty scope ids are coalesced to 0 because NULLs never collide in a unique index.
            models.UniqueConstraint(
                F("organisation"),
                F("kind"),
                F("level"),
                F("currency"),
                Coalesce("job_role", Value(0)),
                Coalesce("member", Value(0)),
                Coalesce("client", Value(0)),
                Coalesce("project", Value(0)),
                Coalesce("task", Value(0)),
                F("effective_from"),
                name="rate_one_version_per_scope_and_date",
            ),
            models.CheckConstraint(
                condition=(
                    Q(level="organisation", job_role__isnull=True, member__isnull=True)
                    | Q(level="role", job_role__isnull=False, member__isnull=True)
                    | Q(level="member", job_role__isnull=True, member__isnull=False)
                    | Q(level="project_member", job_role__isnull=True, member__isnull=False)
                    | Q(level__in=["client", "project", "task"], job_role__isnull=True)
                    & Q(member__isnull=True)
                ),
                name="rate_person_scope_matches_level",
            ),
            models.CheckConstraint(
                condition=(
                    Q(level__in=["organisation", "role", "member"])
                    & Q(client__isnull=True, project__isnull=True, task__isnull=True)
                    | Q(
                        level="client",
                        client__isnull=False,
                        project__isnull=True,
                        task__isnull=True,
                    )
                    | Q(level__in=["project", "project_member"])
                    & Q(client__isnull=True, project__isnull=False, task__isnull=True)
                    | Q(level="task", client__isnull=True, project__isnull=True, task__isnull=False)
                ),
                name="rate_work_scope_matches_level",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_level_display()} {format_money(self.amount, self.currency, price=True)} "
            f"{self.currency} from {self.effective_from}"
        )

    def scope_name(self) -> str:
        """The name of what the rate is for (task, project, client, member, role), or ''."""
        if self.level == RateLevel.TASK and self.task_id:
            return self.task.name
        if self.level == RateLevel.PROJECT_MEMBER and self.project_id and self.member_id:
            return f"{self.member} on {self.project.code}"
        if self.level == RateLevel.PROJECT and self.project_id:
            return self.project.code
        if self.level == RateLevel.CLIENT and self.client_id:
            return self.client.name
        if self.level == RateLevel.MEMBER and self.member_id:
            return str(self.member)
        if self.level == RateLevel.ROLE and self.job_role_id:
            return self.job_role.name
        return ""

    def save(self, *args, **kwargs):
        # The label defaults to the scope's name and the explanation is kept beside the row, so
        # the set-based lock copies the very text rates.rules would write (see rates.locking).

        if not self.label:
            self.label = self.scope_name()[:100]
        self.source = describe(
            self.level, self.label, self.amount, self.currency, self.effective_from
        )[:200]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "label", "source"}
        super().save(*args, **kwargs)
