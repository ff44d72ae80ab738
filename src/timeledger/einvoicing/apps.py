from django.apps import AppConfig


class EinvoicingConfig(AppConfig):
    name = "timeledger.einvoicing"
    label = "einvoicing"

    def ready(self) -> None:
        # Receivers of invoicing's signals: validate before the number, store after it.
        from timeledger.einvoicing import receivers  # noqa: F401
