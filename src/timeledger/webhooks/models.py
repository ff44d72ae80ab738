"""Webhook endpoints, the events they are told of, and every delivery attempt.

An event is stored in the transaction of the action that caused it (an outbox), one delivery row
per subscribed endpoint beside it; HTTP happens after commit, from Celery or ``timeledger tick``.
So an event is delivered iff its action committed, and a slow or dead receiver never blocks or
fails the action.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_noop

from timeledger.core.models import TenantModel


class WebhookEndpoint(TenantModel):
    """An organisation's URL told of the events it subscribes to (none listed: all of them).

    Payloads are signed per Standard Webhooks with ``secret``; after a rotation the previous
    secret also signs until ``previous_secret_expires_at`` so receivers can switch over.
    """

    url = models.URLField(max_length=500)
    description = models.CharField(max_length=200, blank=True)
    event_types = models.JSONField(default=list, blank=True)
    secret = models.CharField(max_length=100)
    previous_secret = models.CharField(max_length=100, blank=True)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.url

    def wants(self, event_type: str) -> bool:
        return not self.event_types or event_type in self.event_types


class WebhookEvent(TenantModel):
    """Something that happened, with the payload every endpoint receives (``msg_…`` id)."""

    event_id = models.CharField(max_length=40, unique=True)
    event_type = models.CharField(max_length=40)
    payload = models.JSONField()
    # Once-only events (an invoice becomes overdue once) carry a key; the constraint holds it.
    key = models.CharField(max_length=80, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "key"], condition=~Q(key=""), name="webhook_event_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id}"


# A delivery's statuses as the endpoint page shows them, marked for the catalogues (the choices
# stay plain strings: a migration records them); the page translates each label.
DELIVERY_STATUS_NAMES = (gettext_noop("Pending"), gettext_noop("Succeeded"), gettext_noop("Failed"))


class WebhookDelivery(TenantModel):
    """One event to one endpoint: pending until it succeeds, or gives up (``failed``) after the
    back-off schedule; a manual replay makes it pending again."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(WebhookEvent, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)  # of the current round (since a replay)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # A claim: whoever set it sends; a worker that died leaves it to expire.
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "event"], name="webhook_delivery_once"),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint}"


class WebhookAttempt(TenantModel):
    """One HTTP request of a delivery, as the receiver answered (or why it could not)."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="log")
    number = models.PositiveIntegerField()
    status_code = models.PositiveIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True)
    error = models.CharField(max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    is_success = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"attempt {self.number}: {self.status_code or self.error}"
