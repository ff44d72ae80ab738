from django.apps import AppConfig


class InvoicingConfig(AppConfig):
    name = "timeledger.invoicing"
    label = "invoicing"

    def ready(self):
        from timeledger.invoicing import checks  # noqa: F401 - registers the system checks
