"""Clients over the REST API: create, edit, archive, validation."""

import pytest

from timeledger.clients.models import Client
from timeledger.core.models import AuditLog
from timeledger.testing import factories as f
from timeledger.testing.api import assert_error

URL = "/api/clients/"


@pytest.fixture
def c(api, manager):
    return api(manager)


def test_create_edit_archive(c, org):
    r = c.post(
        URL,
        {
            "code": "GLOBEX",
            "name": "Globex",
            "legal_name": "Globex Corporation B.V.",
            "address": "Keizersgracht 1\nAmsterdam",
            "country": "NL",
            "vat_id": "NL123456789B01",
            "currency": "USD",
            "payment_terms_days": 14,
            "invoice_email": "ap@globex.example",
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    pk = r.json()["id"]
    client = Client.objects.get(pk=pk)
    assert (client.organisation_id, client.currency, client.payment_terms_days) == (
        org.pk,
        "USD",
        14,
    )
    r = c.patch(f"{URL}{pk}/", {"payment_terms_days": 30}, format="json")
    assert r.json()["payment_terms_days"] == 30
    assert c.delete(f"{URL}{pk}/").status_code == 204
    assert Client.objects.get(pk=pk).is_archived is True
    actions = AuditLog.objects.filter(object_type="clients.client", object_id=str(pk))
    assert sorted(a.action for a in actions) == ["create", "update", "update"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "No code"}, "code"),
        ({"code": "has space", "name": "x"}, "code"),
        ({"code": "X1"}, "name"),
        ({"code": "X1", "name": "x", "currency": "XXX"}, "currency"),
        ({"code": "X1", "name": "x", "payment_terms_days": 400}, "payment_terms_days"),
        ({"code": "X1", "name": "x", "payment_terms_days": -1}, "payment_terms_days"),
        ({"code": "X1", "name": "x", "invoice_email": "not-an-email"}, "invoice_email"),
    ],
)
def test_invalid_client_is_a_field_error(c, payload, field):
    assert_error(c.post(URL, payload, format="json"), 400, field)
    assert Client.objects.count() == 0


def test_duplicate_code_is_refused_within_the_organisation_only(c, client_, outsider_org):
    body = assert_error(c.post(URL, {"code": "ACME", "name": "Again"}, format="json"), 400, "code")
    assert body["fields"]["code"] == ["A client with code ACME already exists."]
    f.client(outsider_org, code="SAME")
    assert c.post(URL, {"code": "SAME", "name": "Fine"}, format="json").status_code == 201


def test_client_with_active_projects_cannot_be_archived(c, client_, project):
    body = assert_error(c.delete(f"{URL}{client_.pk}/"), 400, "non_field_errors")
    assert body["message"] == "Archive the client's projects first."
    client_.refresh_from_db()
    assert client_.is_archived is False


def test_filters(c, org, client_):
    f.client(org, code="OLD", name="Old", is_archived=True)
    codes = {x["code"] for x in c.get(URL, {"is_archived": "false"}).json()["results"]}
    assert codes == {"ACME"}
    assert [x["code"] for x in c.get(URL, {"code": "OLD"}).json()["results"]] == ["OLD"]


def test_default_tax_category_must_be_of_this_organisation(c, org, outsider_org, client_):
    from timeledger.invoicing.models import TaxCategory

    ours = TaxCategory.objects.create(organisation=org, name="VAT 21", rate="21.00")
    theirs = TaxCategory.objects.create(organisation=outsider_org, name="VAT 19", rate="19.00")
    r = c.patch(f"{URL}{client_.pk}/", {"default_tax_category": ours.pk}, format="json")
    assert r.status_code == 200 and r.json()["default_tax_category"] == ours.pk
    r = c.patch(f"{URL}{client_.pk}/", {"default_tax_category": theirs.pk}, format="json")
    assert "does not exist" in assert_error(r, 400, "default_tax_category")["message"]
