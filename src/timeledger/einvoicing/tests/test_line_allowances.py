"""A line's own discount is the e-invoice's line allowance (BG-27) in every format, credit notes
included, and passes the official rules: net (BT-131) = quantity × price − allowance (BT-136)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from lxml import etree

from timeledger.einvoicing import reader, selectors, services
from timeledger.einvoicing.tests import factories as ef
from timeledger.einvoicing.tests import official
from timeledger.invoicing import drafts, issuing
from timeledger.invoicing.models import InvoiceKind
from timeledger.invoicing.tests import factories as inv

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 3, 2)
UBL_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"


@pytest.fixture
def tax(org):
    ef.seller(org)
    return inv.taxes(org)


def _discounted_draft(by, client, tax):
    """3 × 333.33 less 12.5 % (124.999 → 125.00) = 874.99, and 40 × 95 with no discount."""
    return drafts.create_draft(
        client,
        by=by,
        lines=[
            drafts.LineInput(
                description="Workshop",
                quantity=Decimal(3),
                unit_price=Decimal("333.33"),
                tax_category=tax["S"],
                discount_percent=Decimal("12.5"),
            ),
            drafts.LineInput(
                description="Build",
                quantity=Decimal(40),
                unit_price=Decimal(95),
                tax_category=tax["S"],
            ),
        ],
    )


def _xml(invoice) -> bytes:
    return services.xml_of(selectors.stored(invoice))


def _allowances(xml: bytes, fmt: str) -> list[tuple[str, str, str]]:
    """(percent, base, amount) of each line allowance, as written."""
    root = etree.fromstring(xml)
    if fmt == "cii":
        found = root.iterfind(
            f".//{{{RAM}}}SpecifiedLineTradeSettlement/{{{RAM}}}SpecifiedTradeAllowanceCharge"
        )
        return [
            (
                ac.findtext(f"{{{RAM}}}CalculationPercent"),
                ac.findtext(f"{{{RAM}}}BasisAmount"),
                ac.findtext(f"{{{RAM}}}ActualAmount"),
            )
            for ac in found
        ]
    lines = [el for el in root if etree.QName(el).localname in ("InvoiceLine", "CreditNoteLine")]
    out = []
    for line in lines:
        for ac in line:
            if etree.QName(ac).localname == "AllowanceCharge":
                out.append(
                    (
                        ac.findtext(f"{{{UBL_CBC}}}MultiplierFactorNumeric"),
                        ac.findtext(f"{{{UBL_CBC}}}BaseAmount"),
                        ac.findtext(f"{{{UBL_CBC}}}Amount"),
                    )
                )
    return out


def _check(invoice, xml, fmt) -> None:
    assert official.fatal(xml, peppol=fmt == "peppol") == []
    summary = reader.read(xml)
    sign = -1 if invoice.kind == InvoiceKind.CREDIT_NOTE else 1
    assert summary.tax_exclusive == sign * invoice.net_total
    assert summary.tax_total == sign * invoice.tax_total
    assert summary.payable == sign * invoice.gross_total


@pytest.mark.parametrize("fmt", ["peppol", "xrechnung", "cii", "facturx"])
def test_a_line_discount_is_a_line_allowance_that_passes_the_official_rules(
    org, accountant, tax, fmt
):
    client = ef.buyer(org, fmt, buyer_reference="04011000-1234512345-06")
    draft = _discounted_draft(accountant, client, tax)
    workshop = draft.lines.get(description="Workshop")
    assert workshop.net_amount == Decimal("874.99")  # 999.99 − 125.00
    assert draft.net_total == Decimal("4674.99")
    invoice = issuing.issue_invoice(draft, by=accountant, issue_date=ON)
    xml = _xml(invoice)
    _check(invoice, xml, fmt)
    written = _allowances(xml, "cii" if fmt in ("cii", "facturx") else "ubl")
    assert written == [("12.5", "999.99", "125.00")]


@pytest.mark.parametrize("fmt", ["peppol", "cii"])
def test_credit_notes_of_a_discounted_line_carry_its_discount(org, accountant, tax, fmt):
    client = ef.buyer(org, fmt)
    invoice = issuing.issue_invoice(
        _discounted_draft(accountant, client, tax), by=accountant, issue_date=ON
    )
    workshop = invoice.lines.get(description="Workshop")
    part = issuing.issue_invoice(
        issuing.create_credit_note(invoice, by=accountant, lines={workshop.pk: Decimal(1)}),
        by=accountant,
        issue_date=ON,
    )
    # 1 × 333.33 less 12.5 % (41.666 → 41.67) = 291.66
    assert part.lines.get().net_amount == Decimal("-291.66")
    _check(part, _xml(part), fmt)
    other = issuing.issue_invoice(
        _discounted_draft(accountant, client, tax), by=accountant, issue_date=ON
    )
    full = issuing.issue_invoice(
        issuing.create_credit_note(other, by=accountant), by=accountant, issue_date=ON
    )
    assert full.net_total == -other.net_total
    _check(full, _xml(full), fmt)


def test_a_line_discount_is_only_for_hand_written_lines_and_below_100(org, accountant, tax):
    draft = inv.draft(accountant, ef.buyer(org, "peppol"), [("Build", "1", "100", tax["S"])])
    line = draft.lines.get()
    for bad in (Decimal(100), Decimal(-1)):
        with pytest.raises(ValidationError) as err:
            drafts.update_line(line, {"discount_percent": bad}, by=accountant)
        assert "discount_percent" in err.value.message_dict
    line = drafts.update_line(line, {"discount_percent": Decimal(10)}, by=accountant)
    assert line.net_amount == Decimal("90.00")
    line = drafts.update_line(line, {"discount_percent": Decimal(0)}, by=accountant)
    assert line.net_amount == Decimal("100.00")
