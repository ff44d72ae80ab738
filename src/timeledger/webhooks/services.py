"""Webhook endpoints (owners and admins), recording events, delivering them, replay.

Recording: ``on_event`` hears ``core.events.event_emitted`` inside the action's transaction and
writes the event and one delivery per subscribed endpoint there (an outbox). Delivering happens
after commit: a Celery task per delivery when a broker is configured, else ``timeledger tick``.

Exactly one sender per attempt: ``deliver`` claims the delivery with a conditional UPDATE (due,
pending, not claimed or claim expired) and sends only if its UPDATE changed the row; a worker that
dies mid-request leaves a claim that expires, and the next run sends again (receivers dedupe on
``webhook-id``, which stays the same across attempts and replays).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from celery import current_app
from django.conf import settings
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from timeledger.accounts.models import Member, Organisation
from timeledger.accounts.roles import Role
from timeledger.core import events, timeutil
from timeledger.core.audit import record, snapshot
from timeledger.core.errors import fail
from timeledger.core.events import EVENT_TYPES
from timeledger.invoicing.models import OPEN_STATUSES, Invoice, InvoiceKind
from timeledger.webhooks import payloads, rules
from timeledger.webhooks.models import (
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from timeledger.webhooks.selectors import require_manager

logger = logging.getLogger(__name__)
CLAIM_SECONDS = rules.TIMEOUT_SECONDS * 3


def _own(obj, by) -> None:
    if obj.organisation_id != by.organisation.id:
        fail(_("Not found."))


def _clean_url(url: str) -> str:
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        fail(_("Give an http:// or https:// URL."), "url")
    return url


def _clean_types(event_types) -> list[str]:
    event_types = list(event_types or [])
    unknown = [t for t in event_types if t not in EVENT_TYPES]
    if unknown:
        fail(
            _("Unknown event %(event)s; choose from %(events)s.")
            % {"event": repr(unknown[0]), "events": ", ".join(EVENT_TYPES)},
            "event_types",
        )
    return sorted(set(event_types))


def _audit(by, action: str, endpoint: WebhookEndpoint, before=None, reason: str = "") -> None:
    after = snapshot(endpoint, fields=["url", "description", "event_types", "is_active"])
    record(
        organisation=by.organisation,
        actor=by.user,
        action=action,
        obj=endpoint,
        before=before,
        after=after,
        reason=reason,
    )


def create_endpoint(*, by, url: str, event_types=(), description: str = "") -> WebhookEndpoint:
    """Register ``url`` for ``event_types`` (empty: every event). Its secret is made here."""
    require_manager(by)
    with transaction.atomic():
        endpoint = WebhookEndpoint.objects.create(
            organisation=by.organisation,
            url=_clean_url(url),
            event_types=_clean_types(event_types),
            description=description.strip(),
            secret=rules.new_secret(),
        )
        _audit(by, "create", endpoint)
    return endpoint


def update_endpoint(endpoint: WebhookEndpoint, data: dict, *, by) -> WebhookEndpoint:
    """Change URL, events, description or ``is_active``; enabling again clears the failures."""
    require_manager(by)
    _own(endpoint, by)
    with transaction.atomic():
        endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
        before = snapshot(endpoint, fields=["url", "description", "event_types", "is_active"])
        if "url" in data:
            endpoint.url = _clean_url(data["url"])
        if "event_types" in data:
            endpoint.event_types = _clean_types(data["event_types"])
        if "description" in data:
            endpoint.description = str(data["description"]).strip()
        if "is_active" in data:
            active = bool(data["is_active"])
            if active and not endpoint.is_active:
                endpoint.consecutive_failures = 0
                endpoint.disabled_at = None
                endpoint.disabled_reason = ""
            endpoint.is_active = active
        endpoint.save()
        _audit(by, "update", endpoint, before=before)
    return endpoint


def rotate_secret(endpoint: WebhookEndpoint, *, by) -> WebhookEndpoint:
    """A new secret signs from now on; the old one signs too for 24 hours (both signatures are
    sent), so the receiver can switch without losing a message."""
    require_manager(by)
    _own(endpoint, by)
    with transaction.atomic():
        endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
        endpoint.previous_secret = endpoint.secret
        endpoint.previous_secret_expires_at = timeutil.now() + rules.PREVIOUS_SECRET_GRACE
        endpoint.secret = rules.new_secret()
        endpoint.save()
        _audit(by, "rotate_secret", endpoint)
    return endpoint


def delete_endpoint(endpoint: WebhookEndpoint, *, by) -> None:
    require_manager(by)
    _own(endpoint, by)
    with transaction.atomic():
        _audit(by, "delete", endpoint)
        endpoint.delete()


# ---------------------------------------------------------------- recording


def _enqueue(delivery_ids: list[int]) -> None:
    """After commit: one Celery task per delivery when a broker is configured. In the embedded
    default (tasks run eagerly, in the request) nothing is sent here — ``timeledger tick`` sends,
    so a slow receiver never holds up the request that caused the event."""
    if not delivery_ids or not settings.CELERY_BROKER_URL:
        return

    def send() -> None:
        for pk in delivery_ids:
            try:  # by name: tasks.py imports this module
                current_app.send_task("webhooks.deliver", args=[pk])
            except Exception:  # the broker is down: tick picks the delivery up later
                logger.exception("could not queue webhook delivery %s", pk)

    transaction.on_commit(send)


def on_event(sender, *, organisation, event_type, obj=None, data=None, key="", **kwargs):
    """``core.events.event_emitted``: store the event and its deliveries in the action's
    transaction, for every active endpoint that wants it."""
    endpoints = [
        e
        for e in WebhookEndpoint.objects.filter(organisation=organisation, is_active=True)
        if e.wants(event_type)
    ]
    if not endpoints:
        return None
    now = timeutil.now()
    event_id = "msg_" + secrets.token_urlsafe(18)
    payload = {
        "type": event_type,
        "timestamp": now.isoformat().replace("+00:00", "Z"),
        "data": payloads.data_for(obj, data or {}),
    }
    payload = json.loads(json.dumps(payload, cls=DjangoJSONEncoder))
    try:
        with transaction.atomic():
            event = WebhookEvent.objects.create(
                organisation=organisation,
                event_id=event_id,
                event_type=event_type,
                payload=payload,
                key=key,
            )
    except IntegrityError:
        return None  # a once-only event (key) that was recorded before
    deliveries = WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(organisation=organisation, endpoint=e, event=event, next_attempt_at=now)
            for e in endpoints
        ]
    )
    _enqueue([d.pk for d in deliveries])
    return event


# ---------------------------------------------------------------- delivering


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 3xx is an answer (a failure), not a place to re-send a signed body


_opener = urllib.request.build_opener(_NoRedirect)


def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int | None, str, str]:
    """POST and return (status code, first 1,000 characters of the answer, error)."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with _opener.open(request, timeout=rules.TIMEOUT_SECONDS) as response:
            return response.status, response.read(1000).decode("utf-8", "replace"), ""
    except urllib.error.HTTPError as exc:
        text = exc.read(1000).decode("utf-8", "replace") if exc.fp else ""
        return exc.code, text, ""
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return None, "", f"{type(exc).__name__}: {reason}"[:300]


def _signing_secrets(endpoint: WebhookEndpoint, now: dt.datetime) -> list[str]:
    out = [endpoint.secret]
    if endpoint.previous_secret and (endpoint.previous_secret_expires_at or now) > now:
        out.append(endpoint.previous_secret)
    return out


def _claim(delivery_id: int, now: dt.datetime) -> bool:
    return bool(
        WebhookDelivery.objects.filter(
            pk=delivery_id,
            status=WebhookDelivery.Status.PENDING,
            next_attempt_at__lte=now,
        )
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + dt.timedelta(seconds=CLAIM_SECONDS))
    )


def deliver(delivery_id: int, *, now: dt.datetime | None = None) -> WebhookAttempt | None:
    """Send one due delivery once (None: not due, done, or someone else is sending it)."""
    given = now is not None
    now = now or timeutil.now()
    if not _claim(delivery_id, now):
        return None
    delivery = WebhookDelivery.objects.select_related("endpoint", "event").get(pk=delivery_id)
    endpoint = delivery.endpoint
    if not endpoint.is_active:
        WebhookDelivery.objects.filter(pk=delivery_id).update(
            status=WebhookDelivery.Status.FAILED, claimed_until=None, next_attempt_at=None
        )
        return None
    body = json.dumps(delivery.event.payload, separators=(",", ":")).encode()
    timestamp = int(time.time())  # the moment of sending, whatever schedule time `now` is
    headers = rules.headers(
        _signing_secrets(endpoint, now), delivery.event.event_id, timestamp, body
    )
    started = time.monotonic()
    code, text, error = _post(endpoint.url, body, headers)
    elapsed = int((time.monotonic() - started) * 1000)
    ok = rules.is_success(code)
    number = delivery.attempts + 1
    done_at = now if given else timeutil.now()
    with transaction.atomic():
        attempt = WebhookAttempt.objects.create(
            organisation_id=delivery.organisation_id,
            delivery=delivery,
            number=number,
            status_code=code,
            response_body=text,
            error=error,
            duration_ms=elapsed,
            is_success=ok,
        )
        update = {"attempts": number, "last_status_code": code, "claimed_until": None}
        if ok:
            update |= {
                "status": WebhookDelivery.Status.SUCCEEDED,
                "delivered_at": done_at,
                "next_attempt_at": None,
            }
            WebhookEndpoint.objects.filter(pk=endpoint.pk).update(consecutive_failures=0)
        else:
            retry = rules.next_attempt(number, done_at)
            update |= {"next_attempt_at": retry}
            if retry is None:
                update |= {"status": WebhookDelivery.Status.FAILED}
            WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
                consecutive_failures=F("consecutive_failures") + 1
            )
        WebhookDelivery.objects.filter(pk=delivery_id).update(**update)
        if not ok:
            _maybe_disable(endpoint.pk, done_at)
    return attempt


def retry_in(attempt: WebhookAttempt | None, *, now: dt.datetime | None = None) -> float | None:
    """Seconds until the next attempt of the delivery ``attempt`` failed, when the Celery task
    should wait for it (``rules.QUEUE_RETRY_WITHIN``); None: it succeeded, is over, or is left
    to ``run_due``."""
    if attempt is None or attempt.is_success:
        return None
    due = (
        WebhookDelivery.objects.filter(
            pk=attempt.delivery_id, status=WebhookDelivery.Status.PENDING
        )
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if due is None:
        return None
    wait = due - (now or timeutil.now())
    if wait > rules.QUEUE_RETRY_WITHIN:
        return None
    return max(wait.total_seconds(), 0.0)


def _disabled_mail(endpoint: WebhookEndpoint) -> tuple[str, str]:
    """Subject and body of "endpoint disabled" to the owners and admins, in the organisation's
    language, one catalogue message per paragraph."""
    org = endpoint.organisation
    with translation.override(org.mail_language):
        facts = {
            "url": endpoint.url,
            "organisation": org.name,
            "count": endpoint.consecutive_failures,
        }
        subject = _("Webhook endpoint disabled: %(url)s") % facts
        failed = ngettext(
            "The webhook endpoint %(url)s of %(organisation)s failed %(count)s delivery in a row"
            " and has been disabled.",
            "The webhook endpoint %(url)s of %(organisation)s failed %(count)s deliveries in a row"
            " and has been disabled.",
            endpoint.consecutive_failures,
        )
        fix = _(
            "Fix the receiver, enable the endpoint again under Settings › Webhooks, and replay the"
            " failed deliveries from its delivery log."
        )
        return subject, failed % facts + "\n\n" + fix


def _maybe_disable(endpoint_id: int, now: dt.datetime) -> None:
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint_id)
    if not endpoint.is_active or not rules.should_disable(endpoint.consecutive_failures):
        return
    endpoint.is_active = False
    endpoint.disabled_at = now
    endpoint.disabled_reason = (
        f"Disabled after {endpoint.consecutive_failures} failed attempts in a row."
    )
    endpoint.save(update_fields=["is_active", "disabled_at", "disabled_reason", "updated_at"])
    # Deliveries still waiting would only fail: stop them (a replay sends them later).
    WebhookDelivery.objects.filter(endpoint=endpoint, status=WebhookDelivery.Status.PENDING).update(
        status=WebhookDelivery.Status.FAILED, next_attempt_at=None
    )
    record(
        organisation=endpoint.organisation,
        actor=None,
        action="disable",
        obj=endpoint,
        after={"is_active": False},
        reason=endpoint.disabled_reason,
    )
    recipients = list(
        Member.objects.filter(
            organisation_id=endpoint.organisation_id,
            is_active=True,
            role__in=(Role.OWNER, Role.ADMIN),
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if recipients:
        subject, body = _disabled_mail(endpoint)
        transaction.on_commit(lambda: send_mail(subject, body, None, recipients))


def replay(delivery: WebhookDelivery, *, by) -> WebhookDelivery:
    """Send a delivery again (same ``webhook-id``), now, with a fresh back-off schedule."""
    require_manager(by)
    _own(delivery, by)
    if not WebhookEndpoint.objects.filter(pk=delivery.endpoint_id, is_active=True).exists():
        fail(_("The endpoint is disabled; enable it before replaying."))
    with transaction.atomic():
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=WebhookDelivery.Status.PENDING,
            attempts=0,
            next_attempt_at=timeutil.now(),
            claimed_until=None,
        )
        record(
            organisation=by.organisation,
            actor=by.user,
            action="replay",
            obj=delivery,
            reason=delivery.event.event_id,
        )
        _enqueue([delivery.pk])
    delivery.refresh_from_db()
    return delivery


def send_due(*, now: dt.datetime | None = None, limit: int = 500) -> dict[str, int]:
    """Deliver every pending delivery that is due (``timeledger tick``)."""
    now = now or timeutil.now()
    ids = list(
        WebhookDelivery.objects.filter(
            status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now
        )
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    sent = ok = 0
    for pk in ids:
        attempt = deliver(pk, now=now)
        if attempt is not None:
            sent += 1
            ok += attempt.is_success
    return {"attempts": sent, "succeeded": ok, "failed": sent - ok}


def emit_overdue(*, now: dt.datetime | None = None) -> int:
    """Announce each open invoice once when it is past its due date (in the organisation's own
    date), for organisations with an endpoint that wants it. Once-only by the event's key."""
    now = now or timeutil.now()
    count = 0
    org_ids = {
        e.organisation_id
        for e in WebhookEndpoint.objects.filter(is_active=True)
        if e.wants("invoice.overdue")
    }
    for org in Organisation.objects.filter(pk__in=org_ids):
        today = timeutil.local_date(now, org.time_zone)
        done = WebhookEvent.objects.filter(
            organisation=org, key__startswith="invoice.overdue:"
        ).values_list("key", flat=True)
        overdue = (
            Invoice.objects.filter(organisation=org, status__in=OPEN_STATUSES, due_date__lt=today)
            .exclude(kind__in=(InvoiceKind.PROFORMA, InvoiceKind.CREDIT_NOTE))
            .select_related("client")
        )
        seen = set(done)
        for invoice in overdue:
            key = f"invoice.overdue:{invoice.pk}"
            if key in seen or invoice.balance_due <= 0:
                continue
            with transaction.atomic():
                events.emit(
                    org,
                    "invoice.overdue",
                    obj=invoice,
                    data={"days_overdue": (today - invoice.due_date).days},
                    key=key,
                )
            count += 1
    return count
