"""A large import is committed by a real Celery worker on Redis (PostgreSQL); the batch's
progress (its job) ends at every row read, and the entries exist once."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from timeledger.integrations import tasks
from timeledger.integrations.tests.conftest import DATA
from timeledger.testing.celery import wait_until
from timeledger.timesheets.models import TimeEntry


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_commits_a_large_import_with_progress(
    celery_workers, api, boss, people, monkeypatch
):
    monkeypatch.setattr(tasks, "BACKGROUND_ROWS", 3)  # the request decides: this file is large
    workers = celery_workers(1)
    client = api(boss)
    data = (DATA / "toggl_detailed.csv").read_bytes()
    batch = client.post(
        "/api/imports/",
        {"file": SimpleUploadedFile("toggl_detailed.csv", data), "tz": "Europe/Berlin"},
        format="multipart",
    ).json()
    queued = client.post(f"/api/imports/{batch['id']}/commit/", {}, format="json")
    assert queued.status_code == 202, queued.content

    def committed():
        body = client.get(f"/api/imports/{batch['id']}/").json()
        return body["status"] == "committed" and body

    wait_until(committed, timeout=60, message=workers.logs()[-3000:])
    # the job is finished just after the batch's transaction commits
    body = wait_until(
        lambda: (
            (b := client.get(f"/api/imports/{batch['id']}/").json())["progress"]["status"] == "done"
            and b
        ),
        timeout=30,
    )
    assert (body["progress"]["done"], body["progress"]["total"]) == (7, 7)
    assert TimeEntry.objects.count() == 7
    assert "Task integrations.commit_import[" in workers.logs()
