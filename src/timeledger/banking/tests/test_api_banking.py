"""Bank statements over the API, the page and the CLI: upload, queue, confirm, undo, errors,
tenancy."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from timeledger.banking.models import BankTransaction
from timeledger.banking.tests import statements
from timeledger.cli import main as cli
from timeledger.invoicing.models import InvoiceStatus
from timeledger.invoicing.tests import factories as inv
from timeledger.testing.api import assert_error

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(autouse=True)
def _no_pdf(settings):
    settings.INVOICE_PDF_ON_ISSUE = False


@pytest.fixture
def invoice(org, accountant, client_):
    tax = inv.taxes(org)
    return inv.issued(accountant, client_, [("Work", "1", "100", tax["Z"])])


def _file(invoice, amount="100.00", text=None):
    data = statements.camt053(
        [{"amount": amount, "txs": [{"amount": amount, "ustrd": text or invoice.number}]}]
    )
    return SimpleUploadedFile("s.xml", data, content_type="application/xml")


def test_upload_matches_and_the_queue_lists_the_rest(api, accountant, invoice, outsider):
    c = api(accountant)
    r = c.post("/api/bank-statements/", {"file": _file(invoice)}, format="multipart")
    assert r.status_code == 201, r.content
    assert r.json()["credits_new"] == 1 and r.json()["format"] == "camt053"
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID
    r = c.post(
        "/api/bank-statements/", {"file": _file(invoice, "33.00", "who knows")}, format="multipart"
    )
    queue = c.get("/api/bank-statements/transactions/?status=review").json()["results"]
    assert [(t["amount"], t["suggestion"]["kind"]) for t in queue] == [("33.00", "none")]
    assert api(outsider).get("/api/bank-statements/transactions/").json()["results"] == []
    assert api(outsider).get("/api/bank-statements/").json()["results"] == []
    tx = queue[0]["id"]
    assert api(outsider).post(f"/api/bank-statements/transactions/{tx}/ignore/").status_code == 404


def test_duplicate_and_bad_files_answer_400(api, accountant, invoice):
    c = api(accountant)
    c.post("/api/bank-statements/", {"file": _file(invoice)}, format="multipart")
    body = assert_error(
        c.post("/api/bank-statements/", {"file": _file(invoice)}, format="multipart"), 400, "file"
    )
    assert "imported already" in body["message"]
    bad = SimpleUploadedFile("x.xml", b"<Document>", content_type="application/xml")
    assert_error(c.post("/api/bank-statements/", {"file": bad}, format="multipart"), 400, "file")
    assert_error(
        c.post(
            "/api/bank-statements/",
            {"file": _file(invoice, "1.00", "x"), "mapping": "not json"},
            format="multipart",
        ),
        400,
        "mapping",
    )


def test_confirm_split_and_undo_via_api(api, accountant, invoice):
    c = api(accountant)
    c.patch("/api/bank-statements/settings/", {"auto_record": False}, format="json")
    assert c.get("/api/bank-statements/settings/").json() == {"auto_record": False}
    c.post("/api/bank-statements/", {"file": _file(invoice)}, format="multipart")
    tx = BankTransaction.objects.get()
    assert tx.status == "review" and tx.payment is None
    r = c.post(
        f"/api/bank-statements/transactions/{tx.pk}/confirm/",
        {"allocations": [{"invoice": invoice.pk, "amount": "60.00"}]},
        format="json",
    )
    assert r.status_code == 200 and r.json()["status"] == "matched"
    invoice.refresh_from_db()
    assert invoice.amount_paid == D("60.000")
    r = c.post(
        f"/api/bank-statements/transactions/{tx.pk}/undo/", {"reason": "typo"}, format="json"
    )
    assert r.status_code == 200 and r.json()["status"] == "review"
    invoice.refresh_from_db()
    assert invoice.amount_paid == D("0.000")
    again = c.post(f"/api/bank-statements/transactions/{tx.pk}/undo/", {}, format="json")
    assert_error(again, 400)
    assert_error(
        c.patch("/api/bank-statements/settings/", {"auto_record": "maybe"}, format="json"),
        400,
        "auto_record",
    )


def test_members_are_refused(api, alice):
    assert api(alice).get("/api/bank-statements/").status_code == 403


def test_page_uploads_and_shows_the_queue(client, accountant, invoice):
    client.force_login(accountant.user)
    r = client.post(reverse("bank_statements"), {"file": _file(invoice, "5.00", "mystery")})
    assert r.status_code == 302
    page = client.get(reverse("bank_statements")).content.decode()
    assert "mystery" in page and "no invoice named" in page
    r = client.post(reverse("bank_statements"), {"file": _file(invoice, "5.00", "mystery")})
    assert r.status_code == 400 and "imported already" in r.content.decode()


def test_cli_imports_and_lists_the_queue(accountant, invoice, tmp_path, capsys):
    path = tmp_path / "s.sta"
    path.write_bytes(
        statements.mt940([("C", "100,00", f"/REMI/{invoice.number}"), ("C", "9,99", "/REMI/?")])
    )
    email = accountant.user.email
    assert cli(["--user", email, "bank", "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "2 new credits, 1 recorded as payments, 1 to review" in out
    assert cli(["--user", email, "bank", "queue"]) == 0
    assert "9.99" in capsys.readouterr().out
    assert cli(["--user", email, "bank", "import", str(path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "imported already" in err[0]


@pytest.mark.parametrize("body", [[], [True], "true", 5])
def test_settings_patch_with_a_body_that_is_not_an_object_is_400(api, accountant, body):
    """It was ``request.data.get`` on a list: a 500."""
    c = api(accountant)
    r = c.patch("/api/bank-statements/settings/", body, format="json")
    assert_error(r, 400)


@pytest.mark.parametrize("content", [b"L:\x8d`", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"])
def test_a_csv_that_is_no_text_is_400(api, accountant, content):
    """Byte 0x8d is no Windows-1252 character; a NUL stops the csv module: both were 500s."""
    junk = SimpleUploadedFile("x.csv", content, content_type="text/csv")
    r = api(accountant).post(
        "/api/bank-statements/", {"file": junk, "format": "csv"}, format="multipart"
    )
    assert_error(r, 400, "file")
