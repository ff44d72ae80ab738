from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView

from timeledger.core.api import not_found

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    # Swagger UI from our own static files, its set-up script from ?script= (no inline script, no
    # CDN: it renders behind a firewall and under the CSP's script-src 'self').
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="openapi", template_name="api/swagger_ui.html"
        ),
        name="api-docs",
    ),
    path("api/", include("timeledger.api_urls")),
    re_path(r"^api/", not_found),  # unknown API paths: 404 in the API's JSON error shape
    # app.js's strings in the page's language (the djangojs catalogues under locale/), from the app
    # itself: script-src 'self', and the service worker keeps a copy for offline use.
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include("timeledger.accounts.urls")),
    path("", include("timeledger.onboarding.urls")),
    path("", include("timeledger.accounts.audit_urls")),
    path("approvals/", include("timeledger.approvals.urls")),
    path("expenses/", include("timeledger.expenses.urls")),
    path("reports/", include("timeledger.reports.urls")),
    path("", include("timeledger.timesheets.urls")),
    path("", include("timeledger.projects.urls")),
    path("", include("timeledger.rates.urls")),
    path("", include("timeledger.contracts.urls")),
    path("", include("timeledger.clients.urls")),
    path("", include("timeledger.autosend.urls")),
    path("", include("timeledger.billing.urls")),
    path("", include("timeledger.einvoicing.urls")),
    path("", include("timeledger.estimates.urls")),
    path("", include("timeledger.invoicing.urls")),
    path("", include("timeledger.payments.urls")),
    path("", include("timeledger.accounting.urls")),
    path("", include("timeledger.banking.urls")),
    path("", include("timeledger.webhooks.urls")),
    path("", include("timeledger.integrations.urls")),
]
