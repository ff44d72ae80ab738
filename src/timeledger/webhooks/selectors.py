"""Reads of webhooks for the pages and the CLI (owners and admins only)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from timeledger.accounts.roles import Cap
from timeledger.webhooks.models import WebhookDelivery, WebhookEndpoint


def require_manager(by) -> None:
    """Webhooks are owners' and admins' (reads, changes, the pages): a 403 for anyone else, or
    for no member at all."""
    if by is None or not by.can(Cap.MANAGE_SETTINGS):
        raise PermissionDenied(_("Only owners and admins manage webhooks."))


def endpoints(by):
    require_manager(by)
    return WebhookEndpoint.objects.filter(organisation=by.organisation)


def deliveries(by, *, endpoint: int | None = None, status: str | None = None):
    require_manager(by)
    rows = WebhookDelivery.objects.filter(organisation=by.organisation).select_related(
        "event", "endpoint"
    )
    if endpoint:
        rows = rows.filter(endpoint_id=endpoint)
    if status:
        rows = rows.filter(status=status)
    return rows
