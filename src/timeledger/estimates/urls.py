"""Estimate screens (``/estimates/``) and the client's link (``/q/<token>/``)."""

from django.urls import path

from timeledger.estimates import views

urlpatterns = [
    path("estimates/", views.estimate_list, name="estimate_list"),
    path("estimates/new/", views.estimate_new, name="estimate_new"),
    path("estimates/<int:pk>/", views.estimate_detail, name="estimate_detail"),
    path("estimates/<int:pk>/send/", views.estimate_send, name="estimate_send"),
    path("estimates/<int:pk>/revise/", views.estimate_revise, name="estimate_revise"),
    path(
        "estimates/<int:pk>/apply-factor/",
        views.estimate_apply_factor,
        name="estimate_apply_factor",
    ),
    path("estimates/<int:pk>/pdf/", views.estimate_pdf, name="estimate_pdf"),
    path("q/<str:token>/", views.estimate_public, name="estimate_public"),
    path("q/<str:token>/pdf/", views.estimate_public_pdf, name="estimate_public_pdf"),
]
