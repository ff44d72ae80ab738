"""Reads of webhooks for the pages and the CLI (owners and admins only)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from timeledger.accounts.roles import Cap
from timeledger.webhooks.models import WebhookDelivery, WebhookEndpoint


def _require(by) -> None:
    if not by.can(Cap.MANAGE_SETTINGS):
        raise PermissionDenied("Only owners and admins manage webhooks.")


def endpoints(by):
    _require(by)
    return WebhookEndpoint.objects.filter(organisation=by.organisation)


def deliveries(by, *, endpoint: int | None = None, status: str | None = None):
    _require(by)
    rows = WebhookDelivery.objects.filter(organisation=by.organisation).select_related(
        "event", "endpoint"
    )
    if endpoint:
        rows = rows.filter(endpoint_id=endpoint)
    if status:
        rows = rows.filter(status=status)
    return rows
