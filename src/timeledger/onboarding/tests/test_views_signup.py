"""The sign-up and first-run pages, and the setting that closes public sign-up."""

import pytest

from timeledger.accounts.models import Organisation
from timeledger.testing import factories as f

pytestmark = pytest.mark.django_db

FORM = {
    "organisation": "Acme Consulting",
    "name": "Eva Jansen",
    "email": "eva@acme.example",
    "password": "Correct-horse-42",
    "country": "DE",
    "charges_vat": "on",
    "currency": "",
    "time_zone": "",
}


def test_an_empty_installation_shows_the_first_run_page_instead_of_the_login(client):
    response = client.get("/login/")
    assert response.status_code == 302 and response["Location"] == "/welcome/"
    body = client.get("/welcome/").content.decode()
    assert "Welcome to Timeledger" in body and 'name="organisation"' in body


def test_the_first_run_creates_the_organisation_and_signs_the_owner_in(client, settings):
    settings.PUBLIC_SIGNUP = False  # the first organisation can always be made
    response = client.post("/welcome/", FORM)
    assert response.status_code == 302 and response["Location"] == "/settings/"
    org = Organisation.objects.get()
    assert (org.country, org.time_zone) == ("DE", "Europe/Berlin")
    assert client.get("/api/members/me/").json()["role"] == "owner"
    # and from then on the first-run page is gone
    assert client.get("/welcome/")["Location"] == "/login/"


def test_sign_up_from_the_login_page(client, org):
    body = client.get("/login/").content.decode()
    assert 'href="/signup/"' in body
    response = client.post("/signup/", FORM)
    assert response.status_code == 302
    assert Organisation.objects.filter(name="Acme Consulting", country="DE").exists()


def test_field_errors_are_shown_next_to_their_fields(client, org):
    body = client.post("/signup/", {**FORM, "password": "123", "country": "DE"}).content.decode()
    assert "has-error field-password" in body
    assert Organisation.objects.count() == 1


def test_public_sign_up_can_be_turned_off(client, org, settings):
    settings.PUBLIC_SIGNUP = False
    assert 'href="/signup/"' not in client.get("/login/").content.decode()
    assert client.get("/signup/").status_code == 404
    assert client.post("/signup/", FORM).status_code == 404
    assert Organisation.objects.count() == 1


def test_a_signed_in_member_is_sent_home(client, org):
    client.force_login(f.member(org).user)
    assert client.get("/signup/")["Location"] == "/"
