from django.apps import AppConfig


class BankingConfig(AppConfig):
    name = "timeledger.banking"
    label = "banking"

    def ready(self) -> None:
        from timeledger.banking import receivers  # noqa: F401 — connects the signal receivers
        from timeledger.banking.rules import note_text
        from timeledger.core import stored_text

        stored_text.register("bank_note", note_text)
