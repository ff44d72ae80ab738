"""``Organisation.language``: the UI's language for members who have not chosen one (their
browser's otherwise), and the invoice language of clients without their own; on the settings page
and ``/api/organisation/``."""

import pytest
from django.conf import settings

from timeledger.accounts.models import Organisation
from timeledger.core.models import AuditLog
from timeledger.invoicing.models import Invoice
from timeledger.invoicing.tests import factories as inv
from timeledger.onboarding.tests.test_views_settings import _form_data
from timeledger.testing import factories as f
from timeledger.testing.api import assert_error

pytestmark = pytest.mark.django_db


def _set_language(org, language):
    Organisation.objects.filter(pk=org.pk).update(language=language)


def test_a_new_organisation_has_no_language_of_its_own(org):
    assert org.language == ""


def test_the_api_reads_and_changes_the_language(api, owner):
    c = api(owner)
    assert c.get("/api/organisation/").json()["language"] == ""
    r = c.patch("/api/organisation/", {"language": "nl"}, format="json")
    assert r.status_code == 200 and r.json()["language"] == "nl"
    assert Organisation.objects.get(pk=owner.organisation_id).language == "nl"
    row = AuditLog.objects.filter(action="settings").first()
    assert (row.before["language"], row.after["language"]) == ("", "nl")


def test_the_api_refuses_an_unknown_language(api, owner):
    r = api(owner).patch("/api/organisation/", {"language": "xx"}, format="json")
    assert_error(r, 400, "language")
    assert Organisation.objects.get(pk=owner.organisation_id).language == ""


def test_a_member_cannot_change_it(api, alice):
    r = api(alice).patch("/api/organisation/", {"language": "de"}, format="json")
    assert r.status_code == 403
    assert Organisation.objects.get(pk=alice.organisation_id).language == ""


def test_the_settings_page_saves_it(client, owner):
    client.force_login(owner.user)
    assert 'name="language"' in client.get("/settings/").content.decode()
    r = client.post("/settings/", {**_form_data(owner.organisation), "language": "de"})
    assert r.status_code == 302, r.content.decode()[:2000]
    assert Organisation.objects.get(pk=owner.organisation_id).language == "de"


@pytest.mark.parametrize(
    ("language", "cookie", "expected"),
    [
        ("", None, ("de", "Heute")),  # no organisation language: the browser's (German)
        ("nl", None, ("nl", "Vandaag")),  # the organisation's, over the browser's
        ("nl", "fr", ("fr", "Aujourd'hui")),  # the member's own choice wins
    ],
)
def test_the_ui_speaks_the_organisations_language_unless_the_member_chose(
    client, compiled, alice, language, cookie, expected
):
    _set_language(alice.organisation, language)
    client.force_login(alice.user)
    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    page = client.get("/today/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9").content.decode()
    code, today = expected
    assert f'<html lang="{code}">' in page and f"<title>{today} ·" in page


def test_a_client_without_a_language_is_invoiced_in_the_organisations(org, accountant):
    _set_language(org, "de")
    org.refresh_from_db()
    own = f.client(org, code="FR", name="Paris", language="fr")
    plain = f.client(org, code="DE", name="Berlin")
    assert (own.document_language, plain.document_language) == ("fr", "de")
    tax = inv.taxes(org)
    issued = inv.issued(accountant, plain, [("Design", "1", "100", tax["S"])])
    assert Invoice.objects.get(pk=issued.pk).language == "de"


def test_neither_client_nor_organisation_language_means_english(org):
    assert f.client(org, code="X", name="X").document_language == "en"
