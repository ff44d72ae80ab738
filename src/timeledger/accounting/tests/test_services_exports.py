"""Accounting exports: the journal balances and matches the invoices; DATEV, Xero and QuickBooks
files field by field against their import specifications; marks and idempotent re-export."""

import csv
import datetime as dt
import io
from collections import defaultdict
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from timeledger.accounting import services
from timeledger.accounting.exports import datev, qbo, xero
from timeledger.cli import main as cli
from timeledger.invoicing.models import TaxCategory
from timeledger.invoicing.tests import factories as inv
from timeledger.payments import services as payments
from timeledger.testing import factories as f

pytestmark = pytest.mark.django_db
D = Decimal
PERIOD = {"date_from": dt.date(2026, 3, 1), "date_to": dt.date(2026, 3, 31)}


@pytest.fixture(autouse=True)
def _no_pdf(settings):
    settings.INVOICE_PDF_ON_ISSUE = False


@pytest.fixture
def de_org(org):
    org.country = "DE"
    org.save()
    return org


@pytest.fixture
def book(de_org, accountant, client_):
    std = TaxCategory.objects.create(organisation=de_org, name="19 %", code="S", rate=D("19"))
    red = TaxCategory.objects.create(organisation=de_org, name="7 %", code="AA", rate=D("7"))
    a = inv.issued(
        accountant,
        client_,
        [("Build", "12.5", "150", std), ("Books", "3", "33.33", red)],
        on=dt.date(2026, 3, 2),
    )
    b = inv.issued(accountant, client_, [("Review", "1", "999.99", std)], on=dt.date(2026, 3, 9))
    pay = payments.pay_invoice(a, by=accountant, amount="3000", date=dt.date(2026, 3, 20))
    return {"a": a, "b": b, "payment": pay, "std": std, "red": red}


def _journal(accountant):
    e = services.export(by=accountant, format="journal_csv", everything=True, **PERIOD)
    return list(csv.DictReader(io.StringIO(bytes(e.content).decode())))


def test_journal_balances_and_equals_the_invoices(accountant, book):
    rows = _journal(accountant)
    per_doc = defaultdict(lambda: [D(0), D(0)])
    for r in rows:
        per_doc[r["Document"]][0] += D(r["Debit"] or 0)
        per_doc[r["Document"]][1] += D(r["Credit"] or 0)
    assert all(d == c for d, c in per_doc.values()), per_doc
    assert sum(d for d, _ in per_doc.values()) == sum(c for _, c in per_doc.values())
    a, b = book["a"], book["b"]
    by_account = defaultdict(D)
    for r in rows:
        if r["Type"] == "invoice":
            by_account[r["Account"]] += D(r["Credit"] or 0) - D(r["Debit"] or 0)
    # SKR03 (Germany): revenue 8400 (19 %) and 8300 (7 %), VAT 1776 and 1771, receivables 1400
    assert by_account["8400"] == D("1875.00") + D("999.99")
    assert by_account["8300"] == D("99.99")
    assert by_account["1776"] == a.tax_total - D("7.00") + b.tax_total  # 19 % parts
    assert by_account["1771"] == D("7.00")
    assert -by_account["1400"] == a.gross_total + b.gross_total
    # the over-payment goes to client credit 1710
    pay_rows = [r for r in rows if r["Type"] == "payment"]
    assert {(r["Account"], r["Debit"], r["Credit"]) for r in pay_rows} == {
        ("1200", "3000.00", ""),
        ("1400", "", str(a.gross_total.quantize(D("0.01")))),
        ("1710", "", str((D("3000") - a.gross_total).quantize(D("0.01")))),
    }


def test_xlsx_journal_has_the_same_rows(accountant, book):
    e = services.export(by=accountant, format="journal_xlsx", everything=True, **PERIOD)
    ws = load_workbook(io.BytesIO(bytes(e.content))).active
    values = list(ws.iter_rows(values_only=True))
    assert values[0][:3] == ("Date", "Document", "Type")
    assert len(values) - 1 == len(_journal(accountant))


def test_datev_header_and_bookings(accountant, book):
    e = services.export(by=accountant, format="datev", everything=True, **PERIOD)
    text = bytes(e.content).decode("cp1252")
    lines = text.split("\r\n")
    head = lines[0].split(";")
    assert len(head) == 31
    assert head[:5] == ['"EXTF"', "700", "21", '"Buchungsstapel"', "13"]
    assert len(head[5]) == 17 and head[5].isdigit()  # YYYYMMDDHHMMSSFFF
    assert head[10:16] == ["1001", "1", "20260101", "4", "20260301", "20260331"]
    assert head[21] == '"EUR"' and head[26] == '"03"'
    assert lines[1].split(";")[: len(datev.COLUMNS)] == [f'"{c}"' for c in datev.COLUMNS]
    bookings = [line.split(";") for line in lines[2:] if line]
    a = book["a"]
    first = [x for x in bookings if x[10] == f'"{a.number}"']
    # per revenue account: gross (net + its VAT), decimal comma, S, receivables against revenue
    assert sorted((x[0], x[1], x[6], x[7], x[9]) for x in first[:2]) == sorted(
        [
            ("2231,25", '"S"', '"1400"', '"8400"', "0203"),
            ("106,99", '"S"', '"1400"', '"8300"', "0203"),
        ]
    )
    assert sum(D(x[0].replace(",", ".")) for x in first if x[7] in ('"8400"', '"8300"')) == (
        a.gross_total
    )


def test_xero_and_qbo_columns_and_formats(accountant, book):
    x = services.export(by=accountant, format="xero", everything=True, **PERIOD)
    rows = list(csv.reader(io.StringIO(bytes(x.content).decode())))
    assert rows[0] == xero.HEADER and rows[0][0] == "*ContactName"
    h = {name: i for i, name in enumerate(rows[0])}
    a = book["a"]
    line = rows[1]
    assert line[h["*InvoiceNumber"]] == a.number and line[h["*InvoiceDate"]] == "02/03/2026"
    assert line[h["*Quantity"]] == "12.5" and line[h["*UnitAmount"]] == "150"
    assert line[h["*AccountCode"]] == "8400" and line[h["*TaxType"]] == "19 %"
    assert len(rows) == 1 + 3  # three lines, two invoices; payments are not invoices
    q = services.export(by=accountant, format="qbo", everything=True, **PERIOD)
    rows = list(csv.reader(io.StringIO(bytes(q.content).decode())))
    assert rows[0] == qbo.HEADER
    h = {name: i for i, name in enumerate(rows[0])}
    assert rows[1][h["InvoiceNo"]] == a.number and rows[1][h["InvoiceDate"]] == "03/02/2026"
    assert rows[1][h["ItemAmount"]] == "1875.00" and rows[1][h["Customer"]] == "Acme Retail"
    total = sum(D(r[h["ItemAmount"]]) for r in rows[1:] if r[h["InvoiceNo"]] == a.number)
    assert total == a.net_total


def test_marks_idempotent_reexport_and_only_new(accountant, book, client_):
    first = services.export(by=accountant, format="journal_csv", **PERIOD)
    again = services.export(by=accountant, format="journal_csv", **PERIOD)
    assert first.documents == 3 and again.documents == 0  # nothing new
    everything = services.export(by=accountant, format="journal_csv", everything=True, **PERIOD)
    assert bytes(everything.content) == bytes(first.content)
    d1 = services.export(by=accountant, format="datev", everything=True, **PERIOD)
    d2 = services.export(by=accountant, format="datev", everything=True, **PERIOD)
    assert bytes(d1.content) == bytes(d2.content)
    # a new document: the next export holds only it
    inv.issued(accountant, client_, [("More", "1", "10", book["std"])], on=dt.date(2026, 3, 30))
    later = services.export(by=accountant, format="journal_csv", **PERIOD)
    assert later.documents == 1


def test_reversal_is_its_own_document(accountant, book):
    payments.reverse_payment(book["payment"], by=accountant, reason="bounced")
    today = book["payment"].reversed_at if book["payment"].reversed_at else None
    p = type(book["payment"]).objects.get(pk=book["payment"].pk)
    day = p.reversed_at.date()
    e = services.export(
        by=accountant, format="journal_csv", everything=True, date_from=day, date_to=day
    )
    rows = list(csv.DictReader(io.StringIO(bytes(e.content).decode())))
    assert {(r["Type"], r["Account"], r["Credit"]) for r in rows if r["Account"] == "1200"} == {
        ("reversal", "1200", "3000.00")
    }
    assert today is None or today


def test_mapping_defaults_and_bad_input(accountant, de_org):
    m = services.mapping_for(de_org)
    assert (m.chart, m.receivables, m.revenue_by_category["S"]) == ("SKR03", "1400", "8400")
    m = services.update_mapping({"chart": "SKR04"}, by=accountant)
    assert (m.receivables, m.bank, m.revenue_by_category["AA"], m.vat_by_category["S"]) == (
        "1200",
        "1800",
        "4300",
        "3806",
    )
    with pytest.raises(Exception, match="Unknown chart"):
        services.update_mapping({"chart": "SKR99"}, by=accountant)
    with pytest.raises(Exception, match="account number"):
        services.update_mapping({"bank": ""}, by=accountant)
    with pytest.raises(Exception, match="period"):
        services.export(
            by=accountant,
            format="datev",
            date_from=dt.date(2026, 3, 2),
            date_to=dt.date(2026, 3, 1),
        )
    assert f  # factories are imported for the fixtures' sake


def test_api_exports_and_downloads(api, accountant, book, outsider, alice):
    c = api(accountant)
    r = c.post(
        "/api/accounting/exports/",
        {"format": "datev", "date_from": "2026-03-01", "date_to": "2026-03-31"},
        format="json",
    )
    assert r.status_code == 201 and r.json()["documents"] == 3
    got = c.get(f"/api/accounting/exports/{r.json()['id']}/download/")
    assert got.status_code == 200 and got.content.startswith(b'"EXTF";700;21')
    bad = c.post(
        "/api/accounting/exports/",
        {"format": "sap", "date_from": "2026-03-01", "date_to": "2026-03-31"},
        format="json",
    )
    assert bad.status_code == 400 and "format" in bad.json()["fields"]
    assert api(outsider).get(f"/api/accounting/exports/{r.json()['id']}/").status_code == 404
    assert api(alice).get("/api/accounting/exports/").status_code == 403
    m = c.patch("/api/accounting/mapping/", {"chart": "SKR04"}, format="json")
    assert m.status_code == 200 and m.json()["bank"] == "1800"


def test_cli_exports_a_period(accountant, book, tmp_path, capsys):
    out = tmp_path / "j.csv"
    email = accountant.user.email
    args = ["--user", email, "accounting", "export", "--format", "journal_csv"]
    assert cli([*args, "--from", "2026-03-01", "--to", "2026-03-31", "--out", str(out)]) == 0
    assert "3 documents" in capsys.readouterr().out and out.read_bytes().startswith(b"Date,")
    assert cli([*args, "--from", "2026-03-31", "--to", "2026-03-01"]) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
