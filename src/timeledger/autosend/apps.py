from django.apps import AppConfig


class AutosendConfig(AppConfig):
    name = "timeledger.autosend"
    label = "autosend"
    verbose_name = "Touchless invoicing"

    def ready(self) -> None:
        from timeledger.autosend.rules import message_text
        from timeledger.core import stored_text

        stored_text.register("review_message", message_text)
