from django.apps import AppConfig


class TimesheetsConfig(AppConfig):
    name = "timeledger.timesheets"
    label = "timesheets"
