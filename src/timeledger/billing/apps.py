from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "timeledger.billing"
    label = "billing"
