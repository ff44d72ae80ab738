"""Invoices › Books without a browser: the page, inline errors, the chart defaults, tenancy."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from timeledger.accounting import services
from timeledger.accounting.models import AccountingExport
from timeledger.invoicing.models import TaxCategory
from timeledger.invoicing.tests import factories as inv

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_pdf(settings):
    settings.INVOICE_PDF_ON_ISSUE = False


def login(member) -> Client:
    c = Client()
    c.force_login(member.user)
    return c


def test_page_shows_the_country_preset_and_the_mapping(org, accountant):
    org.country = "DE"
    org.save()
    page = login(accountant).get("/invoices/books/").content.decode()
    assert "country presets SKR03" in page
    assert 'name="mapping-receivables"' in page and 'value="1400"' in page
    assert "S = 8400" in page  # the revenue-by-category table as KEY = ACCOUNT lines


def test_bad_period_and_bad_table_are_inline_messages(accountant):
    c = login(accountant)
    r = c.post(
        "/invoices/books/export/",
        {
            "export-format": "datev",
            "export-date_from": "2026-03-31",
            "export-date_to": "2026-03-01",
        },
    )
    assert r.status_code == 400 and "Give a period" in r.content.decode()
    r = c.post(
        "/invoices/books/mapping/",
        {
            "mapping-receivables": "1400",
            "mapping-bank": "1200",
            "mapping-client_credit": "1710",
            "mapping-rounding": "2325",
            "mapping-revenue": "8400",
            "mapping-vat": "1776",
            "mapping-revenue_by_model": "expense 8410",
            "mapping-datev_consultant": "1001",
            "mapping-datev_client": "1",
            "mapping-fiscal_year_start_month": "13",
        },
    )
    body = r.content.decode()
    assert r.status_code == 400 and "write KEY = ACCOUNT" in body
    r = c.post("/invoices/books/chart/", {"chart": "SKR99"})
    assert r.status_code == 400 and "Select a valid choice" in r.content.decode()
    assert not AccountingExport.objects.exists()


def test_chart_loads_defaults_and_mapping_saves_tables(org, accountant):
    c = login(accountant)
    assert c.post("/invoices/books/chart/", {"chart": "SKR04"}).status_code == 302
    m = services.mapping_for(org)
    assert (m.chart, m.bank, m.vat_by_category) == ("SKR04", "1800", {"S": "3806", "AA": "3801"})
    data = {
        f"mapping-{k}": v
        for k, v in {
            "receivables": "1200",
            "bank": "1810",
            "client_credit": "3250",
            "rounding": "6969",
            "revenue": "4400",
            "vat": "3806",
            "revenue_by_category": "S = 4400\nAA = 4300",
            "vat_by_category": "S = 3806",
            "revenue_by_model": "expense = 4410",
            "datev_consultant": "1001",
            "datev_client": "7",
            "fiscal_year_start_month": "1",
        }.items()
    }
    assert c.post("/invoices/books/mapping/", data).status_code == 302
    m.refresh_from_db()
    assert (m.bank, m.revenue_by_model, m.vat_by_category, m.datev_client) == (
        "1810",
        {"expense": "4410"},
        {"S": "3806"},
        7,
    )


def test_member_is_refused_and_outsider_sees_no_export(org, accountant, alice, outsider, client_):
    std = TaxCategory.objects.create(organisation=org, name="19 %", code="S", rate=Decimal("19"))
    inv.issued(accountant, client_, [("Build", "1", "100", std)], on=dt.date(2026, 3, 2))
    e = services.export(
        by=accountant,
        format="journal_csv",
        date_from=dt.date(2026, 3, 1),
        date_to=dt.date(2026, 3, 31),
    )
    assert login(accountant).get(f"/invoices/books/exports/{e.pk}/download/").status_code == 200
    assert login(alice).get("/invoices/books/").status_code == 403
    assert login(outsider).get(f"/invoices/books/exports/{e.pk}/download/").status_code == 404
