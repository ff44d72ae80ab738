from django.urls import path

from timeledger.accounts import audit_views as views

urlpatterns = [
    path("audit-log/", views.audit_log, name="audit_log"),
]
