"""The webhooks API, pages and CLI: owners and admins only, field errors, tenancy, replay."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from timeledger.accounts.roles import Role
from timeledger.cli import main as cli
from timeledger.core import events
from timeledger.testing import factories as f
from timeledger.testing.api import assert_error
from timeledger.webhooks import selectors, services
from timeledger.webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(org):
    return f.member(org, Role.ADMIN, email="admin@example.com")


def test_admin_registers_an_endpoint_and_sees_its_secret(api, admin):
    r = api(admin).post(
        "/api/webhooks/endpoints/",
        {"url": "https://hooks.example.com/tl", "event_types": ["invoice.paid", "invoice.issued"]},
        format="json",
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["secret"].startswith("whsec_") and body["is_active"] is True
    assert body["event_types"] == ["invoice.issued", "invoice.paid"]
    rotated = api(admin).post(f"/api/webhooks/endpoints/{body['id']}/rotate-secret/")
    assert rotated.status_code == 200 and rotated.json()["secret"] != body["secret"]
    assert rotated.json()["previous_secret_expires_at"]


def test_bad_input_answers_field_errors(api, admin):
    c = api(admin)
    assert_error(c.post("/api/webhooks/endpoints/", {"url": "ftp://x"}, format="json"), 400, "url")
    assert_error(
        c.post(
            "/api/webhooks/endpoints/",
            {"url": "https://x.example", "event_types": ["invoice.eaten"]},
            format="json",
        ),
        400,
        "event_types.0",
    )


def test_other_roles_and_outsiders_get_nothing(api, admin, accountant, outsider):
    endpoint = services.create_endpoint(by=admin, url="https://x.example/h")
    assert api(accountant).get("/api/webhooks/endpoints/").status_code == 403
    assert (
        api(accountant)
        .post("/api/webhooks/endpoints/", {"url": "https://y.example"}, format="json")
        .status_code
        == 403
    )
    assert api(outsider).get("/api/webhooks/endpoints/").json()["results"] == []
    assert api(outsider).get(f"/api/webhooks/endpoints/{endpoint.pk}/").status_code == 404
    assert api(outsider).get("/api/webhooks/deliveries/").json()["results"] == []


def test_deliveries_list_and_replay(api, admin, org):
    endpoint = services.create_endpoint(by=admin, url="http://127.0.0.1:18598/none")
    events.emit(org, "invoice.overdue", data={"note": "test"})
    delivery = WebhookDelivery.objects.get()
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status="failed", attempts=8)
    c = api(admin)
    rows = c.get(f"/api/webhooks/deliveries/?endpoint={endpoint.pk}").json()["results"]
    assert [(d["event_type"], d["status"]) for d in rows] == [("invoice.overdue", "failed")]
    assert rows[0]["payload"]["data"] == {"note": "test"}
    r = c.post(f"/api/webhooks/deliveries/{delivery.pk}/replay/")
    assert r.status_code == 202 and r.json()["status"] == "pending" and r.json()["attempts"] == 0
    types = c.get("/api/webhooks/event-types/").json()
    assert {"type": "invoice.paid", "description": "An invoice was paid in full"} in types


def test_pages_add_and_list_endpoints(client, admin, accountant):
    client.force_login(admin.user)
    r = client.post(
        reverse("webhook_list"),
        {"url": "https://hooks.example.com/a", "event_types": ["invoice.sent"]},
    )
    endpoint = WebhookEndpoint.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("webhook_detail", args=[endpoint.pk])
    page = client.get(r["Location"])
    assert endpoint.secret in page.content.decode()
    bad = client.post(reverse("webhook_list"), {"url": "not a url"})
    assert bad.status_code == 400 and "Enter a valid URL" in bad.content.decode()
    client.force_login(accountant.user)
    assert client.get(reverse("webhook_list")).status_code == 403


def test_cli_adds_lists_and_rejects(admin, capsys):
    email = admin.user.email
    assert (
        cli(["--user", email, "webhook", "add", "https://h.example/x", "--event", "invoice.paid"])
        == 0
    )
    out = capsys.readouterr().out
    assert "invoice.paid" in out and "secret: whsec_" in out
    assert cli(["--user", email, "webhook", "list"]) == 0
    assert "https://h.example/x" in capsys.readouterr().out
    assert cli(["--user", email, "webhook", "add", "mailto:x"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "http" in err[0]
    assert cli(["--user", email, "webhook", "replay", "999"]) == 1
    assert "no webhook delivery 999" in capsys.readouterr().err


def test_reads_changes_and_pages_refuse_other_roles_with_one_translated_message(accountant):
    """One rule (``selectors.require_manager``) for the reads, the changes and the pages: the
    reads said it in English whatever the reader's language."""
    expected = "Nur Inhaber und Administratoren verwalten Webhooks."
    with translation.override("de"):
        for call in (
            lambda: selectors.endpoints(accountant),
            lambda: selectors.deliveries(accountant),
            lambda: services.create_endpoint(by=accountant, url="https://x.example/h"),
            lambda: selectors.require_manager(None),
        ):
            with pytest.raises(PermissionDenied) as refused:
                call()
            assert str(refused.value) == expected
