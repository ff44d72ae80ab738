"""Every invoice kind and every EN 16931 VAT category passes the official rules (0 fatal)."""

import datetime as dt
from decimal import Decimal

import pytest

from timeledger.einvoicing import reader, selectors, services
from timeledger.einvoicing.models import TaxCategoryEinvoiceSettings
from timeledger.einvoicing.tests import factories as ef
from timeledger.einvoicing.tests import official
from timeledger.invoicing import drafts, issuing
from timeledger.invoicing.models import Invoice, InvoiceKind, LineKind, TaxCategory
from timeledger.invoicing.tests import factories as inv

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 3, 2)


@pytest.fixture
def tax(org):
    ef.seller(org)
    return inv.taxes(org)


def _zero(org, name, vat_code, *, code="Z", note=""):
    category = TaxCategory.objects.create(
        organisation=org, name=name, code=code, rate=Decimal("0"), legal_note=note
    )
    TaxCategoryEinvoiceSettings.objects.create(
        organisation=org, tax_category=category, vat_code=vat_code
    )
    return category


def _xml(invoice) -> bytes:
    return services.xml_of(selectors.stored(invoice))


def _assert_amounts(invoice, summary) -> None:
    """BT-109, BT-110, BT-112, BT-115 against the stored invoice, to the cent."""
    sign = -1 if invoice.kind == InvoiceKind.CREDIT_NOTE else 1
    assert summary.tax_exclusive == sign * invoice.net_total
    assert summary.tax_total == sign * invoice.tax_total
    assert summary.tax_inclusive == sign * invoice.gross_total
    assert summary.payable == sign * invoice.gross_total
    assert summary.line_total - summary.allowance_total == sign * invoice.net_total


def _issue_with_period(by, client, lines, **kw):
    draft = inv.draft(by, client, lines, **kw)
    Invoice.objects.filter(pk=draft.pk).update(
        period_start=dt.date(2026, 2, 1), period_end=dt.date(2026, 2, 28)
    )
    return issuing.issue_invoice(draft, by=by, issue_date=ON)


@pytest.mark.parametrize(
    "case", ["S", "AA", "Z", "E", "AE", "K", "G", "O", "S+AA+Z+E", "AE+E"], ids=str
)
def test_every_vat_category_passes(org, accountant, tax, case):
    country = {"G": "US", "O": "US"}.get(case, "BE")
    client = ef.buyer(org, "peppol", country=country)
    cats = {
        **tax,
        "K": _zero(org, "Intra-community", "K"),
        "G": _zero(org, "Export", "G"),
        "O": _zero(org, "Outside scope", "O", code="E"),
    }
    lines = [(f"Work {code}", "7.25", "123.45", cats[code]) for code in case.split("+")]
    invoice = _issue_with_period(accountant, client, lines)
    xml = _xml(invoice)
    assert official.fatal(xml) == []
    summary = reader.read(xml)
    _assert_amounts(invoice, summary)
    expected = {"AA": "S"}.get(case, case) if "+" not in case else None
    if expected:
        assert {ln.vat_code for ln in summary.lines} == {expected}


def test_discount_line_becomes_a_document_allowance(accountant, tax, org):
    client = ef.buyer(org, "peppol")
    draft = inv.draft(accountant, client, [("Build", "40", "95", tax["S"])])
    drafts.insert_line(
        draft,
        description="Loyalty discount",
        quantity=Decimal(1),
        unit_price=Decimal("-150"),
        unit="",
        tax_category=tax["S"],
        kind=LineKind.DISCOUNT,
    )
    invoice = issuing.issue_invoice(draft, by=accountant, issue_date=ON)
    xml = _xml(invoice)
    assert official.fatal(xml) == []
    summary = reader.read(xml)
    assert summary.allowance_total == Decimal("150.00")
    assert summary.line_total == Decimal("3800.00")
    _assert_amounts(invoice, summary)


@pytest.mark.parametrize("kind", [InvoiceKind.FINAL, InvoiceKind.RECURRING])
def test_final_and_recurring_invoices_pass(org, accountant, tax, kind):
    client = ef.buyer(org, "peppol")
    invoice = inv.issued(accountant, client, [("Retainer", "1", "2500", tax["S"])], kind=kind)
    assert official.fatal(_xml(invoice)) == []


def test_full_credit_note_is_a_ubl_credit_note_referencing_the_invoice(org, accountant, tax):
    client = ef.buyer(org, "peppol")
    invoice = inv.issued(
        accountant, client, [("Design", "12.5", "150", tax["S"]), ("Rush", "2", "80", tax["AA"])]
    )
    credit = issuing.create_credit_note(invoice, by=accountant, reason="Wrong rate")
    credit = issuing.issue_invoice(credit, by=accountant, issue_date=ON)
    xml = _xml(credit)
    assert b"<CreditNote" in xml
    assert official.fatal(xml) == []
    summary = reader.read(xml)
    assert summary.type_code == "381"
    assert summary.preceding_number == invoice.number
    _assert_amounts(credit, summary)
    assert summary.payable == invoice.gross_total


def test_partial_credit_note_passes(org, accountant, tax):
    client = ef.buyer(org, "peppol", country="NL")
    invoice = inv.issued(accountant, client, [("Design", "12.5", "150.1234", tax["S"])])
    line = invoice.lines.get()
    credit = issuing.create_credit_note(invoice, by=accountant, lines={line.pk: Decimal("3.33")})
    credit = issuing.issue_invoice(credit, by=accountant, issue_date=ON)
    xml = _xml(credit)
    assert official.fatal(xml) == []
    _assert_amounts(credit, reader.read(xml))


@pytest.mark.parametrize("fmt", ["peppol", "xrechnung", "cii", "facturx"])
def test_order_contract_and_project_references_pass_in_every_format(org, accountant, tax, fmt):
    client = ef.buyer(
        org,
        fmt,
        country="DE" if fmt == "xrechnung" else "BE",
        buyer_reference="04011000-1234512345-06",
        order_reference="PO-7731",
        contract_reference="RV-2026-004",
    )
    invoice = inv.issued(accountant, client, [("Design", "3", "150", tax["S"])])
    credit = issuing.issue_invoice(
        issuing.create_credit_note(invoice, by=accountant, reason="Wrong rate"),
        by=accountant,
        issue_date=ON,
    )
    for document in (invoice, credit):
        xml = _xml(document)
        assert official.fatal(xml, peppol=fmt == "peppol") == []
        summary = reader.read(xml)
        assert summary.contract_reference == "RV-2026-004"
        assert b"PO-7731" in xml


def test_proforma_gets_no_einvoice(org, accountant, tax):
    client = ef.buyer(org, "peppol")
    proforma = inv.issued(accountant, client, [("Deposit", "1", "500", tax["S"])], kind="proforma")
    assert selectors.stored(proforma) is None


def test_the_judge_catches_a_broken_document(accountant, tax, org):
    """The harness is not vacuous: a document without the buyer's address fails Peppol."""
    client = ef.buyer(org, "peppol")
    invoice = inv.issued(accountant, client, [("Design", "1", "100", tax["S"])])
    broken = _xml(invoice).replace(b"<cbc:EndpointID", b"<cbc:Note", 0)
    start = broken.index(b"<cac:AccountingCustomerParty>")
    end = broken.index(b"</cac:AccountingCustomerParty>")
    broken = broken[:start] + broken[end + len(b"</cac:AccountingCustomerParty>") :]
    assert any("BR-07" in p or "BR-08" in p or "R010" in p for p in official.fatal(broken))
