"""Report exports as background jobs: start one over the API, poll it, download the file — the
same file ``?format=`` returns; errors up front, the file only for whoever started it."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from timeledger.core.models import Job
from timeledger.reports import background
from timeledger.reports.tests.fixtures import World
from timeledger.testing.api import assert_error

Q = "?date_from=2026-10-01&date_to=2026-11-30"
FILTERS = {"date_from": "2026-10-01", "date_to": "2026-11-30"}


@pytest.fixture
def world(org, owner, manager, alice, accountant, client_):
    return World(org, owner, manager, alice, accountant, client_)


def _start(client, name="profitability", fmt="csv", filters=FILTERS):
    return client.post(
        f"/api/reports/{name}/export/", {"format": fmt, "filters": filters}, format="json"
    )


def test_export_job_makes_the_same_file_as_the_direct_export(
    world, api, django_capture_on_commit_callbacks
):
    c = api(world.owner)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        started = _start(c)
    assert started.status_code == 202, started.content
    job = started.json()
    assert (job["status"], job["done"], job["total"], job["percent"]) == ("queued", 0, 3, 0)
    assert (job["report"], job["format"], job["file_url"]) == ("profitability", "csv", None)
    polled = c.get(f"/api/reports/exports/{job['id']}/").json()
    assert polled["status"] == "queued" and polled["message"] == "Waiting for a worker"
    assert c.get(f"/api/reports/exports/{job['id']}/file/").status_code == 404

    queued[0]()  # the worker

    polled = c.get(f"/api/reports/exports/{job['id']}/").json()
    assert (polled["status"], polled["done"], polled["percent"]) == ("done", 3, 100)
    assert polled["filename"] == "profitability-20261001-20261130.csv"
    assert polled["file_url"].endswith(f"/api/reports/exports/{job['id']}/file/")
    got = c.get(f"/api/reports/exports/{job['id']}/file/")
    assert got.status_code == 200 and got["Content-Type"].startswith("text/csv")
    assert (
        b"".join(got.streaming_content)
        == c.get(f"/api/reports/profitability/{Q}&format=csv").content
    )


def test_a_pdf_export_runs_once_when_its_message_comes_twice(world, api):
    c = api(world.owner)
    started = _start(c, "receivables", "pdf")
    assert started.status_code == 202
    job_id = started.json()["id"]
    background.run_export(job_id)
    body = c.get(f"/api/reports/exports/{job_id}/").json()
    assert body["status"] == "done"
    pdf = b"".join(c.get(f"/api/reports/exports/{job_id}/file/").streaming_content)
    assert pdf.startswith(b"%PDF")
    assert background.run_export(job_id) == {"skipped": job_id}  # delivered twice: once


def test_errors_are_answered_before_anything_is_queued(world, api):
    c = api(world.owner)
    r = _start(c, fmt="docx")
    assert r.status_code == 400 and "format" in r.json()["fields"]
    r = _start(c, filters={"date_from": "2026-13-01"})
    assert r.status_code == 400 and "date_from" in r.json()["fields"]
    r = _start(c, "time", filters={"target": "500"})
    assert r.status_code == 400 and "target" in r.json()["fields"]
    assert _start(api(world.alice)).status_code == 403  # a member cannot see profitability
    assert not Job.objects.exists()


def test_only_the_starter_sees_the_job_and_its_file(world, api, outsider):
    job_id = _start(api(world.owner)).json()["id"]
    background.run_export(job_id)
    for other in (api(world.manager), api(outsider)):
        assert other.get(f"/api/reports/exports/{job_id}/").status_code == 404
        assert other.get(f"/api/reports/exports/{job_id}/file/").status_code == 404


def test_a_role_taken_away_before_the_worker_runs_fails_the_job(world, api):
    job_id = _start(api(world.manager), "profitability").json()["id"]
    world.manager.is_active = False
    world.manager.save(update_fields=["is_active"])
    assert "error" in background.run_export(job_id)
    job = Job.objects.get(pk=job_id)
    assert job.status == Job.Status.FAILED and not job.file


KEYS = ["date_from", "date_to", "client", "project", "member", "team", "billable", "group"]


@given(
    body=st.one_of(
        st.fixed_dictionaries(
            {
                "format": st.sampled_from(["csv", "xlsx", "pdf", "", "CSV", "x" * 300]),
                "filters": st.dictionaries(
                    st.sampled_from([*KEYS, "target", "page", "?"]),
                    st.text(max_size=12) | st.sampled_from(["2026-02-30", "-1", "1e9", "NaN"]),
                    max_size=4,
                ),
            }
        ),
        st.dictionaries(st.text(max_size=8), st.none() | st.integers() | st.text(max_size=8)),
    ),
    name=st.sampled_from(["time", "profitability", "team-week", "utilisation"]),
)
@hsettings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_5xx_whatever_the_export_request(world, api, body, name):
    r = api(world.owner).post(f"/api/reports/{name}/export/", body, format="json")
    assert r.status_code in (202, 400, 403), (r.status_code, r.content[:300])
    if r.status_code != 202:
        assert_error(r, r.status_code)  # the one error shape
