from django.apps import AppConfig


class RatesConfig(AppConfig):
    name = "timeledger.rates"
    label = "rates"
