"""Touchless invoicing: the invoicing policy, the review queue and the record of what the policy
issued and sent.

The policy sits above billing, invoicing, e-invoicing, estimates, contracts and banking: it reads
them all to decide whether a draft may go out untouched, and then calls invoicing's own issue and
send services. Nothing below it knows it exists.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models
from django.db.models import Q

from timeledger.core.models import TenantModel


class Mode(models.TextChoices):
    INHERIT = "", "As the organisation (or client)"
    OFF = "off", "Off: drafts wait for a person"
    REVIEW = "review", "Review only: check and list, never send"
    AUTO = "auto", "Issue and send automatically"


class InvoicingPolicy(TenantModel):
    """How drafts go out: one row for the organisation (no client, no project), and optional
    overrides for a client or a project (the most specific one wins: project › client ›
    organisation; an override's empty mode or time inherits).

    The safety settings (kill switch, dry run, daily limits) and the check settings (amount limit,
    band, first invoice) live on the organisation's row only: they bound the policy as a whole.
    """

    client = models.ForeignKey(
        "clients.Client", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    project = models.ForeignKey(
        "projects.Project", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    mode = models.CharField(max_length=10, choices=Mode.choices, blank=True, default="")
    send_at = models.TimeField(
        null=True, blank=True, help_text="Time of day, in the organisation's time zone."
    )
    # --- organisation row only ----------------------------------------------------------------
    is_paused = models.BooleanField(
        default=False, help_text="Kill switch: no automatic issue or send while set."
    )
    dry_run = models.BooleanField(
        default=False, help_text="Check and list what would be sent; send nothing."
    )
    daily_count_limit = models.PositiveIntegerField(
        default=50, help_text="At most this many invoices sent automatically per day."
    )
    daily_total_limit = models.DecimalField(
        max_digits=15,
        decimal_places=2,
        default=Decimal("50000.00"),
        help_text="At most this gross total per day, in the organisation's currency.",
    )
    amount_limit = models.DecimalField(
        max_digits=15,
        decimal_places=2,
        default=Decimal("10000.00"),
        help_text="An invoice above this gross (organisation's currency) waits for review.",
    )
    band_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("50.00"),
        help_text="An invoice further than this % from the client's trailing average waits.",
    )
    trailing_invoices = models.PositiveSmallIntegerField(
        default=6, help_text="How many of the client's recent invoices make the average."
    )
    allow_first_invoice = models.BooleanField(
        default=False, help_text="Send a client's first invoice automatically too."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(client__isnull=True, project__isnull=True),
                name="policy_one_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["organisation", "client"],
                condition=Q(client__isnull=False, project__isnull=True),
                name="policy_one_per_client",
            ),
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(project__isnull=False),
                name="policy_one_per_project",
            ),
            models.CheckConstraint(
                condition=Q(client__isnull=True) | Q(project__isnull=True),
                name="policy_client_or_project",
            ),
            models.CheckConstraint(
                condition=Q(band_percent__gte=0)
                & Q(amount_limit__gte=0)
                & Q(daily_total_limit__gte=0),
                name="policy_limits_gte_0",
            ),
        ]

    def __str__(self) -> str:
        scope = (
            f"project {self.project_id}"
            if self.project_id
            else f"client {self.client_id}"
            if self.client_id
            else "organisation"
        )
        return f"Invoicing policy ({scope}): {self.get_mode_display()}"

    @property
    def is_organisation_row(self) -> bool:
        return self.client_id is None and self.project_id is None


DEFAULT_SEND_AT = dt.time(9, 0)


class ReviewItem(TenantModel):
    """A draft the policy would not send, with the reasons (``[{"check", "message"}]``).

    One row per draft: re-checked on every pass, its reasons replaced; ``resolved_at`` is set
    when the draft passes (and is sent), is issued by a person, or is deleted."""

    invoice = models.OneToOneField(
        "invoicing.Invoice", on_delete=models.CASCADE, related_name="review_item"
    )
    reasons = models.JSONField(default=list)
    first_flagged_at = models.DateTimeField()
    checked_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["first_flagged_at", "id"]
        indexes = [models.Index(fields=["organisation", "resolved_at"])]

    def __str__(self) -> str:
        return f"Review of invoice {self.invoice_id}: {len(self.reasons)} reason(s)"


class Dispatch(TenantModel):
    """What the policy did with one draft: issued it, then sent it — each at most once.

    The row is the claim. It is created in the transaction that issues the draft (with the draft's
    row locked), and its one-to-one on the invoice makes a second worker's insert fail, so a draft
    is issued by the policy once. Sending claims the row with a conditional ``UPDATE`` from
    ``issued`` to ``sending``: a second worker, or a later pass, finds it taken, and a send that
    died after the SMTP server may have accepted it is never retried (never re-sent); it shows in
    the review queue instead.
    """

    class Status(models.TextChoices):
        ISSUED = "issued", "Issued, not sent yet"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Send failed"

    invoice = models.OneToOneField(
        "invoicing.Invoice", on_delete=models.PROTECT, related_name="dispatch"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ISSUED)
    checks = models.JSONField(default=list, help_text="The checks the draft passed.")
    period_end = models.DateField(null=True, blank=True)
    currency = models.CharField(max_length=3)
    gross_total = models.DecimalField(max_digits=15, decimal_places=3)
    issued_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["organisation", "issued_at"])]

    def __str__(self) -> str:
        return f"Dispatch of invoice {self.invoice_id}: {self.status}"
