from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "timeledger.core"
    label = "core"
