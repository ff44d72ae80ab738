from django.apps import AppConfig


class TimesheetsConfig(AppConfig):
    name = "timeledger.timesheets"
    label = "timesheets"

    def ready(self) -> None:
        from timeledger.projects import signals
        from timeledger.timesheets import rounding_services

        signals.rounding_changed.connect(
            rounding_services.on_project_rounding_changed, dispatch_uid="timesheets.rerounding"
        )
