"""The receipts annex: when an issued invoice's documents are frozen, the receipts of the
expenses it bills become one PDF beside it (a cover, each receipt's pages, each original file
embedded); it goes with the invoice's e-mail (real SMTP on loopback), is read back with pypdf,
and only those who may see the invoice (or hold its client link) get it."""

import datetime as dt
import email
import io
from email import policy

import pytest
from django.test import Client
from PIL import Image
from pypdf import PdfReader, PdfWriter

from timeledger.accounts.roles import Role
from timeledger.billing.engine import run_billing
from timeledger.billing.tests.helpers import approved
from timeledger.expenses.models import Expense, ExpenseStatus, ReceiptAnnex
from timeledger.expenses.tests.helpers import category, log, receipt
from timeledger.invoicing import delivery, issuing
from timeledger.invoicing.models import Invoice
from timeledger.invoicing.tests import factories as inv
from timeledger.testing import factories as f
from timeledger.testing.smtp import smtp_server

pytestmark = pytest.mark.django_db
D = dt.date
SMTP_PORT = 8165  # this work's loopback range (live servers take 8160-8161)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (600, 900), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def _pdf(pages: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


HEIC = b"\x00\x00\x00\x18ftypheic" + b"\x00" * 40  # not drawable here: attached only


@pytest.fixture
def billed(org, owner, alice, project, client_, django_capture_on_commit_callbacks):
    inv.taxes(org)
    travel = category(org, "Travel")
    approved(alice, project, day=D(2026, 3, 3), hours="2.00", rate="100.00")
    files = {
        "taxi.png": (_png(), "image/png"),
        "hotel.pdf": (_pdf(2), "application/pdf"),
        "photo.heic": (HEIC, "image/heic"),
    }
    for n, (name, (data, kind)) in enumerate(files.items()):
        log(
            alice,
            project,
            travel,
            amount="50.00",
            day=D(2026, 3, 3 + n),
            supplier=name.split(".")[0],
            receipt=receipt(data, name, kind),
        )
    log(alice, project, travel, amount="9.00", day=D(2026, 3, 6))  # no receipt
    Expense.objects.update(status=ExpenseStatus.APPROVED)
    run_billing(org, by=owner, up_to=D(2026, 3, 31))
    draft = Invoice.objects.get(project=project)
    with django_capture_on_commit_callbacks(execute=True):  # the documents after commit
        invoice = issuing.issue_invoice(draft, by=owner, issue_date=D(2026, 4, 1))
    return Invoice.objects.get(pk=invoice.pk), files


def test_annex_has_a_cover_each_receipts_pages_and_every_original(billed):
    invoice, files = billed
    annex = ReceiptAnnex.objects.get(invoice=invoice)
    assert invoice.documents_stored_at is not None
    reader = PdfReader(annex.file.path)
    # cover 1 + the PNG as 1 page + the hotel PDF's 2 pages; the HEIC only as a file
    assert (len(reader.pages), annex.pages, annex.receipts) == (4, 4, 3)
    cover = reader.pages[0].extract_text()
    assert f"Invoice {invoice.number}" in cover and "3 receipt(s)" in cover
    assert "pages 3–4; attached: hotel.pdf" in cover and "attached: photo.heic" in cover
    attached = {name.split("-", 2)[2]: data[0] for name, data in reader.attachments.items()}
    assert attached == {name: data for name, (data, _kind) in files.items()}
    # the invoice's own PDF is as issued: no receipt pages in it
    with invoice.pdf.open("rb") as fh:
        assert len(PdfReader(fh).pages) == 1


def test_annex_is_made_once_and_goes_with_the_email(billed, owner, settings):
    invoice, _files = billed
    first = ReceiptAnnex.objects.get(invoice=invoice)
    invoice.client.invoice_email = "ap@acme-retail.example"
    invoice.client.save()
    with smtp_server(settings, port=SMTP_PORT) as inbox:
        delivery.send_invoice(invoice, by=owner, base_url="https://tl.example")
        [message] = inbox.wait_for(1)
    message = email.message_from_bytes(message.as_bytes(), policy=policy.default)
    names = [part.get_filename() for part in message.iter_attachments()]
    assert f"{invoice.number}-receipts.pdf" in names
    part = next(p for p in message.iter_attachments() if p.get_filename().endswith("receipts.pdf"))
    assert len(PdfReader(io.BytesIO(part.get_content())).pages) == 4
    assert ReceiptAnnex.objects.get(invoice=invoice).sha256 == first.sha256
    assert ReceiptAnnex.objects.count() == 1


def test_only_who_may_see_the_invoice_gets_the_annex(billed, org, owner, outsider, client_):
    invoice, _files = billed
    url = f"/expenses/invoices/{invoice.pk}/receipts/"
    c = Client()
    c.force_login(owner.user)
    got = c.get(url)
    assert got.status_code == 200 and got.content.startswith(b"%PDF")
    assert "Receipts annex (3)" in c.get(f"/invoices/{invoice.pk}/").content.decode()
    other = f.client(org, code="OTH", name="Other client")
    viewer = f.member(org, Role.CLIENT_VIEWER, client=other)
    for member in (outsider, viewer):
        c.force_login(member.user)
        assert c.get(url).status_code == 404
    anonymous = Client()
    public = anonymous.get(f"/expenses/i/{invoice.public_token}/receipts/")
    assert public.status_code == 200 and public.content == got.content
    assert anonymous.get("/expenses/i/not-a-token/receipts/").status_code == 404
    assert client_  # the invoice's client
