"""CII D16B and Factur-X: the XSD and the official EN 16931 CII schematron (0 fatal), the PDF/A-3b
with its factur-x.xml extracted back and validated."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core import mail
from pypdf import PdfReader

from timeledger.einvoicing import reader, selectors, services
from timeledger.einvoicing.models import TaxCategoryEinvoiceSettings
from timeledger.einvoicing.tests import factories as ef
from timeledger.einvoicing.tests import official
from timeledger.invoicing import delivery, drafts, issuing
from timeledger.invoicing.models import Invoice, LineKind, TaxCategory
from timeledger.invoicing.tests import factories as inv

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 3, 2)


@pytest.fixture
def tax(org):
    ef.seller(org)
    return inv.taxes(org)


def _zero(org, vat_code, code="Z"):
    category = TaxCategory.objects.create(
        organisation=org, name=vat_code, code=code, rate=Decimal("0")
    )
    TaxCategoryEinvoiceSettings.objects.create(
        organisation=org, tax_category=category, vat_code=vat_code
    )
    return category


def _issue(by, client, lines):
    draft = inv.draft(by, client, lines)
    Invoice.objects.filter(pk=draft.pk).update(
        period_start=dt.date(2026, 2, 1), period_end=dt.date(2026, 2, 28)
    )
    return issuing.issue_invoice(draft, by=by, issue_date=ON)


@pytest.mark.parametrize("case", ["S+AA", "Z", "E", "AE", "K", "G", "O"])
def test_cii_passes_xsd_and_en16931(org, accountant, tax, case):
    client = ef.buyer(org, "cii", country="US" if case in ("G", "O") else "DE")
    cats = {**tax, "K": _zero(org, "K"), "G": _zero(org, "G"), "O": _zero(org, "O", "E")}
    lines = [(f"Consulting {c}", "10.5", "98.7654", cats[c]) for c in case.split("+")]
    invoice = _issue(accountant, client, lines)
    xml = services.xml_of(selectors.stored(invoice))
    assert xml.startswith(b"<?xml") and b"CrossIndustryInvoice" in xml[:300]
    assert official.fatal(xml) == []
    s = reader.read(xml)
    assert (s.tax_exclusive, s.tax_total, s.tax_inclusive, s.payable) == (
        invoice.net_total,
        invoice.tax_total,
        invoice.gross_total,
        invoice.gross_total,
    )


def test_cii_credit_note_with_allowance(org, accountant, tax):
    client = ef.buyer(org, "cii")
    draft = inv.draft(accountant, client, [("Build", "40", "95", tax["S"])])
    drafts.insert_line(
        draft,
        description="Discount",
        quantity=Decimal(1),
        unit_price=Decimal("-100"),
        unit="",
        tax_category=tax["S"],
        kind=LineKind.DISCOUNT,
    )
    invoice = issuing.issue_invoice(draft, by=accountant, issue_date=ON)
    xml = services.xml_of(selectors.stored(invoice))
    assert official.fatal(xml) == []
    assert reader.read(xml).allowance_total == Decimal("100.00")
    credit = issuing.issue_invoice(
        issuing.create_credit_note(invoice, by=accountant), by=accountant, issue_date=ON
    )
    xml = services.xml_of(selectors.stored(credit))
    assert official.fatal(xml) == []
    s = reader.read(xml)
    assert s.type_code == "381" and s.preceding_number == invoice.number
    assert s.payable == -credit.gross_total == invoice.gross_total


def test_facturx_pdf_is_pdfa3b_and_embeds_valid_xml(
    org, accountant, tax, api, django_capture_on_commit_callbacks
):
    client = ef.buyer(org, "facturx", country="FR")
    with django_capture_on_commit_callbacks(execute=True):
        invoice = _issue(accountant, client, [("Audit", "3", "1200", tax["S"])])
    stored = selectors.stored(invoice)
    stored.refresh_from_db()
    assert stored.pdf, "rendered after commit"
    response = api(accountant).get(f"/api/invoices/{invoice.pk}/einvoice/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    extracted = reader.facturx_xml(pdf)
    assert extracted == services.xml_of(stored)
    assert official.fatal(extracted) == []
    doc = PdfReader(io.BytesIO(pdf))
    assert "factur-x.xml" in doc.attachments
    xmp = doc.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "<pdfaid:part>3</pdfaid:part>" in xmp or 'pdfaid:part="3"' in xmp
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in xmp or 'pdfaid:conformance="B"' in xmp
    assert "EN 16931" in xmp
    s = reader.read(pdf)
    assert s.syntax == "Factur-X (CII)" and s.payable == invoice.gross_total
    # Immutable: the second download is the stored file.
    assert services.download(invoice)[1] == pdf


def test_sending_a_facturx_invoice_attaches_the_facturx_pdf(org, accountant, tax):
    client = ef.buyer(org, "facturx", country="FR")
    invoice = _issue(accountant, client, [("Audit", "3", "1200", tax["S"])])
    delivery.send_invoice(invoice, by=accountant)
    (message,) = mail.outbox
    names = [a[0] for a in message.attachments]
    assert names == [f"{invoice.number}.pdf", f"{invoice.number}-facturx.pdf"]
    assert reader.facturx_xml(message.attachments[1][1])
