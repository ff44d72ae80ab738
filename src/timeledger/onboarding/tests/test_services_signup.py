"""Sign-up: an organisation and its owner, with the VAT preset of its country, in one go."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from timeledger.accounts.models import Member, Organisation, User
from timeledger.accounts.roles import Role
from timeledger.billing import services as billing
from timeledger.billing.tests.helpers import approved
from timeledger.core.models import AuditLog
from timeledger.invoicing import issuing
from timeledger.invoicing.models import Invoice, InvoiceStatus, TaxCategory
from timeledger.onboarding import services
from timeledger.onboarding.services import SignUp
from timeledger.testing import factories as f

pytestmark = pytest.mark.django_db

PASSWORD = "Correct-horse-42"


def _data(**kw) -> SignUp:
    values = dict(
        organisation="Acme Consulting",
        name="Eva Jansen",
        email="Eva@Acme.example",
        password=PASSWORD,
        country="NL",
    )
    values.update(kw)
    return SignUp(**values)


def test_sign_up_creates_the_organisation_its_owner_and_the_vat_preset():
    owner = services.sign_up(_data())
    org = owner.organisation
    assert (org.name, org.slug, org.country, org.currency, org.time_zone) == (
        "Acme Consulting",
        "acme-consulting",
        "NL",
        "EUR",
        "Europe/Amsterdam",
    )
    assert owner.role == Role.OWNER and owner.is_active
    user = owner.user
    assert (user.email, user.first_name, user.last_name) == ("eva@acme.example", "Eva", "Jansen")
    assert user.check_password(PASSWORD)
    default = TaxCategory.objects.filter(organisation=org, is_default=True)
    assert {(c.name, c.rate) for c in default} == {
        ("Standard rate (NL)", Decimal("19.00")),
        ("Standard rate (NL)", Decimal("21.00")),
    }
    assert AuditLog.objects.filter(organisation=org, action="sign_up").count() == 1


def test_currency_and_time_zone_follow_the_country_unless_given():
    swiss = services.sign_up(_data(email="a@ch.example", country="CH"))
    assert (swiss.organisation.currency, swiss.organisation.time_zone) == ("CHF", "Europe/Zurich")
    chosen = services.sign_up(
        _data(email="b@gb.example", country="GB", currency="EUR", time_zone="Europe/Dublin")
    )
    assert (chosen.organisation.currency, chosen.organisation.time_zone) == (
        "EUR",
        "Europe/Dublin",
    )
    assert chosen.user.timezone == "Europe/Dublin"


def test_an_organisation_without_vat_gets_the_no_vat_category():
    owner = services.sign_up(_data(charges_vat=False))
    categories = TaxCategory.objects.filter(organisation=owner.organisation)
    assert [(c.name, c.code, c.rate, c.is_default) for c in categories] == [
        ("No VAT", "E", Decimal("0.00"), True)
    ]


def test_a_country_without_a_preset_gets_no_vat():
    owner = services.sign_up(_data(country="US", currency="USD", time_zone="America/New_York"))
    assert TaxCategory.objects.get(organisation=owner.organisation).name == "No VAT"


def test_slugs_stay_unique():
    services.sign_up(_data())
    second = services.sign_up(_data(email="other@acme.example"))
    assert second.organisation.slug == "acme-consulting-2"


@pytest.mark.parametrize(
    "change, field",
    [
        ({"organisation": " "}, "organisation"),
        ({"name": ""}, "name"),
        ({"email": "not-an-email"}, "email"),
        ({"password": "12345678"}, "password"),
        ({"password": "short"}, "password"),
        ({"country": "XX"}, "country"),
        ({"currency": "XYZ"}, "currency"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
    ],
)
def test_each_bad_field_gets_its_own_message_and_nothing_is_created(change, field):
    with pytest.raises(ValidationError) as exc:
        services.sign_up(_data(**change))
    assert field in exc.value.message_dict
    assert not Organisation.objects.exists() and not User.objects.exists()


def test_an_existing_account_is_told_to_sign_in():
    f.user("eva@acme.example")
    with pytest.raises(ValidationError, match="sign in instead"):
        services.sign_up(_data())
    assert not Member.objects.exists()


def test_the_first_invoice_issues_without_setting_up_taxes(django_capture_on_commit_callbacks):
    # given a brand-new organisation, a client, a project and approved time
    owner = services.sign_up(_data())
    org = owner.organisation
    dev = f.member(org, Role.MEMBER)
    client = f.client(org, code="ACME", currency="EUR")
    project = f.project(org, client, code="WEB")
    approved(dev, project, day=dt.date(2026, 3, 2), hours="2.00", rate="100.00")
    # when the owner bills and issues
    billing.start_run(org, by=owner, up_to=dt.date(2026, 3, 31))
    draft = Invoice.objects.get(organisation=org)
    with django_capture_on_commit_callbacks(execute=True):
        invoice = issuing.issue_invoice(draft, by=owner, issue_date=dt.date(2026, 3, 31))
    # then the NL standard rate in force applies
    assert invoice.status == InvoiceStatus.ISSUED
    assert (invoice.net_total, invoice.tax_total) == (Decimal("200.00"), Decimal("42.00"))
