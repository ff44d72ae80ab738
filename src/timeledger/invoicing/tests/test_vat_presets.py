"""Country VAT presets: dated rates, reverse charge and zero rate, seeded idempotently."""

import datetime as dt
from decimal import Decimal

import pytest

from timeledger.invoicing import taxes, vat_presets
from timeledger.invoicing.models import TaxCategory
from timeledger.invoicing.rules import TaxVersion, version_in_force
from timeledger.invoicing.tests import factories as inv

REQUIRED = ("NL", "DE", "BE", "FR", "AT", "ES", "IT", "IE", "LU", "PL", "SE", "DK", "GB", "CH")


@pytest.mark.parametrize("country", REQUIRED)
def test_every_required_country_has_standard_zero_and_reverse_charge(country):
    preset = vat_presets.PRESETS[country]
    codes = [c.code for c in preset.categories]
    assert {"S", "Z", "AE"} <= set(codes)
    defaults = [c for c in preset.categories if c.is_default]
    assert [c.code for c in defaults] == ["S"]
    for category in preset.categories:
        days = [d for d, _ in category.versions]
        assert days == sorted(days, key=lambda d: d or dt.date.min), category.name
        for _, rate in category.versions:
            assert Decimal(0) <= Decimal(rate) <= Decimal(30)
        if category.code in ("Z", "E", "AE"):
            assert [Decimal(r) for _, r in category.versions] == [Decimal(0)]
    reverse = next(c for c in preset.categories if c.code == "AE")
    assert "reverse charge" in reverse.note.lower()


def _rate_on(country: str, name: str, day: dt.date) -> Decimal:
    category = next(c for c in vat_presets.PRESETS[country].categories if c.name == name)
    versions = [
        TaxVersion(i, category.code, Decimal(rate), start)
        for i, (start, rate) in enumerate(category.versions)
    ]
    return version_in_force(versions, day).rate


@pytest.mark.parametrize(
    "country, name, day, rate",
    [
        ("NL", "Standard rate (NL)", dt.date(2012, 9, 30), "19"),
        ("NL", "Standard rate (NL)", dt.date(2012, 10, 1), "21"),
        ("NL", "Reduced rate (NL)", dt.date(2018, 12, 31), "6"),
        ("NL", "Reduced rate (NL)", dt.date(2019, 1, 1), "9"),
        ("DE", "Standard rate (DE)", dt.date(2020, 6, 30), "19"),
        ("DE", "Standard rate (DE)", dt.date(2020, 8, 15), "16"),
        ("DE", "Standard rate (DE)", dt.date(2021, 1, 1), "19"),
        ("DE", "Reduced rate (DE)", dt.date(2020, 12, 31), "5"),
        ("IE", "Standard rate (IE)", dt.date(2020, 10, 1), "21"),
        ("IE", "Standard rate (IE)", dt.date(2021, 3, 1), "23"),
        ("LU", "Standard rate (LU)", dt.date(2023, 6, 1), "16"),
        ("LU", "Standard rate (LU)", dt.date(2024, 1, 1), "17"),
        ("CH", "Standard rate (CH)", dt.date(2023, 12, 31), "7.7"),
        ("CH", "Standard rate (CH)", dt.date(2024, 1, 1), "8.1"),
        ("GB", "Standard rate (GB)", dt.date(2026, 1, 1), "20"),
        ("FR", "Standard rate (FR)", dt.date(2026, 1, 1), "20"),
        ("ES", "Standard rate (ES)", dt.date(2026, 1, 1), "21"),
        ("IT", "Standard rate (IT)", dt.date(2026, 1, 1), "22"),
        ("PL", "Standard rate (PL)", dt.date(2026, 1, 1), "23"),
    ],
)
def test_the_rate_in_force_on_a_date(country, name, day, rate):
    assert _rate_on(country, name, day) == Decimal(rate)


def test_preset_key_falls_back_to_no_vat():
    assert vat_presets.preset_key("de") == "DE"
    assert vat_presets.preset_key("US") == vat_presets.NO_VAT
    assert vat_presets.preset_key("DE", charges_vat=False) == vat_presets.NO_VAT


@pytest.mark.django_db
def test_seeding_is_idempotent_and_keeps_edited_rates(org):
    first = vat_presets.seed_preset(org, "DE")
    count = TaxCategory.objects.filter(organisation=org).count()
    assert count == len(first) and count > 5
    edited = TaxCategory.objects.get(
        organisation=org, name="Reduced rate (DE)", effective_from=dt.date(2021, 1, 1)
    )
    edited.rate = Decimal("7.50")
    edited.save()
    vat_presets.seed_preset(org, "DE")
    assert TaxCategory.objects.filter(organisation=org).count() == count
    edited.refresh_from_db()
    assert edited.rate == Decimal("7.50")


@pytest.mark.django_db
def test_a_second_country_becomes_the_default_and_the_first_stays(org):
    vat_presets.seed_preset(org, "NL")
    vat_presets.seed_preset(org, "BE")
    default = taxes.default_category(org)
    assert default.name == "Standard rate (BE)"
    assert taxes.in_force(default, dt.date(2026, 3, 1)).rate == Decimal("21.00")
    assert TaxCategory.objects.filter(organisation=org, name="Standard rate (NL)").count() == 2
    assert not TaxCategory.objects.filter(
        organisation=org, name="Standard rate (NL)", is_default=True
    ).exists()


@pytest.mark.django_db
def test_an_invoice_dated_in_germanys_2020_cut_gets_16_percent(org, accountant, client_):
    vat_presets.seed_preset(org, "DE")
    invoice = inv.issued(
        accountant, client_, [("Design", "10", "100", None)], on=dt.date(2020, 9, 1)
    )
    assert (invoice.net_total, invoice.tax_total) == (Decimal("1000.00"), Decimal("160.00"))


@pytest.mark.django_db
def test_reverse_charge_carries_its_legal_note(org, accountant, client_):
    categories = {c.name: c for c in vat_presets.seed_preset(org, "NL")}
    reverse = categories["Reverse charge (NL)"]
    client_.country, client_.vat_id = "DE", "DE298765432"
    client_.save()
    invoice = inv.issued(accountant, client_, [("Design", "10", "100", reverse)])
    assert invoice.tax_total == Decimal("0.00")
    assert "Article 196" in invoice.tax_note
