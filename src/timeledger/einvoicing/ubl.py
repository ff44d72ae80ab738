"""UBL 2.1 Invoice / CreditNote for Peppol BIS Billing 3.0 and XRechnung (UBL syntax).

Elements are written in the order of the UBL 2.1 schema (the XSD checks it in the tests).
"""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from timeledger.core.money import minor_unit
from timeledger.einvoicing import rules
from timeledger.einvoicing.document import Document, Party

CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"


def amount(value: Decimal, currency: str) -> str:
    """An amount with the currency's places; zero is never written "-0.00", which the CII
    schematron does not take as zero (BR-AE-09, BR-E-09…)."""
    places = min(minor_unit(currency), 2)
    return f"{abs(value) if not value else value:.{places}f}"


def number(value: Decimal) -> str:
    return format((abs(value) if not value else value).normalize(), "f")


def percent(value: Decimal) -> str:
    return f"{value:.2f}"


class _Writer:
    def __init__(self, root: etree._Element, currency: str):
        self.root, self.currency = root, currency

    def cbc(self, parent, tag: str, text, **attrs):
        el = etree.SubElement(parent, f"{{{CBC}}}{tag}", attrib=attrs)
        el.text = str(text)
        return el

    def cac(self, parent, tag: str):
        return etree.SubElement(parent, f"{{{CAC}}}{tag}")

    def money(self, parent, tag: str, value: Decimal):
        return self.cbc(parent, tag, amount(value, self.currency), currencyID=self.currency)


def _party(w: _Writer, parent, party: Party, *, seller: bool) -> None:
    p = w.cac(parent, "Party")
    if party.endpoint_id:
        w.cbc(p, "EndpointID", party.endpoint_id, schemeID=party.endpoint_scheme)
    if party.name:
        w.cbc(w.cac(p, "PartyName"), "Name", party.name)
    addr = w.cac(p, "PostalAddress")
    if party.street:
        w.cbc(addr, "StreetName", party.street)
    if party.additional_street:
        w.cbc(addr, "AdditionalStreetName", party.additional_street)
    if party.city:
        w.cbc(addr, "CityName", party.city)
    if party.postcode:
        w.cbc(addr, "PostalZone", party.postcode)
    w.cbc(w.cac(addr, "Country"), "IdentificationCode", party.country)
    if party.vat_id:
        tax = w.cac(p, "PartyTaxScheme")
        w.cbc(tax, "CompanyID", party.vat_id)
        w.cbc(w.cac(tax, "TaxScheme"), "ID", "VAT")
    if seller and party.tax_number:
        tax = w.cac(p, "PartyTaxScheme")
        w.cbc(tax, "CompanyID", party.tax_number)
        w.cbc(w.cac(tax, "TaxScheme"), "ID", "FC")
    legal = w.cac(p, "PartyLegalEntity")
    w.cbc(legal, "RegistrationName", party.name)
    if party.legal_id:
        attrs = {"schemeID": party.legal_id_scheme} if party.legal_id_scheme else {}
        w.cbc(legal, "CompanyID", party.legal_id, **attrs)
    if party.contact_name or party.phone or party.email:
        contact = w.cac(p, "Contact")
        if party.contact_name:
            w.cbc(contact, "Name", party.contact_name)
        if party.phone:
            w.cbc(contact, "Telephone", party.phone)
        if party.email:
            w.cbc(contact, "ElectronicMail", party.email)


def _category(w: _Writer, parent, tag: str, code: str, rate: Decimal, reason=None) -> None:
    cat = w.cac(parent, tag)
    w.cbc(cat, "ID", code)
    if code != "O":  # BR-O-05: no rate outside the scope of VAT
        w.cbc(cat, "Percent", percent(rate))
    if reason:
        reason_code, text = reason
        if reason_code:
            w.cbc(cat, "TaxExemptionReasonCode", reason_code)
        if text:
            w.cbc(cat, "TaxExemptionReason", text)
    w.cbc(w.cac(cat, "TaxScheme"), "ID", "VAT")


def to_ubl(doc: Document) -> bytes:
    """The UBL document of ``doc``: an Invoice (380) or a CreditNote (381)."""
    credit = doc.is_credit_note
    ns = CREDIT_NOTE_NS if credit else INVOICE_NS
    root = etree.Element(
        f"{{{ns}}}{'CreditNote' if credit else 'Invoice'}", nsmap={None: ns, "cac": CAC, "cbc": CBC}
    )
    w = _Writer(root, doc.currency)
    customization = (
        rules.XRECHNUNG_CUSTOMIZATION if doc.format == "xrechnung" else rules.PEPPOL_CUSTOMIZATION
    )
    w.cbc(root, "CustomizationID", customization)
    w.cbc(root, "ProfileID", rules.PEPPOL_PROFILE)
    w.cbc(root, "ID", doc.number)
    w.cbc(root, "IssueDate", doc.issue_date.isoformat())
    if doc.due_date and not credit:
        w.cbc(root, "DueDate", doc.due_date.isoformat())
    w.cbc(root, "CreditNoteTypeCode" if credit else "InvoiceTypeCode", "381" if credit else "380")
    if doc.notes:  # PEPPOL-EN16931-R002: one note at document level
        w.cbc(root, "Note", "\n".join(doc.notes))
    w.cbc(root, "DocumentCurrencyCode", doc.currency)
    if doc.buyer_reference:
        w.cbc(root, "BuyerReference", doc.buyer_reference)
    if doc.period_start or doc.period_end:
        period = w.cac(root, "InvoicePeriod")
        if doc.period_start:
            w.cbc(period, "StartDate", doc.period_start.isoformat())
        if doc.period_end:
            w.cbc(period, "EndDate", doc.period_end.isoformat())
    if doc.order_reference:
        w.cbc(w.cac(root, "OrderReference"), "ID", doc.order_reference)
    if doc.preceding_number:
        ref = w.cac(w.cac(root, "BillingReference"), "InvoiceDocumentReference")
        w.cbc(ref, "ID", doc.preceding_number)
        if doc.preceding_date:
            w.cbc(ref, "IssueDate", doc.preceding_date.isoformat())
    if doc.contract_reference:
        w.cbc(w.cac(root, "ContractDocumentReference"), "ID", doc.contract_reference)
    if doc.project_reference:
        if credit:  # a CreditNote has no ProjectReference: BT-11 is a document reference "50"
            ref = w.cac(root, "AdditionalDocumentReference")
            w.cbc(ref, "ID", doc.project_reference)
            w.cbc(ref, "DocumentTypeCode", "50")
        else:
            w.cbc(w.cac(root, "ProjectReference"), "ID", doc.project_reference)
    _party(w, w.cac(root, "AccountingSupplierParty"), doc.seller, seller=True)
    _party(w, w.cac(root, "AccountingCustomerParty"), doc.buyer, seller=False)
    if doc.delivery_country and {t.vat_code for t in doc.taxes} & {"K"}:
        loc = w.cac(w.cac(root, "Delivery"), "DeliveryLocation")
        w.cbc(w.cac(w.cac(loc, "Address"), "Country"), "IdentificationCode", doc.delivery_country)
    if doc.iban:
        means = w.cac(root, "PaymentMeans")
        w.cbc(means, "PaymentMeansCode", rules.SEPA_CREDIT_TRANSFER, name="SEPA credit transfer")
        w.cbc(means, "PaymentID", doc.payment_reference)
        account = w.cac(means, "PayeeFinancialAccount")
        w.cbc(account, "ID", doc.iban)
        w.cbc(account, "Name", doc.seller.name)
        if doc.bic:
            w.cbc(w.cac(account, "FinancialInstitutionBranch"), "ID", doc.bic)
    if doc.payment_terms:
        w.cbc(w.cac(root, "PaymentTerms"), "Note", doc.payment_terms)
    reasons = {t.vat_code: (t.exemption_reason_code, t.exemption_reason) for t in doc.taxes}
    for allowance in doc.allowances:
        ac = w.cac(root, "AllowanceCharge")
        w.cbc(ac, "ChargeIndicator", "false")
        w.cbc(ac, "AllowanceChargeReasonCode", "95")  # UNCL 5189: discount
        w.cbc(ac, "AllowanceChargeReason", allowance.reason)
        w.money(ac, "Amount", allowance.amount)
        _category(w, ac, "TaxCategory", allowance.vat_code, allowance.vat_rate)
    total = w.cac(root, "TaxTotal")
    w.money(total, "TaxAmount", doc.tax_total)
    for t in doc.taxes:
        sub = w.cac(total, "TaxSubtotal")
        w.money(sub, "TaxableAmount", t.taxable)
        w.money(sub, "TaxAmount", t.tax)
        _category(w, sub, "TaxCategory", t.vat_code, t.rate, reasons.get(t.vat_code))
    legal = w.cac(root, "LegalMonetaryTotal")
    w.money(legal, "LineExtensionAmount", doc.line_total)
    w.money(legal, "TaxExclusiveAmount", doc.tax_exclusive)
    w.money(legal, "TaxInclusiveAmount", doc.tax_inclusive)
    if doc.allowances:
        w.money(legal, "AllowanceTotalAmount", doc.allowance_total)
    w.money(legal, "PayableAmount", doc.payable)
    for line in doc.lines:
        el = w.cac(root, "CreditNoteLine" if credit else "InvoiceLine")
        w.cbc(el, "ID", line.id)
        if line.note:
            w.cbc(el, "Note", line.note)
        w.cbc(
            el,
            "CreditedQuantity" if credit else "InvoicedQuantity",
            number(line.quantity),
            unitCode=line.unit_code,
        )
        w.money(el, "LineExtensionAmount", line.net)
        if line.allowance:
            ac = w.cac(el, "AllowanceCharge")
            w.cbc(ac, "ChargeIndicator", "false")
            w.cbc(ac, "AllowanceChargeReasonCode", "95")  # UNCL 5189: discount
            w.cbc(ac, "AllowanceChargeReason", "Discount")
            w.cbc(ac, "MultiplierFactorNumeric", number(line.allowance_percent))
            w.money(ac, "Amount", line.allowance)
            w.money(ac, "BaseAmount", line.allowance_base)
        item = w.cac(el, "Item")
        w.cbc(item, "Name", line.description)
        _category(w, item, "ClassifiedTaxCategory", line.vat_code, line.vat_rate)
        price = w.cac(el, "Price")
        w.cbc(price, "PriceAmount", number(line.unit_price), currencyID=doc.currency)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
