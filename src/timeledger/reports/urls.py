"""Report screens, under ``/reports/`` (see ``timeledger.urls``)."""

from django.urls import path

from timeledger.reports import views

urlpatterns = [
    path("audit/", views.audit_report, name="audit_report"),
    path("audit.csv", views.audit_report, {"fmt": "csv"}, name="audit_report_csv"),
    path("audit.xlsx", views.audit_report, {"fmt": "xlsx"}, name="audit_report_xlsx"),
]
