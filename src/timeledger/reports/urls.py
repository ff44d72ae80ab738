"""Report screens, under ``/reports/`` (see ``timeledger.urls``)."""

from django.urls import path

from timeledger.reports import views

urlpatterns = [
    path("", views.reports_home, name="reports_home"),
    path("audit/", views.audit_report, name="audit_report"),
    path("audit.csv", views.audit_report, {"fmt": "csv"}, name="audit_report_csv"),
    path("audit.xlsx", views.audit_report, {"fmt": "xlsx"}, name="audit_report_xlsx"),
    path("entries/", views.report_entries, name="report_entries"),
    path("<slug:name>/", views.report_page, name="report_page"),
    path("<slug:name>.csv", views.report_page, {"fmt": "csv"}, name="report_csv"),
    path("<slug:name>.xlsx", views.report_page, {"fmt": "xlsx"}, name="report_xlsx"),
    path("<slug:name>.pdf", views.report_page, {"fmt": "pdf"}, name="report_pdf"),
]
