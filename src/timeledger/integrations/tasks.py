"""Background work of imports: committing a large file off the request. Tasks take ids and hold
no rules; the service decides, and a failed commit (rolled back, nothing written) puts the batch
back to its preview with the reason.

Each background commit is a ``core.jobs`` job on the batch (``JOB_KIND``): its ``done`` counts
the rows read of ``rows_total`` as the commit goes (``service.commit``'s ``progress``), written on
a connection of its own so the import page's progress bar moves while the one transaction of the
commit is still open.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_noop

from timeledger.accounts.models import Member
from timeledger.celery import app
from timeledger.core import jobs
from timeledger.integrations.imports import service
from timeledger.integrations.imports.rows import ImportFileError
from timeledger.integrations.models import ImportBatch, ImportStatus

# Files with more rows than this are committed by a worker, not in the web request.
BACKGROUND_ROWS = 5000
JOB_KIND = "import_commit"


def job_of(batch: ImportBatch):
    """The batch's latest background commit (a ``core.models.Job``), or None."""
    return jobs.latest_for(batch, JOB_KIND)


# The project's Celery app, not ``shared_task``: nothing else sends tasks from a request, and
# only this app knows the settings (eager without a broker, the broker URL with one).
@app.task(name="integrations.commit_import")
def commit_import(batch_id: int, member_id: int) -> dict:
    batch = ImportBatch.objects.get(pk=batch_id)
    member = Member.objects.select_related("user", "organisation").get(pk=member_id)
    if batch.status != ImportStatus.QUEUED:
        return {"skipped": batch_id}  # delivered twice, or committed meanwhile
    job = jobs.queue(
        batch.organisation, JOB_KIND, by_user_id=member.user_id, obj=batch, total=batch.rows_total
    )
    jobs.begin(job.pk, message=gettext_noop("Importing"))
    try:
        with jobs.Progress(job.pk) as progress:
            batch = service.commit(batch, by=member, progress=progress)
    except ValidationError as exc:
        service.fail(batch, service.error_text(exc))
        jobs.fail(job.pk, service.error_text(exc))
        return {"error": service.error_text(exc)}
    except (ImportFileError, PermissionDenied) as exc:
        service.fail(batch, str(exc))
        jobs.fail(job.pk, str(exc))
        return {"error": str(exc)}
    except Exception as exc:
        jobs.fail(job.pk, f"{type(exc).__name__}: {exc}")
        raise
    jobs.finish(job.pk, result={"created": batch.rows_created}, message=gettext_noop("Imported"))
    return {"created": batch.rows_created}
