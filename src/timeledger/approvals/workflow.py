"""The one way a batch of time entries or expenses changes status (submit, approve, reject, reopen).

Set-based under row locks: the rows in scope are locked (``SELECT … FOR UPDATE`` ordered by id, so
two batches never deadlock; only the rows themselves, ``of self``), the organisation's lock date is
checked as committed now, then one ``UPDATE … WHERE status IN (expected)`` whose row count must
equal the number locked, and one audit row per object (one bulk insert) carrying the batch id.
Call it inside ``transaction.atomic()``; what else moves with the batch (signals, events) is the
caller's, in the same transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from timeledger.accounts.models import Member
from timeledger.core import timeutil
from timeledger.core.audit import snapshot
from timeledger.core.models import AuditLog
from timeledger.timesheets import services as timesheets


@dataclass(frozen=True)
class Moved:
    ids: list[int]
    batch: str
    audit_reason: str = ""
    missing_rate: int = 0  # from ``write`` (time: approved billable entries with no rate)


def move(
    candidates,
    *,
    by: Member,
    action: str,
    from_statuses: tuple[str, ...],
    to_status: str,
    note: str | None,
    reason: str,
    override_reason: str,
    nothing: str,
    not_yours: str,
    approvable: Q | None,
    extra_update: dict | None = None,
    write=None,
    related: tuple[str, ...] = (),
    quiet: bool = False,
) -> Moved:
    """Move ``candidates`` (the rows in scope, already narrowed to ``from_statuses``) that ``by``
    may act on (``approvable``; None: all of them) to ``to_status``.

    Nothing to move: ``PermissionDenied(not_yours)`` if there were rows but none ``by`` may act
    on, else a ``ValidationError(nothing)`` — or an empty ``Moved`` when ``quiet``. ``write``
    replaces the plain ``UPDATE``: ``write(targets, update, now) -> (moved, missing_rate)``.
    """
    model = candidates.model
    now = timeutil.now()
    batch = uuid.uuid4().hex[:12]
    mine = candidates.filter(approvable) if approvable is not None else candidates
    rows = list(
        mine.select_for_update(of=("self",)).order_by("id").values_list("id", "status", "date")
    )
    if not rows:
        if quiet:
            return Moved([], batch)
        if approvable is not None and candidates.exists():
            raise PermissionDenied(not_yours)
        raise ValidationError({"non_field_errors": [nothing]})
    ids = [r[0] for r in rows]
    # The lock date as committed now, not as it was when ``by`` was loaded for the request.
    fresh = Member.objects.select_related("organisation").get(pk=by.pk)
    override = timesheets._check_lock(
        fresh, min(r[2] for r in rows), by=by, override_reason=override_reason
    )
    update = {"status": to_status, "updated_at": now, **(extra_update or {})}
    if note is not None:
        update["status_note"] = note
    targets = model.objects.filter(pk__in=ids, status__in=from_statuses)
    moved, missing_rate = write(targets, update, now) if write else (targets.update(**update), 0)
    if moved != len(ids):
        # Cannot happen while the rows are locked; refuse rather than half-apply if it does.
        changed = {
            "timesheets.timeentry": _(
                "Time entries changed while you were working; reload and retry."
            ),
            "expenses.expense": _("Expenses changed while you were working; reload and retry."),
        }.get(model._meta.label_lower) or _(
            "%(what)s changed while you were working; reload and retry."
        ) % {"what": str(model._meta.verbose_name_plural).capitalize()}
        raise ValidationError({"non_field_errors": [changed]})
    before_status = {r[0]: r[1] for r in rows}
    audit_reason = "; ".join(p for p in (reason, override) if p)
    AuditLog.objects.bulk_create(
        [
            AuditLog(
                organisation=by.organisation,
                actor=by.user,
                action=action,
                object_type=model._meta.label_lower,
                object_id=str(obj.pk),
                object_repr=str(obj)[:200],
                before={"status": before_status[obj.pk]},
                after={**snapshot(obj), "batch": batch},
                reason=audit_reason,
            )
            for obj in model.objects.filter(pk__in=ids).select_related(*related)
        ]
    )
    return Moved(ids, batch, audit_reason, missing_rate)
