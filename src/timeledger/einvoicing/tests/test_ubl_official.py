"""Peppol BIS Billing 3.0 UBL of issued invoices, judged by the XSD and the official schematrons."""

import datetime as dt
from decimal import Decimal

import pytest

from timeledger.einvoicing import reader, selectors, services
from timeledger.einvoicing.tests import factories as ef
from timeledger.einvoicing.tests import official
from timeledger.invoicing.tests import factories as inv

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 3, 2)


@pytest.fixture
def tax(org):
    return inv.taxes(org)


@pytest.fixture
def peppol_client(org):
    ef.seller(org)
    return ef.buyer(org, "peppol", country="BE")


def _xml(invoice) -> bytes:
    return services.xml_of(selectors.stored(invoice))


def test_standard_invoice_is_stored_and_passes_en16931_and_peppol(accountant, peppol_client, tax):
    invoice = inv.issued(
        accountant,
        peppol_client,
        [("Design", "12.5", "150", tax["S"]), ("Hosting", "1", "19.99", tax["AA"])],
        on=ON,
    )
    xml = _xml(invoice)
    assert official.fatal(xml) == []
    summary = reader.read(xml)
    assert summary.number == invoice.number
    assert summary.type_code == "380"
    assert [ln.unit for ln in summary.lines] == ["HUR", "HUR"]
    assert summary.tax_exclusive == invoice.net_total == Decimal("1894.99")
    assert summary.tax_total == invoice.tax_total == Decimal("395.55")
    assert summary.payable == invoice.gross_total == Decimal("2290.54")
    assert summary.seller.endpoint == "0106:12345678"
    assert summary.buyer.vat_id == "BE0123456749"


def test_dutch_buyer_gets_the_dutch_peppol_rules_satisfied(org, accountant, tax):
    ef.seller(org)
    client = ef.buyer(org, "peppol", country="NL")
    invoice = inv.issued(accountant, client, [("Work", "3", "99.95", tax["S"])], on=ON)
    assert official.fatal(_xml(invoice)) == []
