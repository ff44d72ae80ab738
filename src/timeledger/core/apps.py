from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "timeledger.core"
    label = "core"

    def ready(self):
        from timeledger.core import sqlite

        sqlite.install()
