"""Background work of imports: committing a large file off the request. Tasks take ids and hold
no rules; the service decides, and a failed commit (rolled back, nothing written) puts the batch
back to its preview with the reason."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from timeledger.accounts.models import Member
from timeledger.celery import app
from timeledger.integrations.imports import service
from timeledger.integrations.imports.rows import ImportFileError
from timeledger.integrations.models import ImportBatch

# Files with more rows than this are committed by a worker, not in the web request.
BACKGROUND_ROWS = 5000


# The project's Celery app, not ``shared_task``: nothing else sends tasks from a request, and
# only this app knows the settings (eager without a broker, the broker URL with one).
@app.task(name="integrations.commit_import")
def commit_import(batch_id: int, member_id: int) -> dict:
    batch = ImportBatch.objects.get(pk=batch_id)
    member = Member.objects.select_related("user", "organisation").get(pk=member_id)
    try:
        batch = service.commit(batch, by=member)
    except ValidationError as exc:
        service.fail(batch, service.error_text(exc))
        return {"error": service.error_text(exc)}
    except (ImportFileError, PermissionDenied) as exc:
        service.fail(batch, str(exc))
        return {"error": str(exc)}
    return {"created": batch.rows_created}
