from django.urls import path

from timeledger.invoicing import views as v

urlpatterns = [
    path("invoices/", v.invoice_list, name="invoice_list"),
    path("invoices/new/", v.invoice_new, name="invoice_new"),
    path("invoices/<int:pk>/", v.invoice_detail, name="invoice_detail"),
    path("invoices/<int:pk>/lines/", v.line_add, name="invoice_line_add"),
    path("invoices/<int:pk>/lines/<int:line_pk>/tax/", v.line_tax, name="invoice_line_tax"),
    path(
        "invoices/<int:pk>/lines/<int:line_pk>/delete/", v.line_delete, name="invoice_line_delete"
    ),
    path("invoices/<int:pk>/issue/", v.invoice_issue, name="invoice_issue"),
    path("invoices/<int:pk>/send/", v.invoice_send, name="invoice_send"),
    path("invoices/<int:pk>/void/", v.invoice_void, name="invoice_void"),
    path("invoices/<int:pk>/credit/", v.invoice_credit, name="invoice_credit"),
    path("invoices/<int:pk>/convert/", v.invoice_convert, name="invoice_convert"),
    path("invoices/<int:pk>/delete/", v.invoice_delete, name="invoice_delete"),
    path("invoices/<int:pk>/pdf/", v.invoice_pdf, name="invoice_pdf"),
    path("invoices/taxes/", v.tax_list, name="invoice_taxes"),
    path("invoices/taxes/seed/", v.tax_seed, name="invoice_taxes_seed"),
    path("invoices/taxes/default/", v.tax_default, name="invoice_taxes_default"),
    path("invoices/recurring/", v.schedule_list, name="invoice_schedules"),
    path("invoices/template/", v.template_edit, name="invoice_template"),
    path("i/<str:token>/", v.invoice_public, name="invoice_public"),
    path("i/<str:token>/pdf/", v.invoice_public_pdf, name="invoice_public_pdf"),
]
