from django.urls import path

from timeledger.core import views

urlpatterns = [
    path("audit-log/", views.audit_log, name="audit_log"),
]
