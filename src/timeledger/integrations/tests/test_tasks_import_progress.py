"""A background import commit is a job with progress: the page shows a bar that htmx polls while
the batch is queued, the API's batch carries the progress, both end at all rows read."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as WebClient
from django.utils import timezone

from timeledger.core.models import Job
from timeledger.integrations import tasks
from timeledger.integrations.imports import service
from timeledger.integrations.models import ImportBatch, ImportStatus
from timeledger.integrations.tests.conftest import DATA, NOW
from timeledger.testing import factories as f
from timeledger.timesheets.models import TimeEntry


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def small_background(monkeypatch):
    monkeypatch.setattr(tasks, "BACKGROUND_ROWS", 3)
    monkeypatch.setattr(service, "PROGRESS_STEP", 2)  # a progress report every two rows


def upload():
    data = (DATA / "toggl_detailed.csv").read_bytes()
    return {"file": SimpleUploadedFile("toggl_detailed.csv", data), "tz": "Europe/Berlin"}


def test_background_commit_reports_rows_as_job_progress(
    api, boss, people, small_background, django_capture_on_commit_callbacks, monkeypatch
):
    seen = []
    real = tasks.jobs.Progress.__call__

    def spy(self, rows):  # what the bar would have shown along the way, read back from the DB
        real(self, rows)
        seen.append(Job.objects.get(pk=self.job_id).done)

    monkeypatch.setattr(tasks.jobs.Progress, "__call__", spy)
    client = api(boss)
    batch = client.post("/api/imports/", upload(), format="multipart").json()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(f"/api/imports/{batch['id']}/commit/", {}, format="json")
    assert response.status_code == 202 and response.json()["progress"] is None
    queued[0]()  # the worker

    body = client.get(f"/api/imports/{batch['id']}/").json()
    assert body["status"] == "committed" and TimeEntry.objects.count() == 7
    assert body["progress"] == {
        "status": "done",
        "done": 7,
        "total": 7,
        "percent": 100,
        "message": "Imported",
        "error": "",
    }
    assert seen == [2, 4, 6, 7]
    job = Job.objects.get()
    assert (job.kind, job.object_type, job.object_id) == (
        "import_commit",
        "integrations.importbatch",
        str(batch["id"]),
    )
    assert job.started_by_id == boss.user_id and job.organisation_id == boss.organisation_id

    # a second delivery of the same message does nothing
    assert tasks.commit_import(batch["id"], boss.pk) == {"skipped": batch["id"]}
    assert Job.objects.count() == 1


def test_import_page_polls_a_progress_bar_while_queued(api, boss, people, small_background):
    batch_id = api(boss).post("/api/imports/", upload(), format="multipart").json()["id"]
    batch = ImportBatch.objects.get(pk=batch_id)
    service.queue(batch, by=boss)
    web = WebClient()
    web.force_login(boss.user)

    page = web.get(f"/imports/{batch_id}/").content.decode()
    assert 'id="import-progress"' in page and 'hx-trigger="every 2s"' in page
    bar = web.get(f"/imports/{batch_id}/progress/", HTTP_HX_REQUEST="true")
    assert "Waiting for a worker" in bar.content.decode() and "HX-Refresh" not in bar
    assert "0 of 7 rows (0 %)" in bar.content.decode()

    tasks.commit_import(batch_id, boss.pk)
    assert ImportBatch.objects.get(pk=batch_id).status == ImportStatus.COMMITTED
    done = web.get(f"/imports/{batch_id}/progress/", HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true" and 'id="import-progress"' not in done.content.decode()

    outsider = f.member(f.organisation("Elsewhere", slug="elsewhere"))
    other = WebClient()
    other.force_login(outsider.user)
    assert other.get(f"/imports/{batch_id}/progress/").status_code == 404
