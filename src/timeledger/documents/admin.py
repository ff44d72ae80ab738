from django.contrib import admin

from timeledger.documents.models import InvoiceTemplate

admin.site.register(InvoiceTemplate)
