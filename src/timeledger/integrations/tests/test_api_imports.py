"""``/api/imports/``: status codes, the one error shape, tenancy."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from timeledger.accounts.roles import Role
from timeledger.integrations import tasks
from timeledger.integrations.tests.conftest import DATA, NOW
from timeledger.testing import factories as f
from timeledger.testing.api import assert_error
from timeledger.timesheets.models import TimeEntry


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def upload(name="toggl_detailed.csv", data=None, **fields):
    content = data if data is not None else (DATA / name).read_bytes()
    return {"file": SimpleUploadedFile(name, content), "tz": "Europe/Berlin", **fields}


def test_upload_previews_and_writes_no_entry(api, boss, people):
    response = api(boss).post("/api/imports/", upload(), format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "previewed" and body["format"] == "toggl"
    assert body["preview"]["rows"]["new"] == 7
    assert body["preview"]["time_zone"] == "Europe/Berlin"
    assert not TimeEntry.objects.exists()


def test_commit_remap_and_undo(api, boss, people, berlin, acme):
    shop = f.project(berlin, acme, code="SHOP", name="Web shop")
    client = api(boss)
    batch = client.post("/api/imports/", upload(), format="multipart").json()
    remapped = client.post(
        f"/api/imports/{batch['id']}/preview/",
        {"mapping": {"project:acme retail/website": str(shop.pk)}},
        format="json",
    ).json()
    web = {e["key"]: e for e in remapped["preview"]["entities"]}["project:acme retail/website"]
    assert (web["target_id"], web["how"]) == (shop.pk, "chosen")
    done = client.post(f"/api/imports/{batch['id']}/commit/", {}, format="json")
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "committed" and done.json()["rows_created"] == 7
    assert TimeEntry.objects.filter(project=shop).count() == 4
    again = client.post(f"/api/imports/{batch['id']}/commit/", {}, format="json")
    assert_error(again, 400, "non_field_errors")
    undone = client.post(f"/api/imports/{batch['id']}/undo/")
    assert undone.status_code == 200 and undone.json()["status"] == "undone"
    assert not TimeEntry.objects.exists()


def test_commit_at_once_and_reimport_creates_nothing(api, boss, people):
    client = api(boss)
    first = client.post("/api/imports/", upload(commit="true"), format="multipart")
    assert first.json()["rows_created"] == 7
    second = client.post("/api/imports/", upload(commit="true"), format="multipart").json()
    assert (second["rows_created"], second["rows_duplicate"]) == (0, 7)
    assert TimeEntry.objects.count() == 7


def test_large_files_commit_in_the_background(
    api, boss, people, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(tasks, "BACKGROUND_ROWS", 3)
    client = api(boss)
    batch = client.post("/api/imports/", upload(), format="multipart").json()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        done = client.post(f"/api/imports/{batch['id']}/commit/", {}, format="json")
    assert done.status_code == 202 and done.json()["status"] == "queued"
    assert not TimeEntry.objects.exists()
    queued[0]()  # the worker (Celery runs eagerly in tests)
    assert client.get(f"/api/imports/{batch['id']}/").json()["status"] == "committed"
    assert TimeEntry.objects.count() == 7


@pytest.mark.parametrize(
    "payload, message",
    [
        (
            {"data": b"User,Email,Start date,Start time,End date,End time\n", "format": "toggl"},
            "no column 'Project'",
        ),
        ({"data": bytes(range(256)) * 10}, "binary data"),
        ({"data": b"a,b\n1,2\n"}, "Not an export we read"),
        ({"tz": "Mars/Base"}, "not a time zone"),
    ],
)
def test_malformed_files_are_400_in_the_error_shape(api, boss, people, payload, message):
    data = payload.pop("data", None)
    response = api(boss).post("/api/imports/", upload(data=data, **payload), format="multipart")
    body = assert_error(response, 400, "file", error="invalid")
    assert message in body["fields"]["file"][0]
    assert not TimeEntry.objects.exists()


def test_missing_file_and_bad_mapping_are_field_errors(api, boss):
    assert_error(api(boss).post("/api/imports/", {}, format="multipart"), 400, "file")
    response = api(boss).post("/api/imports/", upload(mapping='{"x": "abc"}'), format="multipart")
    assert_error(response, 400, "mapping")


def test_client_viewers_cannot_import(api, berlin, people):
    viewer = f.member(berlin, Role.CLIENT_VIEWER)
    assert_error(api(viewer).post("/api/imports/", upload(), format="multipart"), 403)


def test_outsider_gets_404(api, boss, outsider, people):
    batch = api(boss).post("/api/imports/", upload(), format="multipart").json()
    other = api(outsider)
    assert_error(other.get(f"/api/imports/{batch['id']}/"), 404)
    assert_error(other.post(f"/api/imports/{batch['id']}/commit/", {}, format="json"), 404)
    assert other.get("/api/imports/").json()["count"] == 0
    assert not TimeEntry.objects.exists()


def test_anonymous_gets_401(api):
    assert_error(api().get("/api/imports/"), 401)
