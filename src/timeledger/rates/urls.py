from django.urls import path

from timeledger.rates import views

urlpatterns = [
    path("rates/", views.rate_list, name="rate_list"),
    path("rates/new/", views.rate_new, name="rate_new"),
    path("rates/preview/", views.rate_preview, name="rate_preview"),
    path("rates/rounding/", views.rounding, name="rounding"),
    path("rates/rounding/projects/<int:pk>/", views.project_rounding, name="project_rounding"),
    path("rates/<int:pk>/edit/", views.rate_edit, name="rate_edit"),
    path("rates/<int:pk>/delete/", views.rate_delete, name="rate_delete"),
    path("entries/<int:pk>/rate/", views.entry_rate, name="entry_rate"),
]
