from django.urls import path

from timeledger.billing import views

urlpatterns = [
    path("billing/", views.billing_home, name="billing_home"),
    path("billing/new/", views.invoice_from_time, name="invoice_from_time"),
    path("billing/preview/", views.billing_preview, name="billing_preview"),
    path("billing/run/", views.billing_run, name="billing_run"),
    path("billing/drafts/<int:pk>/", views.draft_detail, name="draft_detail"),
    path("billing/drafts/<int:pk>/timesheet/", views.draft_timesheet, name="draft_timesheet"),
    path("billing/drafts/<int:pk>/delete/", views.draft_delete, name="draft_delete"),
    path("billing/drafts/<int:pk>/<slug:action>/", views.draft_action, name="draft_action"),
    # The final invoice is made by the billing engine; the page and URL stay the invoices' own.
    path("invoices/final/", views.invoice_final, name="invoice_final"),
]
