from django.contrib import admin

from timeledger.documents.models import InvoiceTemplate, TemplateVersion

admin.site.register(InvoiceTemplate)


@admin.register(TemplateVersion)
class TemplateVersionAdmin(admin.ModelAdmin):
    """Read-only: issued invoices are produced from these exact texts."""

    list_display = ["name", "organisation", "sha256", "created_at"]
    readonly_fields = ["organisation", "name", "html", "css", "sha256", "template", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
