"""The REST API: one router, each app registers its viewsets in its ``api.py``."""

from rest_framework.routers import DefaultRouter

from timeledger.accounting import api as accounting_api
from timeledger.accounts import api as accounts_api
from timeledger.accounts import audit_api
from timeledger.approvals import api as approval_api
from timeledger.autosend import api as autosend_api
from timeledger.banking import api as banking_api
from timeledger.billing import api as billing_api
from timeledger.clients import api as clients_api
from timeledger.contracts import api as contract_api
from timeledger.einvoicing import api as einvoicing_api
from timeledger.estimates import api as estimates_api
from timeledger.expenses import api as expenses_api
from timeledger.integrations import api as integrations_api
from timeledger.invoicing import api as invoice_api
from timeledger.onboarding import api as onboarding_api
from timeledger.payments import api as payments_api
from timeledger.projects import api as projects_api
from timeledger.rates import api as rates_api
from timeledger.reports import api as reports_api
from timeledger.timesheets import api as timesheets_api
from timeledger.webhooks import api as webhooks_api

router = DefaultRouter()
billing_api.register(router)
for module in (
    accounts_api,
    clients_api,
    projects_api,
    timesheets_api,
    rates_api,
    audit_api,
    contract_api,
    expenses_api,
):
    module.register(router)
for module in (
    invoice_api,
    estimates_api,
    payments_api,
    accounting_api,
    banking_api,
    webhooks_api,
    integrations_api,
):
    module.register(router)

# Own paths before the router's: ``invoices/final/`` must win over ``invoices/<pk>/`` and
# banking's settings over ``bank-statements/<pk>/``.
urlpatterns = (
    einvoicing_api.extra_urls
    + autosend_api.extra_urls
    + billing_api.extra_urls
    + banking_api.extra_urls
    + accounting_api.extra_urls
    + router.urls
    + [
        url
        for module in (timesheets_api, rates_api, approval_api, reports_api, contract_api)
        for url in getattr(module, "extra_urls", [])
    ]
)
urlpatterns += payments_api.extra_urls
urlpatterns += webhooks_api.extra_urls
urlpatterns += onboarding_api.extra_urls
