from django.apps import AppConfig


class AccountingConfig(AppConfig):
    name = "timeledger.accounting"
    label = "accounting"
