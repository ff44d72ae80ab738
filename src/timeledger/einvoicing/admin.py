from django.contrib import admin

from timeledger.einvoicing.models import (
    ClientEinvoiceSettings,
    EInvoice,
    OrganisationEinvoiceSettings,
    TaxCategoryEinvoiceSettings,
)


@admin.register(ClientEinvoiceSettings)
class ClientEinvoiceSettingsAdmin(admin.ModelAdmin):
    list_display = ["client", "format", "endpoint_scheme", "endpoint_id", "buyer_reference"]
    list_filter = ["format"]


@admin.register(OrganisationEinvoiceSettings)
class OrganisationEinvoiceSettingsAdmin(admin.ModelAdmin):
    list_display = ["organisation", "endpoint_scheme", "endpoint_id"]


@admin.register(TaxCategoryEinvoiceSettings)
class TaxCategoryEinvoiceSettingsAdmin(admin.ModelAdmin):
    list_display = ["tax_category", "vat_code", "exemption_reason_code"]


@admin.register(EInvoice)
class EInvoiceAdmin(admin.ModelAdmin):
    """Read-only: a stored e-invoice never changes."""

    list_display = ["invoice", "format", "xml_sha256", "created_at"]
    list_filter = ["format"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
