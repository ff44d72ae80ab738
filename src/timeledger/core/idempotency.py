"""``Idempotency-Key`` for the POSTs that create money or time.

A client that is not sure its request arrived sends it again with the same key: the same key and
body answer the first request's status and body again (``Idempotent-Replayed: true``) without
doing the work twice; the same key with another body is refused (422). Keys belong to one
organisation and one credential and are honoured for ``KEEP``.

Concurrent repeats: the key's row is inserted and committed before the work starts; the unique
constraint lets exactly one request in, the others wait for its answer (or get 409 after
``WAIT``). A request that fails with an exception leaves no key behind, so it can be retried.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import time

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions
from rest_framework.response import Response

from timeledger.core.models import IdempotencyKey

HEADER = "HTTP_IDEMPOTENCY_KEY"
KEEP = dt.timedelta(hours=24)
WAIT = 10.0  # seconds a repeat waits for the first request's answer
PARAMETER = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Send the same key again to repeat this request safely: the first answer is "
    "replayed, nothing is created twice (kept 24 h; another body with the same key is a 422).",
)


class KeyReused(exceptions.APIException):
    status_code = 422
    default_code = "idempotency_key_reused"
    default_detail = gettext_lazy("This Idempotency-Key was used with another request body.")


class KeyInProgress(exceptions.APIException):
    status_code = 409
    default_code = "idempotency_key_in_progress"
    default_detail = gettext_lazy(
        "A request with this Idempotency-Key is still being processed; retry."
    )


def _scope(request) -> str:
    token = getattr(request, "auth", None)
    if token is not None and getattr(token, "pk", None):
        return f"token:{token.pk}"
    return f"user:{request.user.pk}"


def _fingerprint(request) -> str:
    body = json.dumps(request.data, sort_keys=True, cls=DjangoJSONEncoder, default=str)
    raw = f"{request.method} {request.path}\n{body}"
    return hashlib.sha256(raw.encode()).hexdigest()


def _claim(org, scope: str, key: str, fingerprint: str) -> IdempotencyKey | None:
    """Insert the key (committed at once); ``None`` when it was there already."""
    try:
        with transaction.atomic():
            return IdempotencyKey.objects.create(
                organisation=org, scope=scope, key=key, fingerprint=fingerprint
            )
    except IntegrityError:
        return None


def _replay(org, scope: str, key: str, fingerprint: str) -> Response | None:
    """The stored answer for a repeat; ``None`` if the key expired or vanished (claim again)."""
    deadline = time.monotonic() + WAIT
    while True:
        row = IdempotencyKey.objects.filter(organisation=org, scope=scope, key=key).first()
        if row is None:
            return None
        if row.created_at < timezone.now() - KEEP:
            IdempotencyKey.objects.filter(pk=row.pk).delete()
            return None
        if row.fingerprint != fingerprint:
            raise KeyReused()
        if row.status is not None:
            response = Response(row.body, status=row.status)
            response["Idempotent-Replayed"] = "true"
            return response
        if time.monotonic() > deadline:
            raise KeyInProgress()
        time.sleep(0.05)


def idempotent(handler):
    """Decorate a DRF view method (``post``, ``create`` or an ``@action``)."""

    @functools.wraps(handler)
    def wrapper(self, request, *args, **kwargs):
        key = request.META.get(HEADER)
        if not key:
            return handler(self, request, *args, **kwargs)
        if len(key) > 255:
            raise exceptions.ValidationError({"Idempotency-Key": ["At most 255 characters."]})
        org, scope, fingerprint = request.organisation, _scope(request), _fingerprint(request)
        for _ in range(3):
            row = _claim(org, scope, key, fingerprint)
            if row is None:
                replayed = _replay(org, scope, key, fingerprint)
                if replayed is not None:
                    return replayed
                continue
            try:
                response = handler(self, request, *args, **kwargs)
            except BaseException:
                IdempotencyKey.objects.filter(pk=row.pk).delete()
                raise
            if response.status_code >= 500:
                IdempotencyKey.objects.filter(pk=row.pk).delete()
                return response
            body = json.loads(json.dumps(response.data, cls=DjangoJSONEncoder))
            IdempotencyKey.objects.filter(pk=row.pk).update(status=response.status_code, body=body)
            return response
        raise KeyInProgress()

    return wrapper


def purge_expired(now: dt.datetime | None = None) -> int:
    """Forget keys older than ``KEEP`` (a repeat after that finds none and runs again)."""
    cutoff = (now or timezone.now()) - KEEP
    return IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()[0]
