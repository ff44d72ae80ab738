"""``/api/organisation/``: every setting validated with a field-level message; tenancy; roles."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from timeledger.accounts.models import Organisation
from timeledger.accounts.roles import Role
from timeledger.core.models import AuditLog
from timeledger.invoicing import issuing
from timeledger.invoicing.models import InvoiceSequence, TaxCategory
from timeledger.invoicing.tests import factories as inv
from timeledger.invoicing.vat_presets import seed_preset
from timeledger.testing import factories as f
from timeledger.testing.api import assert_error

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(out, format="PNG")
    return out.getvalue()


BAD = [
    ("name", "", "may not be blank"),
    ("legal_name", "x" * 201, "200"),
    ("country", "XX", "valid choice"),
    ("vat_id", "NL123", "shape of a NL VAT id"),
    ("registration_id", "x" * 41, "40"),
    ("email", "not-an-email", "valid email"),
    ("iban", "NL00ABNA0417164300", "check digits"),
    ("iban", "NL91ABNA041716430", "18 characters"),
    ("bic", "ABC", "8 or 11"),
    ("currency", "XYZ", "valid choice"),
    ("time_zone", "Mars/Olympus", "valid choice"),
    ("week_start", 8, "valid choice"),
    ("working_days", "1189", "ISO weekday digits"),
    ("working_hours_per_day", "25", "less than or equal to 24"),
    ("default_payment_terms_days", 400, "less than or equal to 365"),
    ("require_two_factor", "maybe", "valid boolean"),
    ("rounding_increment", 7, "valid choice"),
    ("rounding_mode", "sideways", "valid choice"),
    ("lock_date", "2999-01-01", "cannot be in the future"),
    ("reminder_frequency", "hourly", "valid choice"),
    ("approved_unbilled_days", 0, "between 1 and 365"),
    ("invoice_number_pattern", "INV-{YYYY}", "{SEQ}"),
    ("invoice_number_pattern", "INV-{SEQ}-{DD}", "Unknown placeholder"),
    ("vat_preset", "XX", "valid choice"),
]


@pytest.mark.parametrize("field, value, message", BAD, ids=[f"{b[0]}={b[1]!s:.12}" for b in BAD])
def test_every_setting_is_validated_with_a_field_level_message(api, owner, field, value, message):
    before = Organisation.objects.values().get(pk=owner.organisation_id)
    r = api(owner).patch("/api/organisation/", {field: value}, format="json")
    assert_error(r, 400, field)
    assert message.lower() in " ".join(r.json()["fields"][field]).lower()
    assert Organisation.objects.values().get(pk=owner.organisation_id) == before


def test_several_mistakes_are_reported_together_and_nothing_is_saved(api, owner):
    r = api(owner).patch(
        "/api/organisation/",
        {
            "iban": "NL00",
            "invoice_number_pattern": "X",
            "name": "New name",
            "approved_unbilled_days": 0,
        },
        format="json",
    )
    assert r.status_code == 400
    assert {"iban", "invoice_number_pattern", "approved_unbilled_days"} <= set(r.json()["fields"])
    assert Organisation.objects.get(pk=owner.organisation_id).name == "Acme Consulting"


def test_moving_the_lock_date_back_needs_a_reason(api, owner):
    c = api(owner)
    assert (
        c.patch("/api/organisation/", {"lock_date": "2026-01-31"}, format="json").status_code == 200
    )
    assert_error(
        c.patch("/api/organisation/", {"lock_date": "2026-01-15"}, format="json"),
        400,
        "lock_reason",
    )
    r = c.patch(
        "/api/organisation/",
        {"lock_date": "2026-01-15", "lock_reason": "late expense"},
        format="json",
    )
    assert r.status_code == 200 and r.json()["lock_date"] == "2026-01-15"


def test_the_owner_changes_details_and_reads_them_back(api, owner):
    body = {
        "legal_name": "Acme Consulting B.V.",
        "address": "Keizersgracht 1\n1015 AA Amsterdam",
        "vat_id": "nl 8591.23456.B01",
        "iban": "NL91 ABNA 0417 1643 00",
        "bic": "abnanl2a",
        "registration_id": "KvK 81234567",
        "week_start": 7,
        "working_days": "1234",
        "working_hours_per_day": "7.50",
        "default_payment_terms_days": 14,
        "rounding_increment": 15,
        "rounding_mode": "up",
        "reminder_frequency": "weekly",
        "invoice_number_pattern": "{YY}{MM}-{SEQ:04}",
        "require_two_factor": True,
    }
    r = api(owner).patch("/api/organisation/", body, format="json")
    assert r.status_code == 200, r.json()
    data = r.json()
    assert data["vat_id"] == "NL859123456B01" and data["iban"] == "NL91ABNA0417164300"
    assert data["bic"] == "ABNANL2A" and data["working_hours_per_day"] == "7.50"
    assert data["invoice_number_pattern"] == "{YY}{MM}-{SEQ:04}"
    org = Organisation.objects.get(pk=owner.organisation_id)
    assert (org.week_start, org.rounding_increment, org.require_two_factor) == (7, 15, True)
    assert (
        InvoiceSequence.objects.get(organisation=org, series="INV").pattern == "{YY}{MM}-{SEQ:04}"
    )
    assert AuditLog.objects.filter(organisation=org, action="settings").count() == 1


def test_the_new_pattern_numbers_the_next_invoice_and_the_counter_goes_on(
    api, owner, accountant, client_
):
    tax = inv.taxes(owner.organisation)
    first = inv.issued(accountant, client_, [("A", "1", "100", tax["S"])])
    api(owner).patch(
        "/api/organisation/", {"invoice_number_pattern": "F{YY}-{SEQ:03}"}, format="json"
    )
    second = inv.issued(accountant, client_, [("B", "1", "100", tax["S"])])
    assert (first.number, second.number) == ("INV-2026-00001", "F26-002")


def test_changing_the_country_seeds_its_vat_preset(api, owner):
    seed_preset(owner.organisation, "NL")
    r = api(owner).patch(
        "/api/organisation/", {"country": "BE", "vat_id": "BE0123456749"}, format="json"
    )
    assert r.status_code == 200, r.json()
    assert r.json()["vat_preset"] == "BE"
    default = TaxCategory.objects.filter(organisation=owner.organisation, is_default=True)
    assert {c.name for c in default} == {"Standard rate (BE)"}


def test_choosing_no_vat_makes_no_vat_the_default(api, owner, accountant, client_):
    seed_preset(owner.organisation, "NL")
    r = api(owner).patch("/api/organisation/", {"vat_preset": "none"}, format="json")
    assert r.json()["vat_preset"] == "none"
    invoice = issuing.issue_invoice(
        inv.draft(accountant, client_, [("A", "1", "100", None)]),
        by=accountant,
        issue_date=dt.date(2026, 3, 2),
    )
    assert invoice.tax_total == Decimal("0.00") and "No VAT charged" in invoice.tax_note


def test_a_logo_is_uploaded_and_a_non_image_refused(api, owner):
    c = api(owner)
    bad = SimpleUploadedFile("logo.txt", b"hello", content_type="text/plain")
    assert_error(c.patch("/api/organisation/", {"logo": bad}, format="multipart"), 400, "logo")
    good = SimpleUploadedFile("logo.png", _png(), content_type="image/png")
    r = c.patch("/api/organisation/", {"logo": good}, format="multipart")
    assert r.status_code == 200, r.json()
    assert Organisation.objects.get(pk=owner.organisation_id).logo.name.endswith(".png")


def test_the_currency_cannot_change_while_cost_rates_exist(api, owner):
    f.rate(owner.organisation, "50", kind="cost")
    assert_error(
        api(owner).patch("/api/organisation/", {"currency": "USD"}, format="json"), 400, "currency"
    )


@pytest.mark.parametrize("role", [Role.MANAGER, Role.MEMBER, Role.ACCOUNTANT])
def test_only_owners_and_admins_change_settings(api, org, role):
    m = f.member(org, role)
    c = api(m)
    assert c.get("/api/organisation/").json()["name"] == "Acme Consulting"
    assert_error(c.patch("/api/organisation/", {"name": "Mine"}, format="json"), 403)


def test_an_admin_of_one_organisation_never_reads_or_changes_another(api, org, owner, outsider):
    c = api(outsider)
    assert c.get("/api/organisation/").json()["slug"] == "other"
    c.patch("/api/organisation/", {"name": "Renamed", "id": org.pk, "slug": "acme"}, format="json")
    org.refresh_from_db()
    assert (org.name, org.slug) == ("Acme Consulting", "acme")
    assert Organisation.objects.get(slug="other").name == "Renamed"


def test_anonymous_gets_401(api):
    assert_error(api().get("/api/organisation/"), 401)
