"""Estimates: a quote to a client, in phases of lines, accepted or declined on the client link.

The estimate's figures are computed by ``rules`` from its lines (hours × rate rounded once per
line; fixed items as written); optional lines count only when the client chose them. On
acceptance the project gets the budget, phases and tasks and the terms it states
(``services.accept``), and each ``EstimatePhase`` remembers the project phase it became, the
baseline of estimate vs actual.
"""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from timeledger.core.models import TenantModel
from timeledger.core.money import CURRENCY_CHOICES


class EstimateStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    EXPIRED = "expired", "Expired"
    SUPERSEDED = "superseded", "Superseded by a newer version"


class EstimateTerms(models.TextChoices):
    """How the accepted work is billed (the project's billing model and terms)."""

    TIME_AND_MATERIALS = "hourly", "Time & materials, capped at the estimate"
    FIXED_FEE = "fixed_fee", "Fixed fee in instalments"
    MILESTONES = "milestone", "A milestone per phase"


def _token() -> str:
    return secrets.token_urlsafe(24)


class Estimate(TenantModel):
    """One version of a quote. Versions of the same quote share ``number`` (taken, gap-free in
    the organisation's ``EST`` series, when the first version is sent) and link to the version
    they revise; sending a new version supersedes the one sent before."""

    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+")
    project = models.ForeignKey(
        "projects.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The project it updates; empty: accepting creates one.",
    )
    project_code = models.CharField(max_length=40, blank=True)
    project_type = models.CharField(
        max_length=60,
        blank=True,
        help_text="The kind of work (as on projects): the measured factor of past completed "
        "projects of this type is offered for the hours.",
    )
    applied_factor = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The measured factor the user applied to the hours (once), with its sample.",
    )
    applied_factor_sample = models.PositiveIntegerField(null=True, blank=True)
    title = models.CharField(max_length=200)
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES)
    number = models.CharField(max_length=40, blank=True)
    version = models.PositiveSmallIntegerField(default=1)
    revises = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="revisions"
    )
    status = models.CharField(
        max_length=12, choices=EstimateStatus.choices, default=EstimateStatus.DRAFT
    )
    valid_until = models.DateField()
    billing_terms = models.CharField(
        max_length=12, choices=EstimateTerms.choices, default=EstimateTerms.TIME_AND_MATERIALS
    )
    instalments = models.JSONField(
        default=list,
        blank=True,
        help_text='Fixed fee: [{"label": "On signing", "percent": "30", "due_days": 0}, …]',
    )
    deposit_percent = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal(0), help_text="0: no deposit invoice."
    )
    terms = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    public_token = models.CharField(max_length=40, default=_token, unique=True)
    created_by = models.ForeignKey(
        "accounts.Member", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_by = models.ForeignKey(
        "accounts.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_to = models.CharField(max_length=300, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_name = models.CharField(max_length=200, blank=True)
    decided_ip = models.GenericIPAddressField(null=True, blank=True)
    decision_comment = models.TextField(blank=True)
    deposit_invoice = models.ForeignKey(
        "invoicing.Invoice", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number", "version"],
                condition=~Q(number=""),
                name="estimate_number_version",
            ),
            models.CheckConstraint(
                condition=Q(deposit_percent__gte=0) & Q(deposit_percent__lte=100),
                name="estimate_deposit_percent",
            ),
        ]

    def __str__(self) -> str:
        label = self.number or f"draft {self.pk}"
        return f"Estimate {label} v{self.version} — {self.title}"


class EstimatePhase(TenantModel):
    estimate = models.ForeignKey(Estimate, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    project_phase = models.ForeignKey(
        "projects.Phase", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class LineKind(models.TextChoices):
    TIME = "time", "Hours × rate"
    FIXED = "fixed", "Fixed item"
    EXPENSES = "expenses", "Expenses allowance"


class EstimateLine(TenantModel):
    """A line of a phase: hours × rate (a task of the project once accepted), or a fixed amount
    (a fixed item, an expenses allowance). ``is_optional`` lines count when the client chose
    them (``is_chosen``)."""

    phase = models.ForeignKey(EstimatePhase, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=LineKind.choices, default=LineKind.TIME)
    description = models.CharField(max_length=200)
    role = models.CharField(max_length=100, blank=True)
    hours = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal(0))
    rate = models.DecimalField(max_digits=13, decimal_places=3, default=Decimal(0))
    amount = models.DecimalField(max_digits=15, decimal_places=3, default=Decimal(0))
    is_optional = models.BooleanField(default=False)
    is_chosen = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=0) & Q(rate__gte=0) & Q(amount__gte=0),
                name="estimate_line_non_negative",
            )
        ]

    def __str__(self) -> str:
        return self.description
