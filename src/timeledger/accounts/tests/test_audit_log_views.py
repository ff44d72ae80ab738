import datetime as dt

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from timeledger.core.audit import record
from timeledger.core.models import AuditLog
from timeledger.testing import factories as f


@pytest.fixture
def rows(org, outsider_org, owner, manager, outsider, project):
    a = record(organisation=org, actor=owner.user, action="create", obj=project, after={"x": 1})
    b = record(
        organisation=org,
        actor=manager.user,
        action="update",
        obj=project,
        before={"name": "Web shop"},
        after={"name": "Web shop v2"},
        reason="renamed for the client",
    )
    c = record(organisation=org, actor=owner.user, action="lock_date", obj=org, after={})
    hidden = record(
        organisation=outsider_org, actor=outsider.user, action="create", obj=outsider_org
    )
    return a, b, c, hidden


def ids(response):
    return [r["id"] for r in response.json()["results"]]


def test_api_lists_only_own_organisation_newest_first(api, manager, rows):
    a, b, c, hidden = rows
    response = api(manager).get("/api/audit-log/")
    assert response.status_code == 200
    assert ids(response) == [c.id, b.id, a.id]
    first = response.json()["results"][1]
    assert first["actor_email"] == manager.user.email
    assert first["before"] == {"name": "Web shop"}
    assert first["reason"] == "renamed for the client"


@pytest.mark.parametrize(
    "query, expected",
    [
        ("object_type=projects.project", ["b", "a"]),
        ("action=update", ["b"]),
        ("q=renamed", ["b"]),
        ("actor_email=owner", ["c", "a"]),
    ],
)
def test_api_filters(api, manager, owner, rows, query, expected):
    a, b, c, _ = rows
    by_name = {"a": a.id, "b": b.id, "c": c.id}
    if "owner" in query:
        query = f"actor={owner.user_id}"
    response = api(manager).get(f"/api/audit-log/?{query}")
    assert ids(response) == [by_name[n] for n in expected]


def test_api_filters_by_object_id_and_dates(api, manager, org, rows):
    a, b, c, _ = rows
    today = dt.date.today()
    response = api(manager).get(
        f"/api/audit-log/?object_id={org.pk}&object_type=accounts.organisation"
    )
    assert ids(response) == [c.id]
    assert ids(api(manager).get(f"/api/audit-log/?date_from={today + dt.timedelta(days=2)}")) == []
    assert (
        len(ids(api(manager).get(f"/api/audit-log/?date_to={today + dt.timedelta(days=2)}"))) == 3
    )
    bad = api(manager).get("/api/audit-log/?date_from=yesterday")
    assert bad.status_code == 400
    assert "date_from" in bad.json()["fields"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_api_has_no_write_methods(api, owner, rows, method):
    a = rows[0]
    client = api(owner)
    url = "/api/audit-log/" if method == "post" else f"/api/audit-log/{a.id}/"
    response = getattr(client, method)(url, {"reason": "tampered"}, format="json")
    assert response.status_code == 405
    assert AuditLog.objects.get(pk=a.pk).reason == ""


def test_api_needs_view_audit(api, alice, rows):
    assert api(alice).get("/api/audit-log/").status_code == 403


def test_outsider_sees_nothing_of_ours(api, outsider, rows):
    a, b, c, hidden = rows
    assert ids(api(outsider).get("/api/audit-log/")) == [hidden.id]
    assert api(outsider).get(f"/api/audit-log/{a.id}/").status_code == 404


def test_admin_cannot_add_change_or_delete_audit_rows(rows):
    model_admin = admin.site._registry[AuditLog]
    request = RequestFactory().get("/admin/")
    request.user = f.user(is_staff=True, is_superuser=True)
    assert model_admin.has_view_permission(request, rows[0])
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, rows[0])
    assert not model_admin.has_delete_permission(request, rows[0])
    assert model_admin.get_actions(request) == {}


def test_admin_delete_view_is_refused_for_superuser(client, rows):
    su = f.user(is_staff=True, is_superuser=True)
    client.force_login(su)
    a = rows[0]
    url = reverse("admin:core_auditlog_delete", args=[a.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert AuditLog.objects.filter(pk=a.pk).exists()
    change = client.post(reverse("admin:core_auditlog_change", args=[a.pk]), {"reason": "x"})
    assert change.status_code == 403
    assert client.get(reverse("admin:core_auditlog_changelist")).status_code == 200


def test_page_lists_and_filters(client, manager, rows):
    client.force_login(manager.user)
    page = client.get(reverse("audit_log"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "renamed for the client" in body
    assert "Web shop v2" in body
    filtered = client.get(reverse("audit_log"), {"action": "lock_date"}).content.decode()
    assert "renamed for the client" not in filtered
    assert "lock_date" in filtered


def test_page_htmx_returns_rows_fragment(client, manager, rows):
    client.force_login(manager.user)
    response = client.get(reverse("audit_log"), {"q": "renamed"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body
    assert "renamed for the client" in body


def test_page_shows_inline_error_for_bad_date(client, manager, rows):
    client.force_login(manager.user)
    body = client.get(reverse("audit_log"), {"date_from": "nope"}).content.decode()
    assert 'role="alert"' in body
    assert "Enter a valid date" in body


def test_page_refused_to_plain_member(client, alice, rows):
    client.force_login(alice.user)
    assert client.get(reverse("audit_log")).status_code == 403
