"""XRechnung (UBL): the Leitweg-ID as buyer reference, the German rules we check ourselves
(BR-DE-*; the KoSIT schematron is not among the shared artefacts) and EN 16931 (0 fatal)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from timeledger.einvoicing import reader, rules, selectors, services
from timeledger.einvoicing.models import OrganisationEinvoiceSettings
from timeledger.einvoicing.tests import factories as ef
from timeledger.einvoicing.tests import official
from timeledger.invoicing import issuing
from timeledger.invoicing.tests import factories as inv

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 3, 2)
LEITWEG = "04011000-1234512345-06"


@pytest.fixture
def tax(org):
    ef.seller(org)
    return inv.taxes(org)


@pytest.fixture
def bund(org):
    return ef.buyer(
        org,
        "xrechnung",
        country="DE",
        buyer_reference=LEITWEG,
        endpoint_scheme="0204",
        endpoint_id=LEITWEG,
    )


def test_xrechnung_invoice_and_credit_note_pass_en16931(accountant, tax, bund):
    invoice = inv.issued(
        accountant, bund, [("Beratung", "16", "120", tax["S"]), ("Reise", "1", "80", tax["Z"])]
    )
    xml = services.xml_of(selectors.stored(invoice))
    assert official.fatal(xml, peppol=False) == []
    s = reader.read(xml)
    assert s.customization == rules.XRECHNUNG_CUSTOMIZATION
    assert s.buyer_reference == LEITWEG
    assert s.payable == invoice.gross_total
    assert b"<cbc:Telephone>+31 20 123 4567</cbc:Telephone>" in xml
    assert b"<cbc:PaymentMeansCode" in xml and b"NL91ABNA0417164300" in xml
    credit = issuing.issue_invoice(
        issuing.create_credit_note(invoice, by=accountant), by=accountant, issue_date=ON
    )
    xml = services.xml_of(selectors.stored(credit))
    assert official.fatal(xml, peppol=False) == []
    assert reader.read(xml).preceding_number == invoice.number


def test_xrechnung_without_leitweg_id_is_refused_with_br_de_15(org, accountant, tax):
    client = ef.buyer(org, "xrechnung", country="DE")
    with pytest.raises(ValidationError) as exc:
        issuing.issue_invoice(
            inv.draft(accountant, client, [("W", "1", "1", tax["S"])]), by=accountant
        )
    (message,) = exc.value.message_dict["non_field_errors"]
    assert message == (
        "BR-DE-15: XRechnung needs the buyer reference (the Leitweg-ID); fill it in the "
        "client's e-invoicing settings."
    )


def test_xrechnung_without_seller_phone_or_iban_is_refused(org, accountant, tax, bund):
    OrganisationEinvoiceSettings.objects.filter(organisation=org).update(contact_phone="")
    org.iban = ""
    org.save()
    with pytest.raises(ValidationError) as exc:
        issuing.issue_invoice(
            inv.draft(accountant, bund, [("W", "1", "1", tax["S"])]), by=accountant
        )
    text = " ".join(exc.value.message_dict["non_field_errors"])
    assert "BR-DE-2:" in text and "BR-DE-23:" in text
