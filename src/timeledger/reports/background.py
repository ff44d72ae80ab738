"""Report exports as background jobs (``core.jobs``): start one from the API, a Celery worker
computes the report and writes the file, the caller polls the job and downloads the file.

The report is the one the page and ``/api/reports/<name>/`` show (``report_for``: the same
filters, default group and target), and the file the one ``?format=`` returns
(``exports.render``). The member's right to open the report is checked when the export starts
and again when the worker runs it (a role may change in between). Progress counts three steps:
compute, write the file, store it.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError

from timeledger.accounts.models import Member
from timeledger.core import jobs
from timeledger.core.models import Job
from timeledger.reports import exports
from timeledger.reports.filters import today_of
from timeledger.reports.registry import REPORTS, may_open, run
from timeledger.reports.views import report_filters, target_of

log = logging.getLogger(__name__)

KIND = "report_export"
STEPS = 3


def _checked(member, name: str, params):
    spec = REPORTS.get(name)
    if spec is None:
        raise ValidationError({"report": [f"No report {name!r}."]})
    if not may_open(spec, member):
        raise PermissionDenied(f"Your role cannot see the {spec.title.lower()} report.")
    form, f = report_filters(member, params)
    if f is None:
        raise ValidationError(
            {k: [e["message"] for e in v] for k, v in form.errors.get_json_data().items()}
        )
    if not params.get("group"):
        f = f.narrowed(group=spec.default_group)
    return spec, f, target_of(params)


def report_for(member, name: str, params):
    """The report ``name`` for ``member`` with the query ``params`` (a dict or a QueryDict), and
    its filters, as the API shows it; raises ``PermissionDenied`` or ``ValidationError``."""
    spec, f, target = _checked(member, name, params)
    report = run(spec.name, member, f, today=today_of(member.organisation), target=target)
    return report, f


def start_export(member, name: str, params: dict, fmt: str) -> Job:
    """Queue an export of report ``name`` as ``fmt`` (csv, xlsx, pdf); the caller sends the task
    (``reports.tasks.export_report``) once this commits. Bad filters and a report the role may
    not open are refused now, not in the worker."""
    if fmt not in exports.FORMATS:
        raise ValidationError({"format": ["Use csv, xlsx or pdf."]})
    _checked(member, name, params)
    return jobs.queue(
        member.organisation,
        KIND,
        by_user_id=member.user_id,
        params={"report": name, "query": params, "format": fmt, "member": member.pk},
        total=STEPS,
        message="Waiting for a worker",
    )


def run_export(job_id: int) -> dict:
    """The worker's part: compute, render, store. A job already begun is left alone."""
    job = jobs.begin(job_id, message="Computing the report")
    if job is None:
        return {"skipped": job_id}
    params = job.params
    try:
        member = Member.objects.select_related("user", "organisation").get(
            pk=params["member"], organisation_id=job.organisation_id, is_active=True
        )
        with jobs.Progress(job.pk) as progress:
            report, f = report_for(member, params["report"], params["query"])
            progress.to(1, message="Writing the file")
            fmt = params["format"]
            body = exports.render(report, fmt, subtitle=f"{f.date_from} – {f.date_to}")
            progress.to(2, message="Storing the file")
        jobs.finish(
            job.pk,
            content=body,
            filename=exports.filename(report, fmt, f),
            content_type=exports.CONTENT_TYPES[fmt],
            result={"rows": len(report.rows)},
        )
    except (Member.DoesNotExist, PermissionDenied, ValidationError) as exc:
        message = "; ".join(getattr(exc, "messages", [])) or str(exc) or "not allowed"
        jobs.fail(job.pk, message)
        return {"error": message}
    except Exception as exc:
        log.exception("report export %s failed", job.pk)
        jobs.fail(job.pk, f"{type(exc).__name__}: {exc}")
        raise
    return {"job": job.pk, "rows": len(report.rows)}
