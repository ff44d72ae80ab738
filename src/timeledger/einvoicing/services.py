"""Writes: check an invoice before it is issued, store its e-invoice once, settings changes.

Generation is in the issuing transaction (an XML of a few KB, well under the 100 ms budget); the
Factur-X PDF/A-3 is rendered, like the plain PDF, on first use and then stored for good.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext

from timeledger.accounts.roles import Cap
from timeledger.core.audit import record, snapshot
from timeledger.einvoicing import cii, facturx_pdf, rules, selectors, ubl
from timeledger.einvoicing.document import Document
from timeledger.einvoicing.models import (
    ClientEinvoiceSettings,
    EInvoice,
    Format,
    OrganisationEinvoiceSettings,
    TaxCategoryEinvoiceSettings,
    VatCode,
)
from timeledger.invoicing.models import Invoice

UBL_FORMATS = (Format.PEPPOL, Format.XRECHNUNG)


def render(doc: Document) -> bytes:
    """The XML of ``doc`` in its format (Factur-X: the CII that goes inside the PDF)."""
    if doc.format in UBL_FORMATS:
        return ubl.to_ubl(doc)
    return cii.to_cii(doc)


def findings_error(findings: list[rules.Finding]) -> ValidationError:
    """Findings as the project's validation error: ``"BR-DE-15: XRechnung needs …"`` per field."""
    by_field: dict[str, list[str]] = defaultdict(list)
    for finding in findings:
        by_field[finding.field].append(f"{finding.rule}: {finding.message}")
    return ValidationError(dict(by_field))


def check_for_issue(invoice: Invoice, lines) -> None:
    """Refuse to issue an invoice whose e-invoice would be invalid (before the number)."""
    settings = selectors.client_settings(invoice.client)
    fmt = selectors.format_for(invoice, settings)
    if not fmt:
        return
    doc = selectors.document_for(invoice, lines, fmt=fmt, number="DRAFT", settings=settings)
    findings = rules.check(doc)
    if findings:
        raise findings_error(findings)


def _filename(invoice: Invoice, fmt: str) -> str:
    suffix = {Format.PEPPOL: "ubl", Format.XRECHNUNG: "xrechnung"}.get(fmt, "cii")
    return f"{invoice.number}-{invoice.public_token[:8]}-{suffix}.xml"


def store_einvoice(invoice: Invoice, lines=None) -> EInvoice | None:
    """Write the e-invoice of a just-numbered invoice, once (caller holds the transaction)."""
    settings = selectors.client_settings(invoice.client)
    fmt = selectors.format_for(invoice, settings)
    if not fmt or not invoice.number:
        return None
    doc = selectors.document_for(invoice, lines, fmt=fmt, settings=settings)
    xml = render(doc)
    einvoice = EInvoice(organisation_id=invoice.organisation_id, invoice=invoice, format=fmt)
    einvoice.xml.save(_filename(invoice, fmt), ContentFile(xml), save=False)
    einvoice.xml_sha256 = hashlib.sha256(xml).hexdigest()
    einvoice.save()
    return einvoice


def xml_of(einvoice: EInvoice) -> bytes:
    with einvoice.xml.open("rb") as fh:
        return fh.read()


def download(invoice: Invoice) -> tuple[str, bytes, str]:
    """``(filename, content, mimetype)`` of an issued invoice's e-invoice (Factur-X: the PDF)."""
    einvoice = selectors.stored(invoice)
    if einvoice is None:
        raise ValidationError(
            {
                "non_field_errors": [
                    gettext("Invoice %(invoice)s has no e-invoice.")
                    % {"invoice": invoice.number or invoice.pk}
                ]
            }
        )
    if einvoice.format == Format.FACTURX:
        return f"{invoice.number}-facturx.pdf", facturx_pdf.ensure(einvoice), "application/pdf"
    suffix = "" if einvoice.format == Format.CII else f"-{einvoice.format}"
    return f"{invoice.number}{suffix}.xml", xml_of(einvoice), "application/xml"


CLIENT_FIELDS = (
    "format",
    "endpoint_scheme",
    "endpoint_id",
    "buyer_reference",
    "order_reference",
    "contract_reference",
    "requires_order_reference",
    "legal_id",
)
ORGANISATION_FIELDS = (
    "endpoint_scheme",
    "endpoint_id",
    "legal_id_scheme",
    "tax_number",
    "contact_name",
    "contact_phone",
)


def _clean_scheme(data: dict) -> None:
    scheme = (data.get("endpoint_scheme") or "").strip()
    if scheme and not (scheme.isdigit() and len(scheme) == 4) and scheme != "EM":
        raise ValidationError(
            {
                "endpoint_scheme": [
                    gettext("The scheme is a 4-digit EAS code, e.g. 0106, 0208 or 9930.")
                ]
            }
        )
    if bool(scheme) != bool((data.get("endpoint_id") or "").strip()):
        raise ValidationError(
            {
                "endpoint_id": [
                    gettext("Give both the scheme and the electronic address, or neither.")
                ]
            }
        )


def _save_settings(model, *, lookup: dict, defaults: dict, fields, data: dict, by, clean):
    """The one way e-invoice settings change: unknown fields refused, values stripped, the row
    locked (created on first use), the merged values checked by ``clean``, saved and audited."""
    unknown = set(data) - set(fields)
    if unknown:
        raise ValidationError({name: [gettext("Unknown field.")] for name in sorted(unknown)})
    data = {name: v.strip() if isinstance(v, str) else v for name, v in data.items()}
    with transaction.atomic():
        settings, _ = model.objects.select_for_update().get_or_create(**lookup, defaults=defaults)
        before = snapshot(settings)
        clean({name: getattr(settings, name) for name in fields} | data)
        for name, value in data.items():
            setattr(settings, name, value)
        settings.full_clean(exclude=["organisation", *lookup])
        settings.save()
        record(
            organisation=by.organisation,
            actor=by.user,
            action="update",
            obj=settings,
            before=before,
            after=snapshot(settings),
        )
    return settings


def _own(obj, by) -> None:
    if obj.organisation_id != by.organisation.id:
        raise ValidationError({"non_field_errors": [gettext("Not found.")]})


def update_client_settings(client, data: dict, *, by) -> ClientEinvoiceSettings:
    """Set a client's e-invoice format, electronic address and references."""
    if not by.can(Cap.MANAGE_BILLING):
        raise PermissionDenied(gettext("Your role cannot change e-invoice settings."))
    _own(client, by)
    return _save_settings(
        ClientEinvoiceSettings,
        lookup={"client": client},
        defaults={"organisation_id": client.organisation_id},
        fields=CLIENT_FIELDS,
        data=data,
        by=by,
        clean=_clean_scheme,
    )


def update_organisation_settings(data: dict, *, by) -> OrganisationEinvoiceSettings:
    """Set the organisation's own electronic address, ids and e-invoice contact."""
    if not by.can(Cap.MANAGE_SETTINGS):
        raise PermissionDenied(gettext("Your role cannot change the organisation's settings."))
    return _save_settings(
        OrganisationEinvoiceSettings,
        lookup={"organisation": by.organisation},
        defaults={},
        fields=ORGANISATION_FIELDS,
        data=data,
        by=by,
        clean=_clean_scheme,
    )


TAX_CATEGORY_FIELDS = ("vat_code", "exemption_reason_code")


def update_tax_category_settings(category, data: dict, *, by) -> TaxCategoryEinvoiceSettings:
    """Give a zero-rated tax category its EN 16931 code (K, G, O) and VATEX reason code."""
    if not by.can(Cap.MANAGE_BILLING):
        raise PermissionDenied(gettext("Your role cannot change tax categories."))
    _own(category, by)
    if data.get("exemption_reason_code"):
        data = data | {"exemption_reason_code": data["exemption_reason_code"].upper()}

    def clean(merged: dict) -> None:
        code = merged["vat_code"]
        if code in VatCode.values and category.rate != 0:
            label = VatCode(code).label
            raise ValidationError(
                {"vat_code": [f"{label} is zero-rated; this category is {category.rate} %."]}
            )
        reason = merged["exemption_reason_code"].strip()
        if reason and not reason.upper().startswith("VATEX-"):
            raise ValidationError(
                {
                    "exemption_reason_code": [
                        gettext("Use a VATEX code, e.g. VATEX-EU-IC or VATEX-EU-G.")
                    ]
                }
            )

    return _save_settings(
        TaxCategoryEinvoiceSettings,
        lookup={"tax_category": category},
        defaults={"organisation_id": category.organisation_id},
        fields=TAX_CATEGORY_FIELDS,
        data=data,
        by=by,
        clean=clean,
    )
