"""Background jobs (``core.jobs``): queued → running once → done or failed, and progress a poller
sees while the work's own transaction is still open."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from timeledger.core import jobs
from timeledger.core.models import Job


def test_job_progress_and_states(org):
    job = jobs.queue(org, "x", total=4)
    assert (job.status, job.percent) == (Job.Status.QUEUED, 0)
    assert jobs.begin(job.pk) is not None and jobs.begin(job.pk) is None
    with jobs.Progress(job.pk) as progress:
        progress(1)
        progress(2)
        job.refresh_from_db()
        assert (job.done, job.percent) == (3, 75)
        progress.to(4, message="almost")
    job.refresh_from_db()
    assert (job.done, job.percent, job.message) == (4, 99, "almost")  # 100 only when done
    jobs.finish(job.pk, result={"n": 1})
    jobs.fail(job.pk, "late")  # a finished job stays done
    job.refresh_from_db()
    assert (job.status, job.percent, job.result, job.error) == (Job.Status.DONE, 100, {"n": 1}, "")


def _read_elsewhere(job_id: int) -> int:
    """``done`` as another connection (a poller) sees it."""
    seen = []

    def read():
        try:
            seen.append(Job.objects.get(pk=job_id).done)
        finally:
            connection.close()

    thread = threading.Thread(target=read)
    thread.start()
    thread.join(30)
    return seen[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_progress_is_seen_while_the_work_transaction_is_open(org):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer: progress goes through the work's own connection")
    job = jobs.queue(org, "import_commit", total=10)
    jobs.begin(job.pk)
    with transaction.atomic(), jobs.Progress(job.pk) as progress:
        progress(4)
        assert _read_elsewhere(job.pk) == 4  # committed on the side connection already
        progress(3)
        assert _read_elsewhere(job.pk) == 7
    assert Job.objects.get(pk=job.pk).done == 7
