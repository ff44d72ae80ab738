from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "timeledger.billing"
    label = "billing"

    def ready(self):
        from timeledger.billing import sqlite_triggers
        from timeledger.billing.rules import hold_reason_text
        from timeledger.core import stored_text

        sqlite_triggers.install()
        stored_text.register("hold_reason", hold_reason_text)
