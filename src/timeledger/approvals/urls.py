"""Approval screens, under ``/approvals/`` (see ``timeledger.urls``)."""

from django.urls import path

from timeledger.approvals import views

urlpatterns = [
    path("", views.approvals, name="approvals"),
    path("submit/", views.submit_week, name="submit_week"),
    path("lock-date/", views.lock_date, name="lock_date"),
    path("<int:member_id>/<str:week>/", views.approval_week, name="approval_week"),
    path("<int:member_id>/<str:week>/act/", views.approval_action, name="approval_action"),
]
