from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "timeledger.webhooks"
    label = "webhooks"

    def ready(self) -> None:
        from timeledger.core import events
        from timeledger.webhooks import services

        events.event_emitted.connect(services.on_event, dispatch_uid="webhooks.on_event")
