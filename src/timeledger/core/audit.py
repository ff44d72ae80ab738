"""Write audit rows. Call inside the transaction of the change being recorded."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

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


def delete_audited(obj: models.Model, *, organisation, actor, reason: str = "") -> AuditLog:
    """Delete ``obj`` and write the audit row holding its last state (inside the caller's
    transaction, so both happen or neither)."""
    row = record(
        organisation=organisation,
        actor=actor,
        action="delete",
        obj=obj,
        before=snapshot(obj),
        reason=reason,
    )
    obj.delete()
    return row


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


@dataclass(frozen=True)
class ChainReport:
    """The outcome of ``verify_chain``: rows checked, and the first broken row (if any)."""

    checked: int
    legacy: int  # rows written before the chain existed (no hash)
    broken_id: int | None = None
    broken_org: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_id is None


def verify_chain(organisation=None) -> ChainReport:
    """Walk the audit log in id order (one organisation or all) and report the first row whose hash
    does not match its content, or whose link points at no earlier row of its organisation."""
    rows = AuditLog.objects.order_by("id")
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    seen: dict[int, set[str]] = {}
    checked = legacy = 0
    for row in rows.iterator(chunk_size=2000):
        known = seen.setdefault(row.organisation_id, {""})
        if not row.hash:
            if len(known) > 1:  # a row without a hash after the chain began: written around it
                return ChainReport(checked, legacy, row.pk, row.organisation_id, "no hash")
            legacy += 1
            continue
        checked += 1
        if row.content_hash() != row.hash:
            return ChainReport(checked, legacy, row.pk, row.organisation_id, "content changed")
        if row.prev_hash not in known:
            return ChainReport(
                checked, legacy, row.pk, row.organisation_id, "links to a missing row"
            )
        known.add(row.hash)
    return ChainReport(checked, legacy)
