"""A report export started over the API is computed by a real Celery worker on Redis
(PostgreSQL): the job goes queued → done and its file is the direct export's."""

from __future__ import annotations

import pytest

from timeledger.core.models import Job
from timeledger.reports.tests.fixtures import World
from timeledger.testing.celery import wait_until

Q = "?date_from=2026-10-01&date_to=2026-11-30"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_exports_the_report_the_api_polls_it(
    celery_workers, api, org, owner, manager, alice, accountant, client_
):
    World(org, owner, manager, alice, accountant, client_)
    workers = celery_workers(1)
    c = api(owner)
    started = c.post(
        "/api/reports/profitability/export/",
        {"format": "xlsx", "filters": {"date_from": "2026-10-01", "date_to": "2026-11-30"}},
        format="json",
    )
    assert started.status_code == 202, started.content
    job_id = started.json()["id"]
    body = wait_until(
        lambda: (b := c.get(f"/api/reports/exports/{job_id}/").json())["status"] == "done" and b,
        timeout=60,
        message=workers.logs()[-3000:],
    )
    assert (body["done"], body["total"], body["percent"]) == (3, 3, 100)
    assert "Task reports.export[" in workers.logs()
    got = b"".join(c.get(f"/api/reports/exports/{job_id}/file/").streaming_content)
    direct = c.get(f"/api/reports/profitability/{Q}&format=xlsx").content
    assert len(got) > 1000 and got[:2] == direct[:2] == b"PK"
    assert Job.objects.get(pk=job_id).started_at is not None
