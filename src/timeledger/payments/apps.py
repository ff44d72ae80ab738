from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "timeledger.payments"
    label = "payments"

    def ready(self) -> None:
        from timeledger.invoicing import signals
        from timeledger.payments import views

        signals.invoice_detail_context.connect(views.invoice_panel, dispatch_uid="payments.panel")
