"""The settings page: one form, messages next to the fields, the VAT preset on a country change."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from timeledger.accounts.models import Organisation
from timeledger.accounts.roles import Role
from timeledger.invoicing.models import TaxCategory
from timeledger.invoicing.vat_presets import seed_preset
from timeledger.onboarding import settings as org_settings
from timeledger.onboarding.forms import SettingsForm
from timeledger.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def web(client, owner):
    seed_preset(owner.organisation, "NL")
    client.force_login(owner.user)
    return client


def _form_data(org) -> dict:
    form = SettingsForm(instance=org, initial=org_settings.settings_of(org))
    data = {}
    for name in form.fields:
        value = form[name].value()
        if name == "logo" or value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        data[name] = value
    return data


def test_the_page_shows_every_section_and_the_vat_summary(web):
    body = web.get("/settings/").content.decode()
    for section in ("Organisation", "Invoicing", "Time", "Security"):
        assert f"<h2>{section}</h2>" in body
    assert "default <strong>Standard rate (NL)</strong> (21.00 %)" in body
    assert 'name="invoice_number_pattern" value="INV-{YYYY}-{SEQ:05}"' in body


def test_saving_unchanged_settings_changes_nothing(web, owner):
    r = web.post("/settings/", _form_data(owner.organisation))
    assert r.status_code == 302, r.content.decode()[:3000]


def test_a_new_country_brings_its_vat_rates(web, owner):
    data = {**_form_data(owner.organisation), "country": "DE", "vat_id": "DE298765432"}
    r = web.post("/settings/", data, follow=True)
    body = r.content.decode()
    assert "VAT rates of Germany set up" in body
    assert TaxCategory.objects.filter(
        organisation=owner.organisation, is_default=True, name="Standard rate (DE)"
    ).exists()


def test_mistakes_show_next_to_their_fields(web, owner):
    data = {**_form_data(owner.organisation), "iban": "NL00ABNA0417164300", "working_days": "88"}
    r = web.post("/settings/", data)
    assert r.status_code == 400
    body = r.content.decode()
    assert "has-error field-iban" in body and "has-error field-working_days" in body
    assert Organisation.objects.get(pk=owner.organisation_id).working_days == "12345"


@pytest.mark.parametrize("role", [Role.MANAGER, Role.MEMBER, Role.ACCOUNTANT])
def test_other_roles_get_403(client, org, role):
    client.force_login(f.member(org, role).user)
    assert client.get("/settings/").status_code == 403


def test_a_logo_is_uploaded_and_cleared_from_the_page(web, owner):
    image = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(image, format="PNG")
    upload = SimpleUploadedFile("logo.png", image.getvalue(), content_type="image/png")
    r = web.post("/settings/", {**_form_data(owner.organisation), "logo": upload})
    assert r.status_code == 302, r.content.decode()[:2000]
    org = Organisation.objects.get(pk=owner.organisation_id)
    assert org.logo.name.endswith(".png")
    r = web.post("/settings/", {**_form_data(org), "logo-clear": "on"})
    assert r.status_code == 302
    assert not Organisation.objects.get(pk=owner.organisation_id).logo
