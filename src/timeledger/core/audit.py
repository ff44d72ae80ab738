"""Write audit rows. Call inside the transaction of the change being recorded."""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.fields.files import FieldFile

from timeledger.core.models import AuditLog


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict:
    """A JSON-safe dict of a model's concrete field values (FKs as ids, files by stored name)."""
    data = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name in {"created_at", "updated_at"}:
            continue
        value = field.value_from_object(obj)
        if isinstance(value, FieldFile):
            value = value.name or ""
        data[field.attname] = value
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def record(
    *,
    organisation,
    actor,
    action: str,
    obj: models.Model,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
) -> AuditLog:
    return AuditLog.objects.create(
        organisation=organisation,
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        before=before,
        after=after,
        reason=reason,
    )


def record_many(*, organisation, actor, action: str, objects: Iterable[models.Model]) -> None:
    """One audit row per object (their state after ``action``), written in one INSERT."""
    AuditLog.objects.bulk_create(
        [
            AuditLog(
                organisation=organisation,
                actor=actor if getattr(actor, "pk", None) else None,
                action=action,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                object_repr=str(obj)[:200],
                after=snapshot(obj),
            )
            for obj in objects
        ]
    )
