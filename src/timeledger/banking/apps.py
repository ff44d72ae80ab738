from django.apps import AppConfig


class BankingConfig(AppConfig):
    name = "timeledger.banking"
    label = "banking"
