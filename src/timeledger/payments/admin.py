from django.contrib import admin

from timeledger.payments.models import DunningLevel, Payment, PaymentAllocation, ReminderLog


class AllocationInline(admin.TabularInline):
    model = PaymentAllocation
    extra = 0
    readonly_fields = ["invoice", "amount"]
    can_delete = False


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    """Payments are recorded through the service (it keeps invoices settled); read-only here."""

    list_display = ["date", "client", "amount", "currency", "allocated", "method", "reference"]
    inlines = [AllocationInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


admin.site.register(DunningLevel)
admin.site.register(ReminderLog)
