"""Client pages: list, detail, create/edit/archive with inline errors, roles and tenancy."""

import pytest

from timeledger.clients.models import Client
from timeledger.testing import factories as f

HX = {"HTTP_HX_REQUEST": "true"}

DATA = {
    "code": "GLOBEX",
    "name": "Globex",
    "legal_name": "Globex GmbH",
    "country": "DE",
    "vat_id": "DE298765432",
    "currency": "EUR",
    "payment_terms_days": "14",
}


@pytest.fixture
def as_manager(client, manager):
    client.force_login(manager.user)
    return client


def test_list_and_detail_show_the_organisations_clients(as_manager, client_, project):
    assert "Acme Retail" in as_manager.get("/clients/").content.decode()
    detail = as_manager.get(f"/clients/{client_.pk}/").content.decode()
    assert "WEB" in detail and "net 30 days" in detail


def test_manager_creates_a_client(as_manager, manager):
    response = as_manager.post("/clients/new/", DATA)
    created = Client.objects.get(code="GLOBEX")
    assert response["Location"] == f"/clients/{created.pk}/"
    assert (created.organisation, created.payment_terms_days) == (manager.organisation, 14)


def test_duplicate_code_is_shown_next_to_the_field(as_manager, client_):
    body = as_manager.post("/clients/new/", {**DATA, "code": "ACME"}, **HX).content.decode()
    assert 'id="id_code-error"' in body
    assert "A client with code ACME already exists." in body


def test_payment_terms_over_a_year_are_refused_inline(as_manager):
    body = as_manager.post("/clients/new/", {**DATA, "payment_terms_days": "400"}).content.decode()
    assert 'id="id_payment_terms_days-error"' in body
    assert not Client.objects.filter(code="GLOBEX").exists()


def test_client_with_open_projects_is_not_archived(as_manager, client_, project):
    body = as_manager.post(f"/clients/{client_.pk}/archive/").content.decode()
    assert "Archive the client&#x27;s projects first." in body
    client_.refresh_from_db()
    assert not client_.is_archived


def test_client_without_open_projects_is_archived(as_manager, client_):
    as_manager.post(f"/clients/{client_.pk}/archive/")
    client_.refresh_from_db()
    assert client_.is_archived


def test_member_sees_clients_but_cannot_manage(client, alice, client_):
    client.force_login(alice.user)
    listing = client.get("/clients/").content.decode()
    assert "Acme Retail" in listing and "New client" not in listing
    assert client.get("/clients/new/").status_code == 403
    assert client.post(f"/clients/{client_.pk}/edit/", DATA).status_code == 403
    assert client.post(f"/clients/{client_.pk}/archive/").status_code == 403
    client_.refresh_from_db()
    assert client_.code == "ACME"


def test_accountant_manages_clients(client, accountant, client_):
    client.force_login(accountant.user)
    client.post(f"/clients/{client_.pk}/edit/", {**DATA, "code": "ACME", "name": "Acme NL"})
    client_.refresh_from_db()
    assert client_.name == "Acme NL"


def test_outsider_gets_404(client, outsider, client_):
    client.force_login(outsider.user)
    assert client.get(f"/clients/{client_.pk}/").status_code == 404
    assert client.get(f"/clients/{client_.pk}/edit/").status_code == 404
    assert client.post(f"/clients/{client_.pk}/archive/").status_code == 404
    assert "Acme Retail" not in client.get("/clients/").content.decode()


def test_anonymous_is_sent_to_login(client, client_):
    response = client.get("/clients/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_client_viewer_cannot_open_client_pages(client, org, client_):
    viewer = f.member(org, "client_viewer", client=client_)
    client.force_login(viewer.user)
    assert client.get("/clients/").status_code == 403
