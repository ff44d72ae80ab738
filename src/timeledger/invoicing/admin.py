"""Admin for invoices. Issued invoices and their lines are read-only here (and the model guards
refuse any change that gets past this)."""

from django.contrib import admin

from timeledger.invoicing.models import (
    Invoice,
    InvoiceLine,
    InvoiceSequence,
    RecurringSchedule,
    TaxCategory,
)


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    fields = ["position", "description", "quantity", "unit", "unit_price", "net_amount", "tax_rate"]

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.is_editable

    def has_add_permission(self, request, obj=None):
        return obj is None or obj.is_editable

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.is_editable


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "organisation",
        "client",
        "kind",
        "status",
        "gross_total",
        "currency",
    ]
    list_filter = ["status", "kind", "currency"]
    search_fields = ["number", "client__name", "client__code"]
    inlines = [InvoiceLineInline]
    raw_id_fields = ["client", "project", "credited_invoice", "converted_from"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.is_editable)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.is_editable)


@admin.register(InvoiceLine)
class InvoiceLineAdmin(admin.ModelAdmin):
    list_display = ["description", "invoice", "quantity", "unit_price", "net_amount"]
    raw_id_fields = ["invoice", "credited_line", "phase", "task", "member", "milestone"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or obj.invoice.is_editable
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or obj.invoice.is_editable
        )


admin.site.register(TaxCategory)


@admin.register(InvoiceSequence)
class InvoiceSequenceAdmin(admin.ModelAdmin):
    """Read-only: a counter moves only by issuing, or forward with
    ``timeledger numbering move`` (``invoicing.numbering.move_counter``, audited)."""

    list_display = ["organisation", "series", "pattern", "next_value", "updated_at"]
    readonly_fields = [
        "organisation",
        "series",
        "pattern",
        "next_value",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(RecurringSchedule)
