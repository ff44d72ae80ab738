from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "timeledger.contracts"
    label = "contracts"
