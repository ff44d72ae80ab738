from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "timeledger.integrations"
    label = "integrations"
