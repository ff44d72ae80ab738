"""Base model for tenant-owned rows, and the append-only audit log."""

import datetime as dt
import hashlib
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone


class TenantQuerySet(models.QuerySet):
    def for_org(self, organisation):
        return self.filter(organisation=organisation)


class TenantModel(models.Model):
    """A row that belongs to exactly one organisation; every read is scoped through ``for_org``."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        abstract = True


class AuditLogQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        chain_rows(objs)
        return super().bulk_create(objs, *args, **kwargs)

    def update(self, **kwargs):
        raise PermissionError("the audit log is append-only")

    def delete(self):
        raise PermissionError("the audit log is append-only")


def _normalise(value):
    """JSON as it reads back from the database (Decimals and dates become strings)."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def chain_rows(rows) -> None:
    """Give new audit rows their instant, their link and their hash, in order, per organisation."""
    last: dict[int, str] = {}
    for row in rows:
        if row.at is None:
            row.at = timezone.now()
        row.before, row.after = _normalise(row.before), _normalise(row.after)
        org = row.organisation_id
        if org not in last:
            newest = (
                AuditLog.objects.filter(organisation_id=org)
                .order_by("-id")
                .values_list("hash", flat=True)
                .first()
            )
            last[org] = newest or ""
        row.prev_hash = last[org]
        row.hash = row.content_hash()
        last[org] = row.hash


class AuditLog(models.Model):
    """Who changed what, when, from what to what, and why. Append-only.

    Rows are written by ``core.audit.record`` in the same transaction as the change they describe.
    The model refuses updates and deletes; triggers refuse them too (PostgreSQL and SQLite).

    Tamper-evident: ``hash`` is sha256 over the row's content and ``prev_hash``, the hash of the
    organisation's newest row when it was written. Changing a row breaks its hash, deleting one
    leaves a ``prev_hash`` that points at nothing; ``timeledger audit verify`` finds the first such
    row (``core.audit.verify_chain``). Two transactions appending at once may both point at the same
    predecessor (no lock serialises the organisation's writes): a link is sound when it points at
    any earlier row of the organisation.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set in Python (not auto_now_add) so the hash covers the instant that is stored.
    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=40)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    object_repr = models.CharField(max_length=200, blank=True)
    before = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    reason = models.TextField(blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, blank=True)

    objects = AuditLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "object_type", "object_id"]),
            models.Index(fields=["organisation", "-id"], name="core_audit_org_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("the audit log is append-only")
        chain_rows([self])
        super().save(*args, **kwargs)

    def content_hash(self) -> str:
        """sha256 over what the row says and the hash it links to."""
        at = self.at.astimezone(dt.UTC).isoformat() if self.at else ""
        content = [
            self.organisation_id,
            self.actor_id,
            at,
            self.action,
            self.object_type,
            str(self.object_id),
            self.object_repr,
            self.before,
            self.after,
            self.reason,
            self.prev_hash,
        ]
        text = json.dumps(content, cls=DjangoJSONEncoder, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def delete(self, *args, **kwargs):
        raise PermissionError("the audit log is append-only")


class IdempotencyKey(models.Model):
    """A client's ``Idempotency-Key`` for a POST that creates money or time, and its answer.

    Scoped to the organisation and the credential (``token:<id>`` or ``user:<id>`` for a browser
    session) and kept at least ``core.idempotency.KEEP``. The row is inserted (committed) before
    the work starts, so a concurrent repeat finds it and waits for the answer instead of doing the
    work twice; ``status`` is null while the first request runs.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64, help_text="sha256 of method, path and body")
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    body = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "scope", "key"], name="idempotency_key_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}"


class Job(TenantModel):
    """A piece of background work someone waits for (a report export, an import's commit): what
    it is, how far it got (``done`` of ``total``), and what it made (``result``, or a ``file``).

    The task that does the work moves it ``queued → running → done | failed`` (``core.jobs``);
    ``begin`` is a conditional ``UPDATE`` from ``queued``, so a message delivered twice runs the
    work once. Progress is written on a connection of its own, so a poller sees it while the work
    is still inside its transaction."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for a worker"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=40)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    params = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    done = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(default=0)
    message = models.CharField(max_length=200, blank=True)
    result = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    file = models.FileField(upload_to="jobs/%Y/%m/", blank=True)
    filename = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["object_type", "object_id"], name="job_object")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def percent(self) -> int:
        """Whole percent done (100 once done; 0 while nothing is counted)."""
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return 0
        return min(99, self.done * 100 // self.total)

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
