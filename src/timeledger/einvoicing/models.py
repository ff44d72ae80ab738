"""E-invoice settings of clients and of the organisation, and the stored e-invoice documents.

Settings live here (one-to-one with ``clients.Client``, ``accounts.Organisation`` and
``invoicing.TaxCategory``) so the apps above know nothing of EN 16931. A stored ``EInvoice`` is
as immutable as the invoice's PDF: written once at issue, never changed.
"""

from __future__ import annotations

from django.db import models

from timeledger.core.models import TenantModel


class Format(models.TextChoices):
    NONE = "", "None (PDF only)"
    PEPPOL = "peppol", "Peppol BIS Billing 3.0 (UBL)"
    XRECHNUNG = "xrechnung", "XRechnung (UBL)"
    CII = "cii", "UN/CEFACT CII D16B"
    FACTURX = "facturx", "Factur-X / ZUGFeRD (PDF/A-3 with CII)"


class ClientEinvoiceSettings(TenantModel):
    """How a client receives e-invoices: the format, its electronic address (EAS scheme + id,
    e.g. ``0106`` + a Dutch KvK number, ``9930`` + a German VAT id) and the references its
    accounts-payable department needs to route the invoice."""

    client = models.OneToOneField(
        "clients.Client", on_delete=models.CASCADE, related_name="einvoice_settings"
    )
    format = models.CharField(max_length=10, choices=Format.choices, blank=True, default="")
    endpoint_scheme = models.CharField(
        "electronic address scheme (EAS)",
        max_length=4,
        blank=True,
        help_text="e.g. 0106, 9930, 0088",
    )
    endpoint_id = models.CharField("electronic address", max_length=80, blank=True)
    buyer_reference = models.CharField(
        "buyer reference / Leitweg-ID",
        max_length=100,
        blank=True,
        help_text="Required by XRechnung (the Leitweg-ID of a German public buyer).",
    )
    order_reference = models.CharField(
        "purchase order number", max_length=100, blank=True, help_text="Quoted on every invoice."
    )
    contract_reference = models.CharField(
        "contract reference",
        max_length=100,
        blank=True,
        help_text="The framework agreement or contract the work is done under (EN 16931 BT-12).",
    )
    requires_order_reference = models.BooleanField(
        default=False, help_text="Refuse to issue an e-invoice without a purchase order number."
    )
    legal_id = models.CharField(
        "company registration id", max_length=40, blank=True, help_text="e.g. a KvK number."
    )

    class Meta:
        verbose_name_plural = "client e-invoice settings"

    def __str__(self) -> str:
        return f"{self.client}: {self.format or 'none'}"


class OrganisationEinvoiceSettings(models.Model):
    """The organisation's own electronic address and the contact XRechnung asks for."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="einvoice_settings"
    )
    endpoint_scheme = models.CharField(
        "electronic address scheme (EAS)", max_length=4, blank=True, help_text="e.g. 0106, 9930"
    )
    endpoint_id = models.CharField("electronic address", max_length=80, blank=True)
    legal_id_scheme = models.CharField(
        "registration id scheme (ICD)", max_length=4, blank=True, help_text="e.g. 0106 for KvK"
    )
    tax_number = models.CharField(
        "tax number", max_length=40, blank=True, help_text="A national tax number (not the VAT id)."
    )
    contact_name = models.CharField(max_length=200, blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)

    class Meta:
        verbose_name_plural = "organisation e-invoice settings"

    def __str__(self) -> str:
        return f"{self.organisation}: {self.endpoint_scheme}:{self.endpoint_id}"


class VatCode(models.TextChoices):
    """EN 16931 VAT category codes (UNCL 5305 subset) that the invoicing codes do not name."""

    FROM_CATEGORY = "", "From the tax category (S, AA→S, Z, E, AE)"
    INTRA_COMMUNITY = "K", "Intra-community supply (K)"
    EXPORT = "G", "Export outside the EU (G)"
    OUTSIDE_SCOPE = "O", "Outside the scope of VAT (O)"


class TaxCategoryEinvoiceSettings(TenantModel):
    """The EN 16931 code and exemption reason (VATEX) of a zero-rated tax category."""

    tax_category = models.OneToOneField(
        "invoicing.TaxCategory", on_delete=models.CASCADE, related_name="einvoice_settings"
    )
    vat_code = models.CharField(max_length=2, choices=VatCode.choices, blank=True, default="")
    exemption_reason_code = models.CharField(
        "exemption reason code (VATEX)", max_length=30, blank=True
    )

    class Meta:
        verbose_name_plural = "tax category e-invoice settings"


class EInvoice(TenantModel):
    """The e-invoice of an issued invoice, stored once beside its PDF and never changed."""

    invoice = models.OneToOneField(
        "invoicing.Invoice", on_delete=models.PROTECT, related_name="einvoice"
    )
    format = models.CharField(max_length=10, choices=Format.choices)
    xml = models.FileField(upload_to="einvoices/%Y/")
    xml_sha256 = models.CharField(max_length=64)
    # Factur-X: the PDF/A-3 with the XML embedded, rendered once after commit.
    pdf = models.FileField(upload_to="einvoices/%Y/", blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.invoice}: {self.get_format_display()}"

    def save(self, *args, **kwargs):
        # Immutable once written: only the Factur-X PDF may be filled in, once.
        if self.pk is not None:
            fields = set(kwargs.get("update_fields") or ())
            stored = EInvoice.objects.filter(pk=self.pk).values("pdf").first()
            if not fields or not fields <= {"pdf", "pdf_sha256", "updated_at"} or stored["pdf"]:
                raise PermissionError("a stored e-invoice never changes")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("a stored e-invoice is never deleted")
