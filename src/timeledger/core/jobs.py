"""Background jobs someone waits for (``core.models.Job``): queue one, and from the task begin
it, report progress, finish or fail it. Knows no report and no import: the callers decide what a
job does and what it counts (rows, steps).

Progress is written on a connection of its own (PostgreSQL): the work it measures usually runs in
one transaction (an import commits all its rows at once), and an update made inside it would be
invisible to the page polling until the very end. SQLite allows one writer at a time and its
embedded mode runs tasks in-process (the request waits anyway): there progress goes through the
ordinary connection.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import connections, transaction
from django.db.models import F
from django.utils import timezone

from timeledger.core.models import Job

Status = Job.Status


def queue(
    organisation,
    kind: str,
    *,
    by_user_id: int | None = None,
    obj=None,
    params: dict | None = None,
    total: int = 0,
    message: str = "",
) -> Job:
    return Job.objects.create(
        organisation=organisation,
        kind=kind,
        started_by_id=by_user_id,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        params=params or {},
        total=total,
        message=message,
    )


def latest_for(obj, kind: str) -> Job | None:
    return (
        Job.objects.filter(kind=kind, object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .order_by("-id")
        .first()
    )


def begin(job_id: int, *, message: str = "") -> Job | None:
    """Mark a queued job running; None when it already ran or runs (a second delivery)."""
    now = timezone.now()
    if not Job.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=now, message=message, updated_at=now
    ):
        return None
    return Job.objects.get(pk=job_id)


class Progress:
    """``progress(n)`` adds ``n`` to the job's ``done``; ``progress.to(done, message=…)`` sets it.
    Use as a context manager: the side connection is closed at the end. The work measured must
    not write the job row itself inside its transaction (the side connection would wait on that
    row lock behind a transaction of its own process)."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self._side = None
        if connections["default"].vendor == "postgresql":
            self._side = connections.create_connection("default")

    def _execute(self, assignments: str, args: list, **orm) -> None:
        now = timezone.now()
        if self._side is None:
            Job.objects.filter(pk=self.job_id).update(updated_at=now, **orm)
            return
        # The side connection is in autocommit: the UPDATE commits at once, whatever the work's
        # transaction on the default connection is doing.
        with self._side.cursor() as cursor:
            cursor.execute(
                f'UPDATE "{Job._meta.db_table}" SET {assignments}, updated_at = %s WHERE id = %s',
                [*args, now, self.job_id],
            )
            seen = cursor.rowcount
        if not seen:
            # The job was made in the caller's transaction, still open: only it sees the row.
            Job.objects.filter(pk=self.job_id).update(updated_at=now, **orm)

    def __call__(self, rows: int) -> None:
        self._execute("done = done + %s", [rows], done=F("done") + rows)

    def to(self, done: int, *, message: str = "") -> None:
        self._execute(
            "done = %s, message = %s", [done, message[:200]], done=done, message=message[:200]
        )

    def close(self) -> None:
        if self._side is not None:
            self._side.close()
            self._side = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def finish(
    job_id: int,
    *,
    result: dict | None = None,
    content: bytes | None = None,
    filename: str = "",
    content_type: str = "",
    message: str = "",
) -> Job:
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        if content is not None:
            job.file.save(filename, ContentFile(content), save=False)
            job.filename, job.content_type = filename, content_type
        job.status, job.result, job.message = Status.DONE, result or {}, message
        job.done = max(job.done, job.total)
        job.finished_at = timezone.now()
        job.save()
    return job


def fail(job_id: int, error: str) -> None:
    now = timezone.now()
    Job.objects.filter(pk=job_id).exclude(status=Status.DONE).update(
        status=Status.FAILED, error=error[:2000], finished_at=now, updated_at=now
    )
