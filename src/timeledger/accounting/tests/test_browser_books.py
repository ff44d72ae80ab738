"""Invoices › Books in headless Debian Chromium: an accountant of a German organisation finds
the SKR03 preset, maps expense lines to their own account, exports March as a general journal
("only new", then again: nothing new; then "everything": the same file), as DATEV and as XLSX,
downloads each file from the list of past exports and reads it back."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from timeledger.accounts.roles import Role
from timeledger.invoicing.models import TaxCategory
from timeledger.invoicing.tests import factories as inv
from timeledger.payments import services as payments
from timeledger.testing import factories as f
from timeledger.testing.browser import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = Decimal


@pytest.fixture
def book(transactional_db, settings):
    settings.INVOICE_PDF_ON_ISSUE = False
    org = f.organisation("Nordwind GmbH", slug="nordwind", country="DE")
    accountant = f.member(org, Role.ACCOUNTANT, email="acc@example.com")
    client = f.client(org, code="ACME", name="Acme Retail", currency="EUR")
    std = TaxCategory.objects.create(organisation=org, name="19 %", code="S", rate=D("19"))
    a = inv.issued(accountant, client, [("Build", "10", "150", std)], on=dt.date(2026, 3, 2))
    b = inv.issued(accountant, client, [("Review", "1", "200", std)], on=dt.date(2026, 3, 9))
    payments.pay_invoice(a, by=accountant, amount=str(a.gross_total), date=dt.date(2026, 3, 20))
    return {"a": a, "b": b}


def _export(page, fmt: str, *, everything: bool) -> None:
    page.select_option("#id_export-format", fmt)
    page.fill("#id_export-date_from", "2026-03-01")
    page.fill("#id_export-date_to", "2026-03-31")
    page.check("#id_export-everything_1" if everything else "#id_export-everything_0")
    page.click("#export-button")
    page.wait_for_selector(".flash.export")


def _download_newest(page) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.click("#exports tbody tr:first-child a[data-export]")
    download = info.value
    with open(download.path(), "rb") as fh:
        return download.suggested_filename, fh.read()


def _journal(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode())))


def test_map_export_download_and_read_back(live_server, browser, book, test_output):
    a, b = book["a"], book["b"]
    page = browser.new_page(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    sign_in(page, live_server.url, "acc@example.com")
    page.goto(f"{live_server.url}/invoices/")
    page.click("nav.subnav >> text=Books")
    assert "country presets SKR03" in page.inner_text("#mapping-card")
    assert page.input_value("#id_mapping-receivables") == "1400"
    assert axe_violations(page) == []

    # expense lines to an account of their own; a bad line first: the message stays inline
    page.fill("#id_mapping-revenue_by_model", "expense 8410")
    page.click("#mapping-button")
    assert "write KEY = ACCOUNT" in page.inner_text("#mapping-card")
    page.fill("#id_mapping-revenue_by_model", "expense = 8410")
    page.click("#mapping-button")
    page.wait_for_selector("text=Account mapping saved.")
    assert page.input_value("#id_mapping-revenue_by_model") == "expense = 8410"

    _export(page, "journal_csv", everything=False)
    assert "Exported 3 document(s)" in page.inner_text(".flash.export")
    page.screenshot(path=str(test_output / "books-export.png"), full_page=True)
    name, first = _download_newest(page)
    assert name == "nordwind-journal_csv-20260301-20260331.csv"
    rows = _journal(first)
    per_doc = defaultdict(lambda: [D(0), D(0)])
    for r in rows:
        per_doc[r["Document"]][0] += D(r["Debit"] or 0)
        per_doc[r["Document"]][1] += D(r["Credit"] or 0)
    assert all(d == c for d, c in per_doc.values())
    revenue = sum(D(r["Credit"] or 0) for r in rows if r["Account"] == "8400")
    assert revenue == a.net_total + b.net_total
    receivable = sum(D(r["Debit"] or 0) for r in rows if r["Account"] == "1400")
    assert receivable == a.gross_total + b.gross_total

    # only new: nothing since; everything: the same file again
    _export(page, "journal_csv", everything=False)
    assert "Exported 0 document(s)" in page.inner_text(".flash.export")
    _, empty = _download_newest(page)
    assert _journal(empty) == []
    _export(page, "journal_csv", everything=True)
    _, again = _download_newest(page)
    assert again == first

    _export(page, "datev", everything=False)
    name, datev = _download_newest(page)
    assert name == "EXTF_Buchungsstapel_20260301_20260331.csv"
    lines = datev.decode("cp1252").split("\r\n")
    assert lines[0].startswith('"EXTF";700;21;"Buchungsstapel"')
    assert sum(1 for line in lines[2:] if line) >= 3

    _export(page, "journal_xlsx", everything=True)
    name, xlsx = _download_newest(page)
    values = list(load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True))
    assert values[0][:3] == ("Date", "Document", "Type") and len(values) - 1 == len(rows)
    listed = page.inner_text("#exports")
    assert "DATEV Buchungsstapel (EXTF)" in listed and "everything" in listed
    page.screenshot(path=str(test_output / "books-list.png"), full_page=True)
