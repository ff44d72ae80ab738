from django.urls import path

from timeledger.onboarding import views

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("welcome/", views.first_run, name="first_run"),
    path("settings/", views.settings_page, name="organisation_settings"),
]
