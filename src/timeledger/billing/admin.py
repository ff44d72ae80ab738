"""Admin for billing runs (the invoices themselves are in ``invoicing.admin``)."""

from django.contrib import admin

from timeledger.billing.models import BillingRun, BillingSchedule

admin.site.register(BillingRun)
admin.site.register(BillingSchedule)
