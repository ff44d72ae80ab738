"""The invoice document: parsed back from the PDF; the template sandbox; no outside access."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from timeledger.invoicing import issuing, rendering
from timeledger.invoicing import pdf as services
from timeledger.invoicing.models import Invoice
from timeledger.invoicing.tests import factories as inv

pytestmark = pytest.mark.django_db


def _text(data: bytes, tmp_path) -> str:
    path = tmp_path / "x.pdf"
    path.write_bytes(data)
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


@pytest.fixture
def seller(org):
    org.legal_name = "Acme Consulting B.V."
    org.address = "Keizersgracht 1\n1015 AA Amsterdam"
    org.vat_id = "NL123456789B01"
    org.iban = "NL91ABNA0417164300"
    org.bic = "ABNANL2A"
    org.save()
    return org


def test_issued_pdf_has_parties_numbers_taxes_totals_and_bank(
    seller, accountant, client_, tmp_path, django_capture_on_commit_callbacks
):
    tax = inv.taxes(seller)
    client_.legal_name = "Acme Retail GmbH"
    client_.address = "Hauptstrasse 5\n10115 Berlin"
    client_.vat_id = "DE811907980"
    client_.payment_terms_days = 14
    client_.save()
    draft = inv.draft(
        accountant,
        client_,
        [
            ("Discovery and architecture review", "12", "150", tax["S"]),
            ("Licence", "1", "99.99", tax["AA"]),
            ("Remote consulting", "2.5", "120", tax["AE"]),
        ],
        notes="Thank you for your business.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        invoice = issuing.issue_invoice(draft, by=accountant, issue_date=dt.date(2026, 3, 2))
    invoice = Invoice.objects.get(pk=invoice.pk)
    assert invoice.pdf, "stored when issued"
    assert len(invoice.pdf_sha256) == 64
    text = _text(services.ensure_pdf(invoice), tmp_path)
    for expected in (
        "INV-2026-00001",
        "Acme Consulting B.V.",
        "NL123456789B01",
        "Acme Retail GmbH",
        "DE811907980",
        "Hauptstrasse 5",
        "02 Mar 2026",
        "16 Mar 2026",
        "Net 14 days",
        "Discovery and architecture review",
        "1,800.00",
        "378.00",  # 21 % of 1,800.00
        "9.00",  # 9 % of 99.99 = 8.9991
        "2,199.99",  # net: 1,800.00 + 99.99 + 300.00
        "2,586.99",  # total: 2,199.99 + 378.00 + 9.00
        "NL91ABNA0417164300",
        "Reverse charge",
        "Thank you for your business.",
    ):
        assert expected in text, expected
    assert invoice.gross_total == Decimal("2586.99")


def test_stored_pdf_is_never_regenerated(seller, accountant, client_, tmp_path):
    tax = inv.taxes(seller)
    invoice = inv.issued(accountant, client_, [("Work", "1", "100", tax["S"])])
    first = services.ensure_pdf(invoice)
    seller.legal_name = "Renamed Ltd"
    seller.save()
    services.save_template(
        None, {"name": "New", "html": "<p>{{ number }} new</p>", "is_default": True}, by=accountant
    )
    again = services.ensure_pdf(Invoice.objects.get(pk=invoice.pk))
    assert again == first
    assert "Renamed" not in _text(again, tmp_path)


def test_custom_template_is_used_for_new_invoices(seller, accountant, client_, tmp_path):
    tax = inv.taxes(seller)
    services.save_template(
        None,
        {
            "name": "Mine",
            "html": "<h1>Rechnung {{ number }}</h1><p>Summe {{ gross_total }} {{ currency }}</p>",
            "css": "h1 { color: red }",
            "is_default": True,
        },
        by=accountant,
    )
    invoice = inv.issued(accountant, client_, [("Work", "1", "100", tax["S"])])
    text = _text(services.ensure_pdf(invoice), tmp_path)
    assert "Rechnung INV-2026-00001" in text and "Summe 121.00 EUR" in text


@pytest.mark.parametrize(
    "html",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ seller.__class__ }}",
        "{{ lines.append }}{% set x = lines.pop() %}",
        "{% include '/etc/passwd' %}",
        "{% import 'os' as os %}",
        "{{ range(10) }}",
        "{{ lipsum() }}",
        "{% for x in %}",
    ],
)
def test_unsafe_or_broken_templates_are_refused(accountant, html):
    with pytest.raises(ValidationError):
        services.save_template(
            None, {"name": "Evil", "html": html, "is_default": True}, by=accountant
        )


def test_values_are_escaped(org, accountant, client_, tmp_path):
    tax = inv.taxes(org)
    client_.name = client_.legal_name = "<script>alert(1)</script>"
    client_.save()
    draft = inv.draft(accountant, client_, [("<b>bold</b>", "1", "1", tax["S"])])
    html = services.invoice_html(draft)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_no_file_or_network_access_from_a_template(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    html = (
        f'<link rel="stylesheet" href="file://{secret}">'
        f'<img src="file://{secret}"><img src="http://127.0.0.1:9/x.png">'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<style>@import url("https://example.com/x.css");</style><p>hello</p>'
    )
    fetcher = rendering.DataOnlyFetcher()
    data = rendering.render_pdf(html, fetcher=fetcher)
    assert "TOPSECRET" not in _text(data, tmp_path)
    assert any(u.startswith("file://") for u in fetcher.refused)
    assert any(u.startswith("http://127.0.0.1") for u in fetcher.refused)
    assert any(u.startswith("https://example.com") for u in fetcher.refused)
    assert not any(u.startswith("data:") for u in fetcher.refused)


def test_context_holds_plain_values_only(org, accountant, client_):
    tax = inv.taxes(org)
    draft = inv.draft(accountant, client_, [("Work", "1", "100", tax["S"])])
    context = rendering.invoice_context(draft)

    def check(value):
        if isinstance(value, dict):
            for v in value.values():
                check(v)
        elif isinstance(value, list):
            for v in value:
                check(v)
        else:
            assert value is None or isinstance(value, str | int | bool), type(value)

    check(context)
