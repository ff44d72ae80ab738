from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "timeledger.reports"
    label = "reports"
