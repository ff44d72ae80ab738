"""Read a UBL, CII or Factur-X e-invoice back: parties, lines and totals.

What ``timeledger einvoice show FILE`` prints, and the round-trip tests' reader. It reads the
EN 16931 core only, from any sender (the official examples parse with it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from facturx import get_xml_from_pdf
from lxml import etree

from timeledger.einvoicing.ubl import CAC, CBC, CREDIT_NOTE_NS, INVOICE_NS

RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
NS = {"cac": CAC, "cbc": CBC, "rsm": RSM, "ram": RAM, "udt": UDT}


class NotAnEinvoice(ValueError):
    """The file is not a UBL Invoice/CreditNote, a CII invoice or a Factur-X PDF."""


@dataclass
class PartyInfo:
    name: str = ""
    vat_id: str = ""
    country: str = ""
    endpoint: str = ""


@dataclass
class LineInfo:
    id: str
    name: str
    quantity: Decimal
    unit: str
    price: Decimal
    net: Decimal
    vat_code: str
    vat_rate: Decimal | None


@dataclass
class Summary:
    syntax: str  # "UBL" or "CII" (or "Factur-X (CII)")
    type_code: str
    number: str
    issue_date: str
    currency: str
    seller: PartyInfo
    buyer: PartyInfo
    lines: list[LineInfo] = field(default_factory=list)
    line_total: Decimal = Decimal(0)  # BT-106
    allowance_total: Decimal = Decimal(0)  # BT-107
    charge_total: Decimal = Decimal(0)  # BT-108
    prepaid: Decimal = Decimal(0)  # BT-113
    tax_exclusive: Decimal = Decimal(0)  # BT-109
    tax_total: Decimal = Decimal(0)  # BT-110
    tax_inclusive: Decimal = Decimal(0)  # BT-112
    payable: Decimal = Decimal(0)  # BT-115
    customization: str = ""
    buyer_reference: str = ""
    contract_reference: str = ""  # BT-12
    preceding_number: str = ""

    @property
    def is_credit_note(self) -> bool:
        return self.type_code in ("381", "396", "532")


def _text(node, path: str) -> str:
    found = node.xpath(path, namespaces=NS)
    if not found:
        return ""
    item = found[0]
    return (item if isinstance(item, str) else (item.text or "")).strip()


def _dec(node, path: str) -> Decimal:
    text = _text(node, path)
    return Decimal(text) if text else Decimal(0)


def read(data: bytes) -> Summary:
    """Parse ``data`` (XML or a Factur-X PDF)."""
    syntax_prefix = ""
    if data[:5] == b"%PDF-":
        xml = facturx_xml(data)
        syntax_prefix = "Factur-X "
    else:
        xml = data
    try:
        root = etree.fromstring(
            xml, parser=etree.XMLParser(resolve_entities=False, no_network=True)
        )
    except etree.XMLSyntaxError as exc:
        raise NotAnEinvoice(f"not XML: {exc}") from exc
    if root.tag in (f"{{{INVOICE_NS}}}Invoice", f"{{{CREDIT_NOTE_NS}}}CreditNote"):
        summary = _read_ubl(root)
    elif root.tag == f"{{{RSM}}}CrossIndustryInvoice":
        summary = _read_cii(root)
    else:
        raise NotAnEinvoice(f"not a UBL or CII invoice (root element {root.tag})")
    if syntax_prefix:
        summary.syntax = f"{syntax_prefix}({summary.syntax})"
    return summary


def facturx_xml(pdf: bytes) -> bytes:
    """The CII XML embedded in a Factur-X / ZUGFeRD PDF."""
    _name, xml = get_xml_from_pdf(pdf, check_xsd=False)
    if not xml:
        raise NotAnEinvoice("a PDF without an embedded factur-x.xml")
    return xml


def _ubl_party(node) -> PartyInfo:
    if node is None:
        return PartyInfo()
    endpoint = node.find(f"{{{CBC}}}EndpointID")
    return PartyInfo(
        name=_text(node, "cac:PartyLegalEntity/cbc:RegistrationName")
        or _text(node, "cac:PartyName/cbc:Name"),
        vat_id=_text(node, "cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']/cbc:CompanyID"),
        country=_text(node, "cac:PostalAddress/cac:Country/cbc:IdentificationCode"),
        endpoint=f"{endpoint.get('schemeID', '')}:{endpoint.text}" if endpoint is not None else "",
    )


def _read_ubl(root) -> Summary:
    credit = root.tag.endswith("CreditNote")
    line_tag = "cac:CreditNoteLine" if credit else "cac:InvoiceLine"
    qty_tag = "cbc:CreditedQuantity" if credit else "cbc:InvoicedQuantity"
    seller = root.find(f"{{{CAC}}}AccountingSupplierParty/{{{CAC}}}Party")
    buyer = root.find(f"{{{CAC}}}AccountingCustomerParty/{{{CAC}}}Party")
    summary = Summary(
        syntax="UBL",
        type_code=_text(root, "cbc:CreditNoteTypeCode" if credit else "cbc:InvoiceTypeCode"),
        number=_text(root, "cbc:ID"),
        issue_date=_text(root, "cbc:IssueDate"),
        currency=_text(root, "cbc:DocumentCurrencyCode"),
        seller=_ubl_party(seller),
        buyer=_ubl_party(buyer),
        customization=_text(root, "cbc:CustomizationID"),
        buyer_reference=_text(root, "cbc:BuyerReference"),
        contract_reference=_text(root, "cac:ContractDocumentReference/cbc:ID"),
        preceding_number=_text(root, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"),
    )
    for el in root.xpath(line_tag, namespaces=NS):
        qty = el.find(qty_tag.replace("cbc:", f"{{{CBC}}}"))
        rate = _text(el, "cac:Item/cac:ClassifiedTaxCategory/cbc:Percent")
        summary.lines.append(
            LineInfo(
                id=_text(el, "cbc:ID"),
                name=_text(el, "cac:Item/cbc:Name"),
                quantity=Decimal(qty.text.strip()) if qty is not None else Decimal(0),
                unit=qty.get("unitCode", "") if qty is not None else "",
                price=_dec(el, "cac:Price/cbc:PriceAmount"),
                net=_dec(el, "cbc:LineExtensionAmount"),
                vat_code=_text(el, "cac:Item/cac:ClassifiedTaxCategory/cbc:ID"),
                vat_rate=Decimal(rate) if rate else None,
            )
        )
    totals = "cac:LegalMonetaryTotal/cbc:"
    summary.line_total = _dec(root, totals + "LineExtensionAmount")
    summary.allowance_total = _dec(root, totals + "AllowanceTotalAmount")
    summary.charge_total = _dec(root, totals + "ChargeTotalAmount")
    summary.prepaid = _dec(root, totals + "PrepaidAmount")
    summary.tax_exclusive = _dec(root, totals + "TaxExclusiveAmount")
    summary.tax_inclusive = _dec(root, totals + "TaxInclusiveAmount")
    summary.payable = _dec(root, totals + "PayableAmount")
    currency = summary.currency
    summary.tax_total = _dec(root, f"cac:TaxTotal/cbc:TaxAmount[@currencyID='{currency}']")
    return summary


def _cii_party(node) -> PartyInfo:
    if node is None:
        return PartyInfo()
    endpoint = node.find(f"{{{RAM}}}URIUniversalCommunication/{{{RAM}}}URIID")
    return PartyInfo(
        name=_text(node, "ram:Name"),
        vat_id=_text(node, "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']"),
        country=_text(node, "ram:PostalTradeAddress/ram:CountryID"),
        endpoint=f"{endpoint.get('schemeID', '')}:{endpoint.text}" if endpoint is not None else "",
    )


def _read_cii(root) -> Summary:
    doc = root.find(f"{{{RSM}}}ExchangedDocument")
    trade = root.find(f"{{{RSM}}}SupplyChainTradeTransaction")
    agreement = trade.find(f"{{{RAM}}}ApplicableHeaderTradeAgreement")
    settlement = trade.find(f"{{{RAM}}}ApplicableHeaderTradeSettlement")
    summary = Summary(
        syntax="CII",
        type_code=_text(doc, "ram:TypeCode"),
        number=_text(doc, "ram:ID"),
        issue_date=_text(doc, "ram:IssueDateTime/udt:DateTimeString"),
        currency=_text(settlement, "ram:InvoiceCurrencyCode"),
        seller=_cii_party(agreement.find(f"{{{RAM}}}SellerTradeParty")),
        buyer=_cii_party(agreement.find(f"{{{RAM}}}BuyerTradeParty")),
        customization=_text(
            root,
            "rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID",
        ),
        buyer_reference=_text(agreement, "ram:BuyerReference"),
        contract_reference=_text(agreement, "ram:ContractReferencedDocument/ram:IssuerAssignedID"),
        preceding_number=_text(settlement, "ram:InvoiceReferencedDocument/ram:IssuerAssignedID"),
    )
    for el in trade.xpath("ram:IncludedSupplyChainTradeLineItem", namespaces=NS):
        qty = el.find(f"{{{RAM}}}SpecifiedLineTradeDelivery/{{{RAM}}}BilledQuantity")
        rate = _text(
            el, "ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/ram:RateApplicablePercent"
        )
        summary.lines.append(
            LineInfo(
                id=_text(el, "ram:AssociatedDocumentLineDocument/ram:LineID"),
                name=_text(el, "ram:SpecifiedTradeProduct/ram:Name"),
                quantity=Decimal(qty.text.strip()) if qty is not None else Decimal(0),
                unit=qty.get("unitCode", "") if qty is not None else "",
                price=_dec(
                    el,
                    "ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:ChargeAmount",
                ),
                net=_dec(
                    el,
                    "ram:SpecifiedLineTradeSettlement/"
                    "ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount",
                ),
                vat_code=_text(
                    el, "ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode"
                ),
                vat_rate=Decimal(rate) if rate else None,
            )
        )
    sums = "ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:"
    summary.line_total = _dec(settlement, sums + "LineTotalAmount")
    summary.allowance_total = _dec(settlement, sums + "AllowanceTotalAmount")
    summary.charge_total = _dec(settlement, sums + "ChargeTotalAmount")
    summary.prepaid = _dec(settlement, sums + "TotalPrepaidAmount")
    summary.tax_exclusive = _dec(settlement, sums + "TaxBasisTotalAmount")
    summary.tax_total = _dec(
        settlement, f"{sums}TaxTotalAmount[@currencyID='{summary.currency}']"
    ) or _dec(settlement, sums + "TaxTotalAmount")
    summary.tax_inclusive = _dec(settlement, sums + "GrandTotalAmount")
    summary.payable = _dec(settlement, sums + "DuePayableAmount")
    return summary


def format_summary(s: Summary) -> str:
    """The human-readable print-out of ``timeledger einvoice show``."""
    kind = "Credit note" if s.is_credit_note else "Invoice"
    out = [
        f"{kind} {s.number} ({s.syntax}, type {s.type_code}) issued {s.issue_date} in {s.currency}",
    ]
    if s.customization:
        out.append(f"Specification: {s.customization}")
    if s.preceding_number:
        out.append(f"Credits invoice: {s.preceding_number}")
    for label, p in (("Seller", s.seller), ("Buyer", s.buyer)):
        extra = ", ".join(
            x for x in (p.country, f"VAT {p.vat_id}" if p.vat_id else "", p.endpoint) if x
        )
        out.append(f"{label}: {p.name}" + (f" ({extra})" if extra else ""))
    if s.buyer_reference:
        out.append(f"Buyer reference: {s.buyer_reference}")
    if s.contract_reference:
        out.append(f"Contract: {s.contract_reference}")
    out.append("Lines:")
    for ln in s.lines:
        rate = f" {ln.vat_rate}%" if ln.vat_rate is not None else ""
        out.append(
            f"  {ln.id:>3} {ln.name[:50]:<50} {ln.quantity} {ln.unit} × {ln.price} = {ln.net} "
            f"[{ln.vat_code}{rate}]"
        )
    out += [
        f"Sum of lines (BT-106):      {s.line_total}",
        f"Allowances (BT-107):        {s.allowance_total}",
        f"Charges (BT-108):           {s.charge_total}",
        f"Total without VAT (BT-109): {s.tax_exclusive}",
        f"VAT (BT-110):               {s.tax_total}",
        f"Total with VAT (BT-112):    {s.tax_inclusive}",
        f"Paid (BT-113):              {s.prepaid}",
        f"Amount due (BT-115):        {s.payable}",
    ]
    return "\n".join(out)
