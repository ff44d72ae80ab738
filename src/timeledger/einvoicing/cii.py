"""UN/CEFACT Cross Industry Invoice D16B (EN 16931 profile): the CII e-invoice and the XML inside
a Factur-X / ZUGFeRD PDF. Elements in the order of the D16B schema."""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from timeledger.einvoicing import rules
from timeledger.einvoicing.document import Document, Party
from timeledger.einvoicing.ubl import amount, number, percent

RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
QDT = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
NSMAP = {"rsm": RSM, "ram": RAM, "udt": UDT, "qdt": QDT}
# Factur-X EN 16931 profile (= "COMFORT" of ZUGFeRD 2): the guideline id is EN 16931's.
FACTURX_EN16931 = "urn:cen.eu:en16931:2017"


def _el(parent, ns: str, tag: str, text=None, **attrs):
    el = etree.SubElement(parent, f"{{{ns}}}{tag}", attrib=attrs)
    if text is not None:
        el.text = str(text)
    return el


def ram(parent, tag: str, text=None, **attrs):
    return _el(parent, RAM, tag, text, **attrs)


def _date(parent, tag: str, value, ns: str = UDT) -> None:
    holder = ram(parent, tag)
    _el(holder, ns, "DateTimeString", value.strftime("%Y%m%d"), format="102")


def _party(parent, tag: str, party: Party, *, seller: bool) -> None:
    p = ram(parent, tag)
    ram(p, "Name", party.name)
    if party.legal_id:
        attrs = {"schemeID": party.legal_id_scheme} if party.legal_id_scheme else {}
        ram(ram(p, "SpecifiedLegalOrganization"), "ID", party.legal_id, **attrs)
    if party.contact_name or party.phone or party.email:
        contact = ram(p, "DefinedTradeContact")
        if party.contact_name:
            ram(contact, "PersonName", party.contact_name)
        if party.phone:
            ram(ram(contact, "TelephoneUniversalCommunication"), "CompleteNumber", party.phone)
        if party.email:
            ram(ram(contact, "EmailURIUniversalCommunication"), "URIID", party.email)
    addr = ram(p, "PostalTradeAddress")
    if party.postcode:
        ram(addr, "PostcodeCode", party.postcode)
    if party.street:
        ram(addr, "LineOne", party.street)
    if party.additional_street:
        ram(addr, "LineTwo", party.additional_street)
    if party.city:
        ram(addr, "CityName", party.city)
    ram(addr, "CountryID", party.country)
    if party.endpoint_id:
        ram(
            ram(p, "URIUniversalCommunication"),
            "URIID",
            party.endpoint_id,
            schemeID=party.endpoint_scheme,
        )
    if party.vat_id:
        ram(ram(p, "SpecifiedTaxRegistration"), "ID", party.vat_id, schemeID="VA")
    if seller and party.tax_number:
        ram(ram(p, "SpecifiedTaxRegistration"), "ID", party.tax_number, schemeID="FC")


def _rate(parent, code: str, rate: Decimal) -> None:
    if code != "O":  # BR-O-05
        ram(parent, "RateApplicablePercent", percent(rate))


def to_cii(doc: Document) -> bytes:
    """The CII document of ``doc`` (type 380, or 381 for a credit note)."""
    cur = doc.currency
    root = etree.Element(f"{{{RSM}}}CrossIndustryInvoice", nsmap=NSMAP)
    context = _el(root, RSM, "ExchangedDocumentContext")
    ram(ram(context, "GuidelineSpecifiedDocumentContextParameter"), "ID", FACTURX_EN16931)
    header = _el(root, RSM, "ExchangedDocument")
    ram(header, "ID", doc.number)
    ram(header, "TypeCode", "381" if doc.is_credit_note else "380")
    _date(header, "IssueDateTime", doc.issue_date)
    for note in doc.notes:
        ram(ram(header, "IncludedNote"), "Content", note)
    trade = _el(root, RSM, "SupplyChainTradeTransaction")
    for line in doc.lines:
        item = ram(trade, "IncludedSupplyChainTradeLineItem")
        ldoc = ram(item, "AssociatedDocumentLineDocument")
        ram(ldoc, "LineID", line.id)
        if line.note:
            ram(ram(ldoc, "IncludedNote"), "Content", line.note)
        ram(ram(item, "SpecifiedTradeProduct"), "Name", line.description)
        agreement = ram(item, "SpecifiedLineTradeAgreement")
        ram(ram(agreement, "NetPriceProductTradePrice"), "ChargeAmount", number(line.unit_price))
        ram(
            ram(item, "SpecifiedLineTradeDelivery"),
            "BilledQuantity",
            number(line.quantity),
            unitCode=line.unit_code,
        )
        settle = ram(item, "SpecifiedLineTradeSettlement")
        tax = ram(settle, "ApplicableTradeTax")
        ram(tax, "TypeCode", "VAT")
        ram(tax, "CategoryCode", line.vat_code)
        _rate(tax, line.vat_code, line.vat_rate)
        if line.allowance:
            ac = ram(settle, "SpecifiedTradeAllowanceCharge")
            _el(ram(ac, "ChargeIndicator"), UDT, "Indicator", "false")
            ram(ac, "CalculationPercent", number(line.allowance_percent))
            ram(ac, "BasisAmount", amount(line.allowance_base, cur))
            ram(ac, "ActualAmount", amount(line.allowance, cur))
            ram(ac, "ReasonCode", "95")
            ram(ac, "Reason", "Discount")
        ram(
            ram(settle, "SpecifiedTradeSettlementLineMonetarySummation"),
            "LineTotalAmount",
            amount(line.net, cur),
        )

    agreement = ram(trade, "ApplicableHeaderTradeAgreement")
    if doc.buyer_reference:
        ram(agreement, "BuyerReference", doc.buyer_reference)
    _party(agreement, "SellerTradeParty", doc.seller, seller=True)
    _party(agreement, "BuyerTradeParty", doc.buyer, seller=False)
    if doc.order_reference:
        ram(ram(agreement, "BuyerOrderReferencedDocument"), "IssuerAssignedID", doc.order_reference)
    if doc.contract_reference:
        contract = ram(agreement, "ContractReferencedDocument")
        ram(contract, "IssuerAssignedID", doc.contract_reference)
    if doc.project_reference:
        project = ram(agreement, "SpecifiedProcuringProject")
        ram(project, "ID", doc.project_reference)
        ram(project, "Name", "Project")

    delivery = ram(trade, "ApplicableHeaderTradeDelivery")
    if {t.vat_code for t in doc.taxes} & {"K"} and doc.delivery_country:
        ship = ram(delivery, "ShipToTradeParty")
        ram(ram(ship, "PostalTradeAddress"), "CountryID", doc.delivery_country)

    settlement = ram(trade, "ApplicableHeaderTradeSettlement")
    if doc.payment_reference:
        ram(settlement, "PaymentReference", doc.payment_reference)
    ram(settlement, "InvoiceCurrencyCode", cur)
    if doc.iban:
        means = ram(settlement, "SpecifiedTradeSettlementPaymentMeans")
        ram(means, "TypeCode", rules.SEPA_CREDIT_TRANSFER)
        ram(ram(means, "PayeePartyCreditorFinancialAccount"), "IBANID", doc.iban)
        if doc.bic:
            ram(ram(means, "PayeeSpecifiedCreditorFinancialInstitution"), "BICID", doc.bic)
    for t in doc.taxes:
        tax = ram(settlement, "ApplicableTradeTax")
        ram(tax, "CalculatedAmount", amount(t.tax, cur))
        ram(tax, "TypeCode", "VAT")
        if t.exemption_reason:
            ram(tax, "ExemptionReason", t.exemption_reason)
        ram(tax, "BasisAmount", amount(t.taxable, cur))
        ram(tax, "CategoryCode", t.vat_code)
        if t.exemption_reason_code:
            ram(tax, "ExemptionReasonCode", t.exemption_reason_code)
        _rate(tax, t.vat_code, t.rate)
    if doc.period_start or doc.period_end:
        period = ram(settlement, "BillingSpecifiedPeriod")
        if doc.period_start:
            _date(period, "StartDateTime", doc.period_start)
        if doc.period_end:
            _date(period, "EndDateTime", doc.period_end)
    for allowance in doc.allowances:
        ac = ram(settlement, "SpecifiedTradeAllowanceCharge")
        _el(ram(ac, "ChargeIndicator"), UDT, "Indicator", "false")
        ram(ac, "ActualAmount", amount(allowance.amount, cur))
        ram(ac, "ReasonCode", "95")
        ram(ac, "Reason", allowance.reason)
        cat = ram(ac, "CategoryTradeTax")
        ram(cat, "TypeCode", "VAT")
        ram(cat, "CategoryCode", allowance.vat_code)
        _rate(cat, allowance.vat_code, allowance.vat_rate)
    if doc.payment_terms or doc.due_date:
        terms = ram(settlement, "SpecifiedTradePaymentTerms")
        if doc.payment_terms:
            ram(terms, "Description", doc.payment_terms)
        if doc.due_date:
            _date(terms, "DueDateDateTime", doc.due_date)
    sums = ram(settlement, "SpecifiedTradeSettlementHeaderMonetarySummation")
    ram(sums, "LineTotalAmount", amount(doc.line_total, cur))
    if doc.allowances:
        ram(sums, "AllowanceTotalAmount", amount(doc.allowance_total, cur))
    ram(sums, "TaxBasisTotalAmount", amount(doc.tax_exclusive, cur))
    ram(sums, "TaxTotalAmount", amount(doc.tax_total, cur), currencyID=cur)
    ram(sums, "GrandTotalAmount", amount(doc.tax_inclusive, cur))
    ram(sums, "DuePayableAmount", amount(doc.payable, cur))
    if doc.preceding_number:
        ref = ram(settlement, "InvoiceReferencedDocument")
        ram(ref, "IssuerAssignedID", doc.preceding_number)
        if doc.preceding_date:
            _date(ref, "FormattedIssueDateTime", doc.preceding_date, ns=QDT)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
