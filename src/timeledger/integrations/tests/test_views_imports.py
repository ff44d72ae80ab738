"""Import pages: upload → preview → remap → commit → undo, without a browser."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as WebClient
from django.utils import timezone

from timeledger.accounts.roles import Role
from timeledger.integrations.models import ImportBatch, ImportStatus
from timeledger.integrations.tests.conftest import DATA, NOW
from timeledger.testing import factories as f
from timeledger.timesheets.models import TimeEntry


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def web(member) -> WebClient:
    c = WebClient()
    c.force_login(member.user)
    return c


def upload(c, name="toggl_detailed.csv", data=None):
    content = data if data is not None else (DATA / name).read_bytes()
    return c.post(
        "/imports/",
        {
            "file": SimpleUploadedFile(name, content),
            "tz": "Europe/Berlin",
            "invoiced_as_billed_present": "1",
            "invoiced_as_billed": "on",
            "rates_as_overrides_present": "1",
        },
    )


def form_of(batch, **changes) -> dict:
    data = {}
    for i, e in enumerate(batch.preview["entities"]):
        data[f"key_{i}"] = e["key"]
        current = str(e["target_id"]) if e["target_id"] else ("new" if e["target"] else "")
        data[f"target_{i}"] = changes.get(e["key"], current)
    return data


def test_upload_remap_commit_undo(boss, people, berlin, acme):
    shop = f.project(berlin, acme, code="SHOP", name="Web shop")
    c = web(boss)
    assert c.get("/imports/").status_code == 200
    response = upload(c)
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response.url == f"/imports/{batch.pk}/"
    page = c.get(response.url).content.decode()
    assert "Toggl Track detailed CSV" in page and "Europe/Berlin" in page
    assert "WEB — Website" in page and "10:15" in page
    assert not TimeEntry.objects.exists()

    c.post(
        f"/imports/{batch.pk}/preview/",
        form_of(batch, **{"project:acme retail/website": str(shop.pk)}),
    )
    batch.refresh_from_db()
    assert batch.mapping == {"project:acme retail/website": str(shop.pk)}
    assert "SHOP — Web shop" in c.get(f"/imports/{batch.pk}/").content.decode()

    c.post(f"/imports/{batch.pk}/commit/", form_of(batch))
    batch.refresh_from_db()
    assert batch.status == ImportStatus.COMMITTED
    assert TimeEntry.objects.filter(project=shop).count() == 4
    assert "Undo this import" in c.get(f"/imports/{batch.pk}/").content.decode()

    c.post(f"/imports/{batch.pk}/undo/")
    batch.refresh_from_db()
    assert batch.status == ImportStatus.UNDONE and not TimeEntry.objects.exists()


def test_a_bad_file_shows_the_reason_and_keeps_nothing(boss):
    response = upload(web(boss), data=bytes(range(256)) * 8)
    assert response.status_code == 200
    assert "binary data" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_client_viewers_are_refused(berlin):
    viewer = f.member(berlin, Role.CLIENT_VIEWER)
    assert web(viewer).get("/imports/").status_code == 403


def test_outsider_gets_404(boss, outsider, people):
    upload(web(boss))
    batch = ImportBatch.objects.get()
    c = web(outsider)
    assert c.get(f"/imports/{batch.pk}/").status_code == 404
    assert c.post(f"/imports/{batch.pk}/commit/").status_code == 404
    assert not TimeEntry.objects.exists()
