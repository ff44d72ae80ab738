from django.urls import path

from timeledger.autosend import views as v

urlpatterns = [
    path("billing/policy/", v.policy_page, name="autosend_policy"),
    path("billing/policy/overrides/", v.override_save, name="autosend_override_save"),
    path(
        "billing/policy/overrides/<int:pk>/delete/",
        v.override_delete,
        name="autosend_override_delete",
    ),
    path("billing/review/", v.review_page, name="autosend_review"),
    path("billing/review/run/", v.run_now, name="autosend_run"),
]
