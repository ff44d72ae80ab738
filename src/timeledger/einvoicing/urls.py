from django.urls import path

from timeledger.einvoicing import views

urlpatterns = [
    path("invoices/<int:pk>/einvoice/", views.einvoice_download, name="invoice_einvoice"),
    path(
        "clients/<int:pk>/einvoicing/",
        views.client_settings,
        name="client_einvoice_settings",
    ),
    path(
        "settings/einvoicing/", views.organisation_settings, name="organisation_einvoice_settings"
    ),
]
