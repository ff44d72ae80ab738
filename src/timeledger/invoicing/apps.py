from django.apps import AppConfig


class InvoicingConfig(AppConfig):
    name = "timeledger.invoicing"
    label = "invoicing"
