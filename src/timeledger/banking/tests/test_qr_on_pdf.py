"""The EPC payment QR code is on the stored PDF of an EUR invoice and decodes to its total;
the organisation's logo is on the document (issue 16, issue 11)."""

import datetime as dt
import io
from decimal import Decimal

import pytest
import zxingcpp
from django.core.files.base import ContentFile
from PIL import Image
from pypdf import PdfReader

from timeledger.invoicing import issuing
from timeledger.invoicing import pdf as documents
from timeledger.invoicing.models import Invoice
from timeledger.invoicing.tests import factories as inv

pytestmark = pytest.mark.django_db


def _images(data: bytes) -> list[Image.Image]:
    return [img.image for page in PdfReader(io.BytesIO(data)).pages for img in page.images]


def _issue(org, accountant, client_, capture) -> Invoice:
    tax = inv.taxes(org)
    draft = inv.draft(accountant, client_, [("Consulting", "10", "120", tax["S"])])
    with capture(execute=True):
        invoice = issuing.issue_invoice(draft, by=accountant, issue_date=dt.date(2026, 3, 2))
    return Invoice.objects.get(pk=invoice.pk)


def test_the_stored_pdf_carries_a_girocode_for_the_total(
    org, accountant, client_, django_capture_on_commit_callbacks
):
    org.legal_name, org.iban, org.bic = "Acme Consulting B.V.", "NL91ABNA0417164300", "ABNANL2A"
    org.save()
    invoice = _issue(org, accountant, client_, django_capture_on_commit_callbacks)

    codes = [
        found.text
        for image in _images(documents.ensure_pdf(invoice))
        for found in zxingcpp.read_barcodes(image)
    ]

    (payload,) = codes
    fields = payload.split("\n")
    assert fields[:4] == ["BCD", "002", "1", "SCT"]
    assert fields[5:8] == ["Acme Consulting B.V.", "NL91ABNA0417164300", "EUR1452.00"]
    assert invoice.gross_total == Decimal("1452.00")


def test_no_iban_no_code_and_the_logo_is_drawn(
    org, accountant, client_, django_capture_on_commit_callbacks
):
    png = io.BytesIO()
    Image.new("RGB", (120, 40), (200, 30, 30)).save(png, format="PNG")
    org.logo.save("logo.png", ContentFile(png.getvalue()), save=True)
    invoice = _issue(org, accountant, client_, django_capture_on_commit_callbacks)

    images = _images(documents.ensure_pdf(invoice))

    assert [im.size for im in images] == [(120, 40)]  # the logo, and no QR code without an IBAN
