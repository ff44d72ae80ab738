"""Validation before issuing (rule id + sentence, no number burnt), immutable storage, download
through the API, the pages and the CLI, and the e-mail attachment."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from timeledger.cli import main
from timeledger.einvoicing import selectors, services
from timeledger.einvoicing.models import ClientEinvoiceSettings, EInvoice
from timeledger.einvoicing.tests import factories as ef
from timeledger.einvoicing.tests import official
from timeledger.invoicing import delivery, issuing
from timeledger.invoicing.models import InvoiceSequence, InvoiceStatus
from timeledger.invoicing.tests import factories as inv
from timeledger.testing.api import assert_error

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 3, 2)


@pytest.fixture
def tax(org):
    ef.seller(org)
    return inv.taxes(org)


@pytest.fixture
def buyer(org):
    return ef.buyer(org, "peppol")


def _next_number(org) -> int:
    seq = InvoiceSequence.objects.filter(organisation=org, series="INV").first()
    return seq.next_value if seq else 1


def _refusal(by, draft) -> str:
    with pytest.raises(ValidationError) as exc:
        issuing.issue_invoice(draft, by=by, issue_date=ON)
    return " ".join(m for ms in exc.value.message_dict.values() for m in ms)


def test_missing_buyer_electronic_address_is_refused_and_burns_no_number(
    org, accountant, tax, buyer
):
    inv.issued(accountant, buyer, [("First", "1", "10", tax["S"])])
    before = _next_number(org)
    ClientEinvoiceSettings.objects.filter(client=buyer).update(endpoint_id="", endpoint_scheme="")
    draft = inv.draft(accountant, buyer, [("Work", "1", "100", tax["S"])])
    message = _refusal(accountant, draft)
    assert message.startswith("PEPPOL-EN16931-R010: The client has no electronic address")
    draft.refresh_from_db()
    assert draft.status == InvoiceStatus.DRAFT and draft.number == ""
    assert _next_number(org) == before
    assert not EInvoice.objects.filter(invoice=draft).exists()


def test_missing_seller_address_and_required_order_number_are_both_named(org, accountant, tax):
    client = ef.buyer(org, "peppol", requires_order_reference=True)
    org.einvoice_settings.endpoint_id = ""
    org.einvoice_settings.endpoint_scheme = ""
    org.einvoice_settings.save()
    message = _refusal(accountant, inv.draft(accountant, client, [("W", "1", "1", tax["S"])]))
    assert "PEPPOL-EN16931-R020" in message and "Settings › E-invoicing" in message
    assert "BT-13: This client requires a purchase order number" in message


def test_reverse_charge_without_seller_vat_id_is_refused(org, accountant, tax, buyer):
    org.vat_id = ""
    org.save()
    message = _refusal(accountant, inv.draft(accountant, buyer, [("W", "1", "1", tax["AE"])]))
    assert "BR-AE-02: Reverse charge needs both VAT ids" in message


def test_a_client_without_format_issues_as_before(org, accountant, tax, client_):
    invoice = inv.issued(accountant, client_, [("W", "1", "1", tax["S"])])
    assert invoice.number and selectors.stored(invoice) is None


def test_stored_einvoice_never_changes(accountant, tax, buyer):
    invoice = inv.issued(accountant, buyer, [("Work", "2", "50", tax["S"])])
    stored = selectors.stored(invoice)
    assert stored.format == "peppol" and len(stored.xml_sha256) == 64
    stored.format = "cii"
    with pytest.raises(PermissionError):
        stored.save()
    with pytest.raises(PermissionError):
        stored.delete()
    # Changing the client's settings afterwards changes nothing already issued.
    ClientEinvoiceSettings.objects.filter(client=buyer).update(format="xrechnung")
    again = selectors.stored(invoice)
    assert again.format == "peppol"
    assert services.download(invoice)[1] == services.xml_of(again)


def test_api_downloads_the_stored_xml(api, accountant, tax, buyer, outsider):
    invoice = inv.issued(accountant, buyer, [("Work", "2", "50", tax["S"])])
    response = api(accountant).get(f"/api/invoices/{invoice.pk}/einvoice/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert f'filename="{invoice.number}-peppol.xml"' in response["Content-Disposition"]
    assert official.fatal(response.content) == []
    assert_error(api(outsider).get(f"/api/invoices/{invoice.pk}/einvoice/"), 404)


def test_api_answers_400_for_an_invoice_without_einvoice(api, accountant, tax, client_):
    invoice = inv.issued(accountant, client_, [("W", "1", "1", tax["S"])])
    body = assert_error(api(accountant).get(f"/api/invoices/{invoice.pk}/einvoice/"), 400)
    assert "has no e-invoice" in body["message"]


def test_api_client_settings_with_field_errors(api, accountant, buyer, outsider):
    c = api(accountant)
    url = f"/api/clients/{buyer.pk}/einvoice-settings/"
    assert c.get(url).json()["format"] == "peppol"
    assert_error(c.patch(url, {"format": "fax"}, format="json"), 400, "format")
    assert_error(c.patch(url, {"endpoint_scheme": "abc"}, format="json"), 400, "endpoint_scheme")
    ok = c.patch(url, {"format": "xrechnung", "buyer_reference": "04011000-1234512345-06"})
    assert ok.status_code == 200 and ok.json()["buyer_reference"] == "04011000-1234512345-06"
    assert_error(api(outsider).get(url), 404)


def test_api_organisation_settings(api, owner, accountant):
    url = "/api/organisation/einvoice-settings/"
    response = api(owner).patch(url, {"endpoint_scheme": "0106", "endpoint_id": "1234"})
    assert response.status_code == 200 and response.json()["endpoint_id"] == "1234"
    assert_error(api(owner).patch(url, {"endpoint_id": ""}, format="json"), 400, "endpoint_id")
    assert api(accountant).patch(url, {"contact_name": "X"}).status_code == 403


def test_pages_link_download_and_edit_settings(client, owner, accountant, tax, buyer):
    invoice = inv.issued(accountant, buyer, [("Work", "2", "50", tax["S"])])
    client.force_login(accountant.user)
    page = client.get(f"/invoices/{invoice.pk}/").content.decode()
    assert 'id="einvoice-download"' in page and "Peppol BIS Billing 3.0" in page
    response = client.get(f"/invoices/{invoice.pk}/einvoice/")
    assert response.status_code == 200 and response.content.startswith(b"<?xml")
    detail = client.get(f"/clients/{buyer.pk}/").content.decode()
    assert "0208:0123456749" in detail
    bad = client.post(
        f"/clients/{buyer.pk}/einvoicing/",
        {"format": "peppol", "endpoint_scheme": "0208", "endpoint_id": ""},
    )
    assert "Give both the scheme" in bad.content.decode()
    client.force_login(owner.user)
    assert "E-invoicing (electronic address, ids)" in client.get("/settings/").content.decode()
    saved = client.post(
        "/settings/einvoicing/",
        {"endpoint_scheme": "0106", "endpoint_id": "999", "legal_id_scheme": "0106"},
    )
    assert saved.status_code == 302
    assert selectors.organisation_settings(owner.organisation).endpoint_id == "999"


def test_sending_attaches_the_xml(accountant, tax, buyer):
    invoice = inv.issued(accountant, buyer, [("Work", "2", "50", tax["S"])])
    delivery.send_invoice(invoice, by=accountant)
    (message,) = mail.outbox
    names = [name for name, _content, _type in message.attachments]
    assert names == [f"{invoice.number}.pdf", f"{invoice.number}-peppol.xml"]
    assert message.attachments[1][1] == services.xml_of(selectors.stored(invoice))


def test_cli_get_writes_the_file_and_show_reads_it(accountant, tax, buyer, tmp_path, capsys):
    invoice = inv.issued(accountant, buyer, [("Work", "2", "50", tax["S"])])
    out = tmp_path / "e.xml"
    user = ["--user", accountant.user.email]
    assert main([*user, "einvoice", "get", invoice.number, "--out", str(out)]) == 0
    assert main(["einvoice", "show", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"Invoice {invoice.number} (UBL, type 380)" in printed
    assert "Amount due (BT-115):        121.00" in printed
    assert main([*user, "einvoice", "get", "NOPE"]) == 1
    assert capsys.readouterr().err.strip() == "timeledger: error: no invoice 'NOPE'"


def test_api_tax_category_gets_its_en16931_code(api, accountant, org, tax, outsider):
    zero = tax["Z"]
    url = f"/api/tax-categories/{zero.pk}/einvoice-settings/"
    ok = api(accountant).patch(url, {"vat_code": "K", "exemption_reason_code": "vatex-eu-ic"})
    assert ok.status_code == 200
    assert ok.json() == {"vat_code": "K", "exemption_reason_code": "VATEX-EU-IC"}
    standard = f"/api/tax-categories/{tax['S'].pk}/einvoice-settings/"
    assert_error(api(accountant).patch(standard, {"vat_code": "G"}), 400, "vat_code")
    assert_error(api(accountant).patch(url, {"vat_code": "X"}), 400, "vat_code")
    assert_error(api(outsider).get(url), 404)
