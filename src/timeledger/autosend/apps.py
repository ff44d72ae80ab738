from django.apps import AppConfig


class AutosendConfig(AppConfig):
    name = "timeledger.autosend"
    label = "autosend"
    verbose_name = "Touchless invoicing"
