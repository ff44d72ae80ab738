"""Property: any invoice or credit note we issue as an e-invoice passes the official rules.

At least 200 generated invoices — random lines, quantities, prices, discounts, VAT mixes, formats
and partial or full credit notes — issued through the real services and judged by the XSD and the
official schematrons: 0 fatal findings, and BT-106/109/110/112/115 equal the stored invoice to
the cent.
"""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from timeledger.einvoicing import reader, selectors, services
from timeledger.einvoicing.models import TaxCategoryEinvoiceSettings
from timeledger.einvoicing.tests import factories as ef
from timeledger.einvoicing.tests import official
from timeledger.invoicing import drafts, issuing
from timeledger.invoicing.models import Invoice, InvoiceKind, LineKind, TaxCategory
from timeledger.invoicing.tests import factories as inv

pytestmark = pytest.mark.django_db

EXAMPLES = 200
MIXES = [("S",), ("S", "AA"), ("S", "AA", "Z", "E"), ("AE",), ("AE", "E"), ("K",), ("G",), ("O",)]
FORMATS = ["peppol", "peppol", "cii", "xrechnung", "facturx"]

quantities = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("500"), places=2)
prices = st.one_of(
    st.decimals(min_value=Decimal("0"), max_value=Decimal("2500"), places=2),
    st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("99"), places=4),
)
line_discounts = st.sampled_from([None, None, None, Decimal(5), Decimal("12.5"), Decimal("33.33")])
line = st.tuples(quantities, prices, st.integers(min_value=0, max_value=3), line_discounts)
invoices = st.fixed_dictionaries(
    {
        "mix": st.sampled_from(MIXES),
        "format": st.sampled_from(FORMATS),
        "lines": st.lists(line, min_size=1, max_size=6),
        "discount": st.one_of(st.none(), st.integers(min_value=1, max_value=30)),
        "credit": st.sampled_from([None, "full", "part"]),
        "period": st.booleans(),
        "day": st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 12, 31)),
    }
)


@pytest.fixture
def world(org, accountant):
    ef.seller(org)
    cats = inv.taxes(org)
    for code, base in (("K", "Z"), ("G", "Z"), ("O", "E")):
        category = TaxCategory.objects.create(
            organisation=org, name=f"EN {code}", code=base, rate=Decimal("0")
        )
        TaxCategoryEinvoiceSettings.objects.create(
            organisation=org, tax_category=category, vat_code=code
        )
        cats[code] = category
    clients = {}
    for fmt in set(FORMATS):
        for country in ("BE", "US"):
            clients[(fmt, country)] = ef.buyer(
                org, fmt, country=country, buyer_reference="04011000-1234512345-06"
            )
    return {"by": accountant, "cats": cats, "clients": clients, "count": [0]}


def _sign(invoice) -> int:
    return -1 if invoice.kind == InvoiceKind.CREDIT_NOTE else 1


def _judge(invoice) -> None:
    stored = selectors.stored(invoice)
    xml = services.xml_of(stored)
    problems = official.fatal(xml, peppol=stored.format == "peppol")
    assert problems == [], (stored.format, problems, xml.decode()[:3000])
    s = reader.read(xml)
    sign = _sign(invoice)
    assert s.tax_exclusive == sign * invoice.net_total  # BT-109
    assert s.tax_total == sign * invoice.tax_total  # BT-110
    assert s.tax_inclusive == sign * invoice.gross_total  # BT-112
    assert s.payable == sign * invoice.gross_total  # BT-115
    assert s.line_total == sum((ln.net for ln in s.lines), Decimal(0))  # BT-106
    assert s.line_total - s.allowance_total == s.tax_exclusive


@settings(
    max_examples=EXAMPLES,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=invoices)
# Found by this test in a clean-clone run: a 30 % discount on a 0.02 AE + E invoice leaves an AE
# basis of -0.01 and a tax of -0.00, which the CII schematron refused (BR-AE-09).
@example(
    case={
        "mix": ("AE", "E"),
        "format": "cii",
        "lines": [(Decimal("0.02"), Decimal("1.04"), 1, None)],
        "discount": 30,
        "credit": None,
        "period": False,
        "day": dt.date(2026, 5, 1),
    }
)
def test_generated_invoices_have_no_fatal_findings(world, case):
    by, cats = world["by"], world["cats"]
    country = "US" if case["mix"] in (("G",), ("O",)) else "BE"
    client = world["clients"][(case["format"], country)]
    lines = [
        (f"Work {i}", str(q), str(p), cats[case["mix"][pick % len(case["mix"])]])
        for i, (q, p, pick, _) in enumerate(case["lines"])
    ]
    draft = inv.draft(by, client, lines)
    for line, (*_, percent) in zip(
        draft.lines.order_by("position", "pk"), case["lines"], strict=True
    ):
        if percent:  # the line's own discount: a line allowance (BG-27)
            drafts.update_line(line, {"discount_percent": percent}, by=by)
    draft.refresh_from_db()
    if case["discount"] and draft.net_total > 0:
        discount = (draft.net_total * case["discount"] / 100).quantize(Decimal("0.01"))
        if discount > 0:
            drafts.insert_line(
                draft,
                description="Discount",
                quantity=Decimal(1),
                unit_price=-discount,
                unit="",
                tax_category=cats[case["mix"][0]],
                kind=LineKind.DISCOUNT,
            )
    if case["period"] or "K" in case["mix"]:
        Invoice.objects.filter(pk=draft.pk).update(
            period_start=case["day"].replace(day=1), period_end=case["day"]
        )
    invoice = issuing.issue_invoice(draft, by=by, issue_date=case["day"])
    _judge(invoice)
    world["count"][0] += 1
    if case["credit"] and invoice.gross_total > 0:
        wanted = None
        if case["credit"] == "part":
            first = invoice.lines.exclude(kind=LineKind.DISCOUNT).first()
            part = (first.quantity / 2).quantize(Decimal("0.01"))
            wanted = {first.pk: part} if part > 0 else None
        credit = issuing.create_credit_note(invoice, by=by, lines=wanted)
        if credit.gross_total < 0:
            credit = issuing.issue_invoice(credit, by=by, issue_date=case["day"])
            _judge(credit)
            world["count"][0] += 1
