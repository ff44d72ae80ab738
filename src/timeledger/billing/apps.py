from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "timeledger.billing"
    label = "billing"

    def ready(self):
        from timeledger.billing import sqlite_triggers

        sqlite_triggers.install()
