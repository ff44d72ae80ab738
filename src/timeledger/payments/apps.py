from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "timeledger.payments"
    label = "payments"
