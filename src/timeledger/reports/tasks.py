"""Background work of reports: an export computed and written by a worker (``background``)."""

from __future__ import annotations

from timeledger.celery import app
from timeledger.reports import background


@app.task(name="reports.export", acks_late=True)
def export_report(job_id: int) -> dict:
    return background.run_export(job_id)
